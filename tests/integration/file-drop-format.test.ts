import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_DROP_FORMAT, FileDropHeader, FileDropRecord } from '../../shared/sync/file-drop.ts';

const example = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../shared/sync/file-drop-example.json'), 'utf8'),
);

describe('file-drop format', () => {
  it('the example file in the repository is valid, every record of it', () => {
    const header = FileDropHeader.parse(example);
    expect(header.format).toBe(FILE_DROP_FORMAT);
    const records = header.records.map((r) => FileDropRecord.parse(r));
    expect(records.map((r) => r.type)).toEqual([
      'report',
      'form',
      'appointment',
      'person',
      'contact',
      'plan',
      'delete',
    ]);
  });

  it('times are normalised to UTC, so the same moment with another offset is the same value', () => {
    const r = FileDropRecord.parse(example.records[0]);
    expect(r.type === 'report' && r.occurredAt).toBe('2026-12-04T06:45:00.000Z');
  });

  it('refuses another version, unknown fields, an end before the start and missing text', () => {
    expect(FileDropHeader.safeParse({ ...example, version: 2 }).success).toBe(false);
    expect(FileDropHeader.safeParse({ ...example, extra: 1 }).success).toBe(false);
    const [report, , appointment] = example.records;
    expect(FileDropRecord.safeParse({ ...report, colour: 'red' }).success).toBe(false);
    expect(FileDropRecord.safeParse({ ...report, text: '  ' }).success).toBe(false);
    expect(FileDropRecord.safeParse({ ...report, occurredAt: '4 december' }).success).toBe(false);
    const backwards = FileDropRecord.safeParse({ ...appointment, end: appointment.start });
    expect(backwards.success).toBe(false);
    expect(backwards.error!.issues[0]!.message).toBe('end_before_start');
    expect(FileDropRecord.safeParse({ type: 'delete', resource: 'board', id: 'x' }).success).toBe(false);
    // A version names one version of a plan; for anything else it is refused.
    expect(FileDropRecord.safeParse({ type: 'delete', resource: 'plan', id: 'x', version: 2 }).success).toBe(true);
    const versioned = FileDropRecord.safeParse({ type: 'delete', resource: 'report', id: 'x', version: 2 });
    expect(versioned.error!.issues[0]!.message).toBe('only_for_plans');
  });
});
