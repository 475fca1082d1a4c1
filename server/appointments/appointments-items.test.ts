import { describe, expect, it } from 'vitest';
import { isEditable, toItem } from './items.ts';
import type { Appointment } from '../db/repos/appointments.ts';

const own: Appointment = {
  id: 1,
  clientId: 7,
  kind: 'visit',
  startsAt: '2026-11-23T17:00:00.000Z',
  endsAt: '2026-11-23T19:00:00.000Z',
  description: 'Dochter komt eten',
  location: 'Thuis',
  staff: null,
  createdBy: { userId: 3, name: 'Truus van Dorp' },
  createdAt: 't',
  updatedAt: 't',
  source: null,
  externalId: null,
  syncedAt: null,
};
const care: Appointment = {
  ...own,
  id: 2,
  kind: 'care',
  description: "Bijzonderheden bespreken met de EVV'er",
  location: null,
  createdBy: null,
  staff: { id: 4, name: 'Maria de Bruin', role: "EVV'er", photo: { data: Buffer.from([1, 2, 3]), type: 'image/png' } },
  source: 'ehr',
  externalId: 'a-1',
  syncedAt: '2026-11-22T08:00:00.000Z',
};
const network = { viewer: 'network', hasRight: true } as const;
const staff = { viewer: 'staff', hasRight: true } as const;

describe('appointment items', () => {
  it('the network sees everything; its own appointments are editable, care appointments never', () => {
    expect(toItem(own, network)).toEqual({
      id: 1,
      kind: 'visit',
      startsAt: own.startsAt,
      endsAt: own.endsAt,
      description: 'Dochter komt eten',
      location: 'Thuis',
      staff: null,
      createdBy: { userId: 3, name: 'Truus van Dorp' },
      editable: true,
    });
    expect(toItem(care, network)).toMatchObject({
      kind: 'care',
      description: "Bijzonderheden bespreken met de EVV'er",
      staff: { name: 'Maria de Bruin', role: "EVV'er", photoUrl: 'data:image/png;base64,AQID' },
      editable: false,
    });
  });

  it('editable needs the Afspraken right and the network view', () => {
    expect(isEditable(own, network)).toBe(true);
    expect(isEditable(own, { viewer: 'network', hasRight: false })).toBe(false);
    expect(isEditable(own, staff)).toBe(false);
    expect(isEditable(care, network)).toBe(false);
  });

  it('care staff see that something is planned, never what', () => {
    for (const kind of ['visit', 'call', 'other'] as const) {
      expect(toItem({ ...own, kind }, staff)).toEqual({
        id: 1,
        kind: 'planned',
        startsAt: own.startsAt,
        endsAt: own.endsAt,
        description: null,
        location: null,
        staff: null,
        createdBy: null,
        editable: false,
      });
    }
  });

  it('care staff still see the care appointments from their own EHR, read-only', () => {
    expect(toItem(care, staff)).toMatchObject({ kind: 'care', description: care.description, editable: false });
  });

  it('a staff member without a photo has photoUrl null', () => {
    expect(toItem({ ...care, staff: { ...care.staff!, photo: null } }, network).staff?.photoUrl).toBeNull();
  });
});
