import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open.ts';
import { insertClient } from './clients.ts';
import {
  countAppointments,
  findAppointment,
  insertOwnAppointment,
  lastSyncedAt,
  listAppointments,
  listUpcoming,
  softDeleteOwnAppointment,
  updateOwnAppointment,
  upsertCareAppointment,
} from './appointments.ts';
import { upsertStaffMember } from './staff-members.ts';

let db: Db;
let clientId: number;
let otherClientId: number;
const userId = 1;

const own = (startsAt: string, endsAt: string, description = 'Bezoek', client = clientId) =>
  insertOwnAppointment(db, {
    clientId: client,
    kind: 'visit',
    startsAt,
    endsAt,
    description,
    location: null,
    createdByUserId: userId,
    at: '2026-11-22T10:00:00.000Z',
  });

const care = (externalId: string, startsAt: string, endsAt: string, syncedAt: string, staffMemberId = null) =>
  upsertCareAppointment(db, {
    clientId,
    startsAt,
    endsAt,
    description: 'Fysiotherapie',
    location: null,
    staffMemberId,
    source: 'ehr',
    externalId,
    syncedAt,
  });

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (1, 'truus', 'Truus van Dorp', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
  ).run();
  clientId = insertClient(db, userId, 'Truus van Dorp', 't');
  otherClientId = insertClient(db, null, 'Maria de Bruin', 't');
});

describe('appointments repo', () => {
  it('lists what overlaps the range, by start, with the author', () => {
    const late = own('2026-11-25T10:00:00.000Z', '2026-11-25T11:00:00.000Z', 'Later');
    const early = own('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z', 'Eerder');
    own('2026-11-01T10:00:00.000Z', '2026-11-01T11:00:00.000Z', 'Voorbij');
    own('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z', 'Andere cliënt', otherClientId);
    // Overlaps the range's start: still shown
    const running = own('2026-11-21T23:00:00.000Z', '2026-11-22T01:00:00.000Z', 'Nacht');
    const list = listAppointments(db, clientId, '2026-11-22T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    expect(list.map((a) => a.id)).toEqual([running, early, late]);
    expect(list[1]).toMatchObject({
      kind: 'visit',
      description: 'Eerder',
      createdBy: { userId, name: 'Truus van Dorp' },
      staff: null,
      source: null,
    });
  });

  it('upcoming: not yet over at now, by start, limited', () => {
    own('2026-11-22T09:00:00.000Z', '2026-11-22T09:30:00.000Z', 'Over');
    const running = own('2026-11-22T09:30:00.000Z', '2026-11-22T11:00:00.000Z', 'Bezig');
    const ids = [running];
    for (let i = 1; i <= 5; i++) ids.push(own(`2026-11-2${2 + i}T10:00:00.000Z`, `2026-11-2${2 + i}T11:00:00.000Z`));
    expect(listUpcoming(db, clientId, '2026-11-22T10:00:00.000Z', 4).map((a) => a.id)).toEqual(ids.slice(0, 4));
  });

  it('care rows are upserted by (source, external id), with the staff member and photo', () => {
    const staff = upsertStaffMember(db, {
      displayName: 'Maria de Bruin',
      role: "EVV'er",
      photo: { data: Buffer.from([9]), type: 'image/png' },
      source: 'ehr',
      externalId: 'm-1',
      syncedAt: 't',
    });
    expect(
      upsertStaffMember(db, {
        displayName: 'Maria de Bruin-Jansen',
        role: "EVV'er",
        photo: null,
        source: 'ehr',
        externalId: 'm-1',
        syncedAt: 't2',
      }),
    ).toBe(staff);
    const id = upsertCareAppointment(db, {
      clientId,
      startsAt: '2026-11-25T13:00:00.000Z',
      endsAt: '2026-11-25T13:30:00.000Z',
      description: 'Bespreking',
      location: null,
      staffMemberId: staff,
      source: 'ehr',
      externalId: 'a-1',
      syncedAt: '2026-11-22T08:00:00.000Z',
    });
    expect(care('a-1', '2026-11-26T13:00:00.000Z', '2026-11-26T13:30:00.000Z', '2026-11-22T20:00:00.000Z')).toBe(id);
    expect(countAppointments(db, clientId, false)).toBe(1);
    expect(findAppointment(db, clientId, id)).toMatchObject({
      kind: 'care',
      startsAt: '2026-11-26T13:00:00.000Z',
      description: 'Fysiotherapie',
      source: 'ehr',
      externalId: 'a-1',
      staff: null,
    });
  });

  it('syncedUntil is the newest sync time of the client EHR rows, null without any', () => {
    own('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z');
    expect(lastSyncedAt(db, clientId)).toBeNull();
    care('a-1', '2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z', '2026-11-22T08:00:00.000Z');
    care('a-2', '2026-11-24T10:00:00.000Z', '2026-11-24T11:00:00.000Z', '2026-11-22T20:00:00.000Z');
    expect(lastSyncedAt(db, clientId)).toBe('2026-11-22T20:00:00.000Z');
    expect(lastSyncedAt(db, otherClientId)).toBeNull();
  });

  it('find: another client or a deleted row is not found', () => {
    const id = own('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z');
    expect(findAppointment(db, otherClientId, id)).toBeNull();
    expect(softDeleteOwnAppointment(db, id, '2026-11-22T11:00:00.000Z')).toBe(true);
    expect(findAppointment(db, clientId, id)).toBeNull();
    expect(softDeleteOwnAppointment(db, id, '2026-11-22T11:00:00.000Z')).toBe(false);
    expect(listAppointments(db, clientId, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toEqual([]);
  });

  it('update and delete never touch care rows', () => {
    const id = care('a-1', '2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z', 't');
    const change = {
      kind: 'call' as const,
      startsAt: '2026-11-23T10:00:00.000Z',
      endsAt: '2026-11-23T11:00:00.000Z',
      description: 'Gewijzigd',
      location: null,
    };
    expect(updateOwnAppointment(db, id, change, 'u')).toBe(false);
    expect(softDeleteOwnAppointment(db, id, 'u')).toBe(false);
    expect(findAppointment(db, clientId, id)).toMatchObject({ kind: 'care', description: 'Fysiotherapie' });
    const mine = own('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z');
    expect(updateOwnAppointment(db, mine, change, '2026-11-22T12:00:00.000Z')).toBe(true);
    expect(findAppointment(db, clientId, mine)).toMatchObject({
      kind: 'call',
      description: 'Gewijzigd',
      updatedAt: '2026-11-22T12:00:00.000Z',
    });
  });
});
