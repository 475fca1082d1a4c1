import { describe, expect, it } from 'vitest';
import { accessEndOf, isLocked, lastDayOf, mayManage, today } from './rules.ts';
import type { Rights } from '../../shared/sections.ts';

const none: Rights = { messages: false, appointments: false, dossier: false, data: false, settings: false };
const all: Rights = { messages: true, appointments: true, dossier: true, data: true, settings: true };

describe('network rules', () => {
  it('the client, the representative and EHR-registered contacts carry the lock; other contacts do not', () => {
    expect(isLocked({ role: 'client', locked: false })).toBe(true);
    expect(isLocked({ role: 'representative', locked: false })).toBe(true);
    expect(isLocked({ role: 'contact', locked: true })).toBe(true);
    expect(isLocked({ role: 'contact', locked: false })).toBe(false);
  });

  it('the client and representative manage; a contact only with Instellingen and where the organisation delegates', () => {
    const careyn = { delegateSettings: true };
    const svrz = { delegateSettings: false };
    for (const o of [careyn, svrz]) {
      expect(mayManage({ role: 'client', rights: all }, o)).toBe(true);
      expect(mayManage({ role: 'representative', rights: all }, o)).toBe(true);
      expect(mayManage({ role: 'contact', rights: { ...all, settings: false } }, o)).toBe(false);
    }
    expect(mayManage({ role: 'contact', rights: { ...none, settings: true } }, careyn)).toBe(true);
    expect(mayManage({ role: 'contact', rights: { ...none, settings: true } }, svrz)).toBe(false);
  });

  it('access lasts through the last day, Amsterdam time, in winter and in summer', () => {
    expect(accessEndOf('2026-12-31')).toBe('2026-12-31T23:00:00.000Z');
    expect(accessEndOf('2026-07-15')).toBe('2026-07-15T22:00:00.000Z');
    // the night the clocks go forward (29 March 2026)
    expect(accessEndOf('2026-03-28')).toBe('2026-03-28T23:00:00.000Z');
    expect(accessEndOf('2026-03-29')).toBe('2026-03-29T22:00:00.000Z');
    for (const day of ['2026-12-31', '2026-07-15', '2026-03-28', '2026-10-25', '2028-02-29']) {
      expect(lastDayOf(accessEndOf(day))).toBe(day);
    }
  });

  it('today is the Amsterdam date', () => {
    expect(today(new Date('2026-11-22T22:59:59Z'))).toBe('2026-11-22');
    expect(today(new Date('2026-11-22T23:00:00Z'))).toBe('2026-11-23');
  });
});
