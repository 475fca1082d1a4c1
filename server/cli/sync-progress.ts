// The progress display of `sync:run` on stderr (issue 6 §2), drawn like demo:seed's. The runner reports after each
// batch (a file, a FHIR page), so that is when the line moves. A bar needs a total: the file-drop adapter knows how
// many files it found, a FHIR server only when it sets Bundle.total (per resource type); otherwise a spinner with the
// counts so far. In a terminal the line is redrawn; elsewhere (CI logs, pipes, tests) carriage returns would pile up,
// so plain lines are printed: a new resource, each tenth of a known total, and a line now and then while it lasts.
import type { BatchEvent } from '../sync/run-pull.ts';
import { progressBar } from '../demo/scale/progress.ts';

export interface ProgressStream {
  write(s: string): void;
  isTTY: boolean;
  /** The terminal's width: a redrawn line that wraps can no longer be redrawn. */
  columns?: number | undefined;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Without a terminal and without a new tenth or resource: one line this often, so a long run shows it is alive. */
const PLAIN_EVERY_MS = 5000;

const counted = (n: number, one: string, many: string) => `${n.toLocaleString('nl-NL')} ${n === 1 ? one : many}`;

export function syncProgressLine(e: BatchEvent, elapsedMs: number, frame = 0): string {
  const p = e.progress;
  let head: string;
  if (p?.total !== undefined) {
    const share = p.total === 0 ? 1 : p.done / p.total;
    head = `${progressBar(share)} ${Math.floor(share * 100)}% ${p.of} ${p.done}/${p.total}`;
  } else {
    head = `${SPINNER[frame % SPINNER.length]}${p ? ` ${p.of} ${p.done} gelezen` : ''}`;
  }
  const parts = [head, e.label, counted(e.batches, 'batch', 'batches'), counted(e.records, 'record', 'records')];
  if (e.refused > 0) parts.push(`${e.refused} geweigerd`);
  parts.push(`${Math.round(elapsedMs / 1000)} s`);
  return parts.join(' · ');
}

/** Which plain line a batch belongs to: a new one is printed when this changes. */
function step(e: BatchEvent): string {
  const p = e.progress;
  if (!p) return e.label;
  return p.total === undefined ? p.of : `${p.of} ${Math.floor((p.done / Math.max(p.total, 1)) * 10)}`;
}

export interface SyncProgressPrinter {
  update(e: BatchEvent): void;
  /** After the run: ends the redrawn line, or prints the last state when it was not printed yet. */
  finish(): void;
}

export function syncProgressPrinter(stream: ProgressStream, elapsed: () => number): SyncProgressPrinter {
  let frame = 0;
  let last: BatchEvent | null = null;
  let printed: BatchEvent | null = null;
  let printedStep = '';
  let printedAt = 0;
  const fit = (line: string) => {
    const chars = [...line];
    return stream.columns && chars.length >= stream.columns ? chars.slice(0, stream.columns - 1).join('') : line;
  };
  return {
    update(e) {
      last = e;
      const now = elapsed();
      const line = syncProgressLine(e, now, frame++);
      if (stream.isTTY) {
        // Back to the start, the new line, then erase what a longer previous line left behind.
        stream.write(`\r${fit(line)}\x1b[K`);
        return;
      }
      if (printed === null || step(e) !== printedStep || now - printedAt >= PLAIN_EVERY_MS) {
        stream.write(`${line}\n`);
        printed = e;
        printedStep = step(e);
        printedAt = now;
      }
    },
    finish() {
      if (last === null) return;
      if (stream.isTTY) stream.write('\n');
      else if (printed !== last) stream.write(`${syncProgressLine(last, elapsed(), frame)}\n`);
    },
  };
}
