import { describe, expect, it } from 'vitest';
import type { BatchEvent } from '../sync/run-pull.ts';
import { syncProgressLine, syncProgressPrinter } from './sync-progress.ts';

const ERASE = '\x1b[K';

const event = (o: Partial<BatchEvent> = {}): BatchEvent => ({
  label: 'Observation page 1',
  progress: undefined,
  counts: {},
  batches: 1,
  records: 0,
  refused: 0,
  ...o,
});

/** A stream that keeps what was written; `elapsed` is moved by hand. */
function sink(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  let ms = 0;
  return {
    stream: { write: (s: string) => void written.push(s), isTTY, columns },
    text: () => written.join(''),
    elapsed: () => ms,
    wait: (n: number) => (ms += n),
  };
}

describe('syncProgressLine', () => {
  it('draws a bar when the adapter knows the total', () => {
    const line = syncProgressLine(
      event({
        label: '0002-export.json',
        progress: { of: 'bestanden', done: 2, total: 8 },
        batches: 2,
        records: 1234,
      }),
      3_600,
    );
    expect(line).toBe(
      `[${'█'.repeat(8)}${'░'.repeat(22)}] 25% bestanden 2/8 · 0002-export.json · 2 batches · 1.234 records · 4 s`,
    );
  });

  it('without a total: a spinner, the resource being read and the counts so far', () => {
    const e = event({ progress: { of: 'Observation', done: 400 }, batches: 1, records: 1, refused: 1 });
    expect(syncProgressLine(e, 0, 0)).toBe(
      '⠋ Observation 400 gelezen · Observation page 1 · 1 batch · 1 record · 1 geweigerd · 0 s',
    );
    // The next frame turns the spinner.
    expect(syncProgressLine(e, 0, 1)).toMatch(/^⠙ /);
    expect(syncProgressLine(event({ label: 'deleted in the EHR' }), 0)).toMatch(/^⠋ · deleted in the EHR · /);
  });
});

describe('syncProgressPrinter', () => {
  it('in a terminal redraws one line, never wider than the terminal, and ends it after the run', () => {
    const s = sink(true, 40);
    const p = syncProgressPrinter(s.stream, s.elapsed);
    p.update(event({ progress: { of: 'bestanden', done: 1, total: 2 } }));
    p.update(event({ progress: { of: 'bestanden', done: 2, total: 2 }, batches: 2 }));
    p.finish();
    const draws = s.text().split('\r').slice(1);
    expect(draws).toHaveLength(2);
    // Each draw ends with the erase-to-end-of-line sequence (ESC [ K), then the final newline.
    for (const d of draws) expect([...d.replace(ERASE, '').trimEnd()].length).toBeLessThan(40);
    expect(s.text().endsWith(`${ERASE}\n`)).toBe(true);
    expect(s.text().match(/\n/g)).toHaveLength(1);
  });

  it('elsewhere prints plain lines: each tenth of a total, a new resource, and now and then while it lasts', () => {
    const s = sink(false);
    const p = syncProgressPrinter(s.stream, s.elapsed);
    for (let done = 1; done <= 100; done++) p.update(event({ progress: { of: 'bestanden', done, total: 100 } }));
    // 1 %, then 10 %, 20 % … 100 %: eleven lines for a hundred files.
    expect(s.text().split('\n').filter(Boolean)).toHaveLength(11);

    const u = sink(false);
    const q = syncProgressPrinter(u.stream, u.elapsed);
    for (let page = 1; page <= 20; page++) q.update(event({ progress: { of: 'Observation', done: page * 200 } }));
    q.update(event({ progress: { of: 'Appointment', done: 50 } }));
    // The first Observation page and the first Appointment page; the pages in between came within seconds.
    expect(u.text().split('\n').filter(Boolean)).toHaveLength(2);
    u.wait(6_000);
    q.update(event({ progress: { of: 'Appointment', done: 100 } }));
    q.update(event({ progress: { of: 'Appointment', done: 150 } }));
    q.finish();
    const lines = u.text().split('\n').filter(Boolean);
    // One after the pause, and the last state at the end.
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toContain('Appointment 150 gelezen');
    expect(u.text()).not.toContain('\r');
  });

  it('prints nothing for a run without batches', () => {
    const s = sink(false);
    const p = syncProgressPrinter(s.stream, s.elapsed);
    p.finish();
    expect(s.text()).toBe('');
  });
});
