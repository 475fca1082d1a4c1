import { describe, expect, it } from 'vitest';
import type { ClientAccess } from '../../../shared/api/clients.ts';
import { choiceKey, parseStoredId, pickClient, readChoice, writeChoice } from './client-choice.ts';

const none = { messages: false, appointments: false, dossier: false, data: false, settings: false };
const client = (id: number, displayName: string, role: ClientAccess['role'] = 'contact'): ClientAccess => ({
  id,
  displayName,
  role,
  relation: role === 'client' ? null : 'Dochter',
  rights: none,
  mayManage: role === 'client',
});

describe('client choice', () => {
  const list = [client(3, 'Jan de Vries'), client(5, 'Truus van Dorp')];

  it('keys the choice by user', () => {
    expect(choiceKey(7)).toBe('cp.client.7');
    expect(choiceKey(7)).not.toBe(choiceKey(8));
  });

  it('reads only positive integers', () => {
    expect(parseStoredId('5')).toBe(5);
    for (const bad of [null, undefined, '', '0', '-1', '1.5', 'abc', '5 ', '99999999999']) {
      expect(parseStoredId(bad), String(bad)).toBeNull();
    }
  });

  it('picks the remembered client when it is still in the list', () => {
    expect(pickClient(list, 5)?.id).toBe(5);
  });

  it('falls back to the user’s own portal, else the first client, when the remembered one is gone', () => {
    expect(pickClient(list, 99)?.id).toBe(3);
    expect(pickClient(list, null)?.id).toBe(3);
    expect(pickClient([...list, client(9, 'Zelf', 'client')], null)?.id).toBe(9);
    expect(pickClient([], 5)).toBeNull();
  });

  it('stores and reads through localStorage, surviving a storage that throws', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => map.set(k, v) };
    writeChoice(7, 5, storage);
    expect(map.get('cp.client.7')).toBe('5');
    expect(readChoice(7, storage)).toBe(5);
    expect(readChoice(8, storage)).toBeNull();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readChoice(7, broken)).toBeNull();
    expect(() => writeChoice(7, 5, broken)).not.toThrow();
    expect(readChoice(7, undefined)).toBeNull();
  });
});
