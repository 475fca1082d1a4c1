import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open.ts';
import {
  detailsSyncedAt,
  findClientDetails,
  findClientPhoto,
  listClientContacts,
  upsertClientContact,
  upsertClientDetails,
} from './client-details.ts';
import { sortContacts } from '../../details/service.ts';

function setup() {
  const db = openDatabase(':memory:');
  const clientId = Number(
    db.prepare(`INSERT INTO clients (user_id, display_name, created_at) VALUES (NULL, 'Truus', 't')`).run()
      .lastInsertRowid,
  );
  return { db, clientId };
}

const base = (clientId: number) => ({
  clientId,
  fullName: 'Truus van Dorp',
  birthDate: '1947-03-12',
  address: 'Dorpsstraat 12',
  postalCode: '3811 AB',
  city: 'Amersfoort',
  phone: null,
  clientNumber: '100234',
  location: null,
  ward: null,
  photo: null,
  source: 'ehr',
  externalId: 'c-1',
  syncedAt: '2026-11-22T10:00:00.000Z',
});

describe('client details repo', () => {
  it('upserts the one EHR record per client, with its photo and sync time', () => {
    const { db, clientId } = setup();
    expect(findClientDetails(db, clientId)).toBeNull();
    expect(detailsSyncedAt(db, clientId)).toBeNull();
    upsertClientDetails(db, base(clientId));
    expect(findClientDetails(db, clientId)).toMatchObject({ fullName: 'Truus van Dorp', hasPhoto: false });
    upsertClientDetails(db, {
      ...base(clientId),
      city: 'Utrecht',
      photo: { data: Buffer.from([9]), type: 'image/png' },
      syncedAt: '2026-11-23T10:00:00.000Z',
    });
    expect(findClientDetails(db, clientId)).toMatchObject({ city: 'Utrecht', hasPhoto: true });
    expect(findClientPhoto(db, clientId)).toEqual({ data: Buffer.from([9]), type: 'image/png' });
    expect(detailsSyncedAt(db, clientId)).toBe('2026-11-23T10:00:00.000Z');
  });

  it('contacts are upserted by (source, external id); sorted the Dutch way by the use case', () => {
    const { db, clientId } = setup();
    const add = (name: string, externalId: string) =>
      upsertClientContact(db, {
        clientId,
        name,
        relation: null,
        phone: null,
        email: null,
        source: 'ehr',
        externalId,
        syncedAt: 't',
      });
    const id = add('Willem', 'k-1');
    expect(add('Willem de Vries', 'k-1')).toBe(id);
    add('Ölaf Bakker', 'k-2');
    add('annie van Dorp', 'k-3');
    add('Olga Jansen', 'k-4');
    const list = listClientContacts(db, clientId);
    expect(list).toHaveLength(4);
    expect(sortContacts(list).map((c) => c.name)).toEqual([
      'annie van Dorp',
      'Ölaf Bakker', // Ö sorts as O (a code-point sort would put it after W)
      'Olga Jansen',
      'Willem de Vries',
    ]);
  });
});
