import { describe, expect, it } from 'vitest';
import { FileDropRecord } from '../../shared/sync/file-drop.ts';
import type { Refs } from './fhir-lookups.ts';
import { mapResource, parseResource, reportRecord } from './fhir-mapping.ts';

type Candidate = Parameters<typeof reportRecord>[0];
const plain: Candidate = {
  type: 'report',
  id: 'obs-1',
  client: '1001',
  occurredAt: '2026-12-06T09:30:00.000Z',
  title: 'Rapportage',
  text: 'Goed geslapen.',
  author: 'Marieke de Vries',
  discipline: 'Verzorging',
};

/** reportRecord may leave a record to the schema, but what it accepts must be exactly what the schema gives. */
function expectSameAsSchema(c: Candidate): 'fast' | 'schema' {
  const schema = FileDropRecord.safeParse(c);
  const fast = reportRecord(c);
  if (fast === undefined) return 'schema';
  expect(schema.success, JSON.stringify(c).slice(0, 200)).toBe(true);
  expect(fast.record).toEqual(schema.data);
  return 'fast';
}

describe('reportRecord: the file-drop rules of a report without zod', () => {
  it('takes a plain report as the schema does', () => {
    expect(expectSameAsSchema(plain)).toBe('fast');
    expect(expectSameAsSchema({ ...plain, title: null, author: null, discipline: null })).toBe('fast');
  });

  it('agrees with the schema on instants, and leaves those with an offset or another precision to it', () => {
    const instants = [
      '2024-02-29T10:00:00.000Z',
      '2000-02-29T10:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2026-02-29T10:00:00.000Z',
      '1900-02-29T10:00:00.000Z',
      '2026-04-31T10:00:00.000Z',
      '2026-13-01T10:00:00.000Z',
      '2026-00-01T10:00:00.000Z',
      '2026-01-00T10:00:00.000Z',
      '2026-12-06T24:00:00.000Z',
      '2026-12-06T23:60:00.000Z',
      '2026-12-06T23:59:60.000Z',
      '2026-12-06T10:00:00Z',
      '2026-12-06T10:00:00.0Z',
      '2026-12-06T10:00:00.123456Z',
      '2026-12-06T10:00:00.000+01:00',
      '2026-12-06T10:00:00.000z',
      '2026-12-06t10:00:00.000Z',
      '2026-12-06 10:00:00.000Z',
      ' 2026-12-06T10:00:00.000Z',
      '+012026-12-06T10:00:00.000Z',
      '2026-12-06',
      '',
      undefined,
    ];
    // And a spread of ordinary ones over the years 0 … 9999, as toISOString writes them.
    for (let i = 0; i < 500; i++) instants.push(new Date(-62_167_219_200_000 + i * 631_138_519_951).toISOString());
    const paths = instants.map((occurredAt) => expectSameAsSchema({ ...plain, occurredAt }));
    expect(paths.filter((p) => p === 'fast').length).toBeGreaterThan(500);
    expect(paths.slice(4, 25).every((p) => p === 'schema')).toBe(true);
  });

  it('agrees with the schema on texts: trimmed, not empty, within their limits', () => {
    const texts = [
      'x',
      ' x ',
      '\u00a0x\u00a0',
      '\ufeffx',
      '',
      '   ',
      'a'.repeat(80),
      'a'.repeat(81),
      ` ${'a'.repeat(80)} `,
    ];
    for (const s of texts) {
      for (const field of ['id', 'client', 'title', 'text', 'author', 'discipline'] as const) {
        expectSameAsSchema({ ...plain, [field]: s });
      }
    }
    for (const [field, max] of [
      ['id', 128],
      ['client', 128],
      ['title', 200],
      ['text', 20_000],
      ['author', 120],
      ['discipline', 80],
    ] as const) {
      expect(expectSameAsSchema({ ...plain, [field]: 'z'.repeat(max) })).toBe('fast');
      expect(expectSameAsSchema({ ...plain, [field]: ` ${'z'.repeat(max)} ` })).toBe('fast');
      expect(expectSameAsSchema({ ...plain, [field]: 'z'.repeat(max + 1) })).toBe('schema');
    }
    expect(reportRecord({ ...plain, title: '  Dagrapportage ' })?.record).toMatchObject({ title: 'Dagrapportage' });
  });
});

describe('mapResource of an Observation', () => {
  const refs: Refs = {
    clientOf: (ref) => (ref?.reference === 'Patient/cl-1' ? '1001' : null),
    practitioner: () => undefined,
    questionnaireTitle: () => null,
  };
  const observation = (over: object) => ({
    resourceType: 'Observation',
    id: 'obs-1',
    status: 'final',
    code: { text: 'Rapportage' },
    subject: { reference: 'Patient/cl-1' },
    effectiveDateTime: '2026-12-06T09:30:00.000Z',
    valueString: 'Goed geslapen.',
    ...over,
  });
  const map = (raw: object) => {
    const parsed = parseResource('Observation', raw);
    if (!('resource' in parsed)) throw new Error(parsed.problem.message);
    return mapResource(parsed.resource, raw, refs);
  };

  it('normalises an instant with an offset to UTC (through the schema)', () => {
    expect(map(observation({ effectiveDateTime: '2026-12-06T10:30:00+01:00' }))).toEqual({
      record: expect.objectContaining({ type: 'report', occurredAt: '2026-12-06T09:30:00.000Z' }),
    });
  });

  it('reports what the file-drop format refuses, by the element it came from', () => {
    expect(map(observation({ effectiveDateTime: '2026-12-06' }))).toEqual({
      problem: { where: 'Observation/obs-1', message: 'occurredAt (effective[x]/authored): Invalid ISO datetime' },
    });
    expect(map(observation({ valueString: 'x'.repeat(20_001) }))).toEqual({
      problem: {
        where: 'Observation/obs-1',
        message: 'text (valueString/note): Too big: expected string to have <=20000 characters',
      },
    });
  });
});
