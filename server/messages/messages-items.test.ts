import { describe, expect, it } from 'vitest';
import { othersIn, toMessageItem, toRecipient } from './items.ts';
import { firstLine } from '../../shared/api/messages.ts';
import type { Message } from '../db/repos/messages.ts';

const message = (o: Partial<Message> = {}): Message => ({
  id: 1,
  threadId: 1,
  author: { userId: 2, name: 'Annie van Dorp', careTeam: false },
  body: 'Hoi',
  sentAt: 't',
  toCareTeam: false,
  sentToEhrAt: null,
  source: null,
  externalId: null,
  syncedAt: null,
  ...o,
});

describe('message items', () => {
  it('names everyone but the caller, the care team last', () => {
    const people = [
      { userId: 1, name: 'Truus van Dorp' },
      { userId: 2, name: 'Annie van Dorp' },
    ];
    expect(othersIn(people, false, 1)).toEqual(['Annie van Dorp']);
    expect(othersIn(people, true, 2)).toEqual(['Truus van Dorp', 'Zorgteam']);
  });

  it('a message to the care team waits for the sync until sent; mine and unread are per caller', () => {
    expect(toMessageItem(message({ toCareTeam: true }), new Set([1]), 2)).toMatchObject({
      awaitingSync: true,
      mine: true,
      unread: true,
    });
    expect(toMessageItem(message({ toCareTeam: true, sentToEhrAt: 's' }), new Set(), 3)).toMatchObject({
      awaitingSync: false,
      mine: false,
      unread: false,
    });
  });

  it('the client is called Cliënt; contacts by their relation', () => {
    expect(toRecipient({ userId: 1, name: 'Truus', role: 'client', relation: null }).relation).toBe('Cliënt');
    expect(toRecipient({ userId: 2, name: 'Annie', role: 'contact', relation: 'Dochter' }).relation).toBe('Dochter');
  });

  it('the first line: the first non-empty line, trimmed and shortened', () => {
    expect(firstLine('\n  Hoi Annie,  \nTot zo')).toBe('Hoi Annie,');
    expect(firstLine('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(firstLine('')).toBe('');
  });
});
