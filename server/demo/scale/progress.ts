// The progress bar of `demo:seed --clients N`: one line, redrawn in a terminal, printed every tenth otherwise
// (CI logs and pipes do not understand carriage returns).
import type { ScaleProgress } from './build.ts';

const WIDTH = 30;

/** The bar itself, also drawn by `sync:run` (server/cli/sync-progress.ts). */
export function progressBar(share: number): string {
  const filled = Math.round(Math.min(Math.max(share, 0), 1) * WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}]`;
}

export function progressLine(p: ScaleProgress, elapsedMs: number): string {
  const share = p.total === 0 ? 1 : p.done / p.total;
  const bar = progressBar(share);
  const rows = p.rows.toLocaleString('nl-NL');
  return `${bar} ${Math.floor(share * 100)}% ${p.done}/${p.total} cliënten · ${rows} rijen · ${Math.round(elapsedMs / 1000)} s`;
}

/** A progress callback writing to a stream; `tty` decides between redrawing and printing every tenth. */
export function progressPrinter(
  write: (s: string) => void,
  tty: boolean,
  elapsed: () => number,
): (p: ScaleProgress) => void {
  let lastTenth = -1;
  return (p) => {
    const line = progressLine(p, elapsed());
    if (tty) {
      write(`\r${line}${p.done >= p.total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((p.done / Math.max(p.total, 1)) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      write(`${line}\n`);
    }
  };
}
