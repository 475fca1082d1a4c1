// The file-drop adapter (issue 6 §1): the EHR writes JSON files (shared/sync/file-drop.ts) into a folder; each run
// imports them oldest name first. A good file moves to done/ after its rows committed; a file with one bad record
// imports nothing and moves to failed/ beside a readable report (<name>.fouten.txt). The EHR should write a file under
// another name first (e.g. .tmp) and rename it to .json when complete: only *.json files are read.
// Client reports go the other way as files in to-ehr/.
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileDropHeader, FileDropRecord } from '../../shared/sync/file-drop.ts';
import type { SyncProblem } from '../db/repos/sync-runs.ts';
import type { ClientReportOut, EhrAdapter, Health, ImportRecord, PullBatch } from './adapter.ts';

/** Larger files are refused: the EHR should split its export (each file is one transaction). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export const CLIENT_REPORTS_FORMAT = 'clientportaal.client-reports';

function problem(file: string, where: string, message: string): SyncProblem {
  return { where: where ? `${file} ${where}` : file, message };
}

/** Reads and checks one file: every record, so the report names all bad ones, not just the first. */
export async function readDropFile(file: string): Promise<{ records: ImportRecord[] } | { problems: SyncProblem[] }> {
  const name = path.basename(file);
  const stat = await fs.stat(file);
  if (stat.size > MAX_FILE_BYTES) return { problems: [problem(name, '', `bigger than ${MAX_FILE_BYTES} bytes`)] };
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    return { problems: [problem(name, '', `not valid JSON: ${(err as Error).message}`)] };
  }
  const header = FileDropHeader.safeParse(json);
  if (!header.success) {
    return {
      problems: header.error.issues.map((i) => problem(name, i.path.join('.') || 'header', i.message)),
    };
  }
  const records: ImportRecord[] = [];
  const problems: SyncProblem[] = [];
  header.data.records.forEach((raw, index) => {
    const r = FileDropRecord.safeParse(raw);
    if (r.success) records.push(r.data);
    else {
      const id = (raw as { id?: unknown } | null)?.id;
      const where = `record ${index + 1}${typeof id === 'string' ? ` (${id})` : ''}`;
      for (const i of r.error.issues)
        problems.push(problem(name, where, `${i.path.join('.') || 'record'}: ${i.message}`));
    }
  });
  return problems.length > 0 ? { problems } : { records };
}

/** Moves a file into a subfolder without overwriting an earlier file of the same name. */
async function moveInto(file: string, folder: string, stamp: string): Promise<string> {
  await fs.mkdir(folder, { recursive: true });
  let target = path.join(folder, path.basename(file));
  try {
    await fs.access(target);
    target = path.join(folder, `${path.basename(file, '.json')}.${stamp}.json`);
  } catch {
    // free
  }
  await fs.rename(file, target);
  return target;
}

export function fileDropAdapter(o: { dir: string; source: string; now: () => Date }): EhrAdapter {
  const done = path.join(o.dir, 'done');
  const failed = path.join(o.dir, 'failed');
  const toEhr = path.join(o.dir, 'to-ehr');
  const stamp = () => o.now().toISOString().replace(/[:.]/g, '-');

  return {
    source: o.source,

    async *pull(): AsyncIterable<PullBatch> {
      const names = (await fs.readdir(o.dir, { withFileTypes: true }))
        .filter((e) => e.isFile() && e.name.endsWith('.json'))
        .map((e) => e.name)
        .sort();
      for (const [index, name] of names.entries()) {
        const file = path.join(o.dir, name);
        const read = await readDropFile(file);
        const progress = { of: 'bestanden', done: index + 1, total: names.length };
        if ('problems' in read) {
          yield {
            label: name,
            progress,
            rejected: read.problems,
            handled: async () => {
              const moved = await moveInto(file, failed, stamp());
              const report = [
                `Bestand ${name} is niet ingelezen: niets uit dit bestand staat in het portaal.`,
                `Verbeter de fouten hieronder en zet het bestand opnieuw in de map.`,
                '',
                ...read.problems.map((p) => `- ${p.where}: ${p.message}`),
                '',
              ].join('\n');
              await fs.writeFile(moved.replace(/\.json$/, '.fouten.txt'), report, 'utf8');
            },
          };
          continue;
        }
        yield {
          label: name,
          progress,
          records: read.records,
          cursor: name,
          committed: async () => {
            await moveInto(file, done, stamp());
          },
        };
      }
    },

    async push(reports: ClientReportOut[]): Promise<number[]> {
      if (reports.length === 0) return [];
      await fs.mkdir(toEhr, { recursive: true });
      const name = `client-reports-${stamp()}.json`;
      const body = { format: CLIENT_REPORTS_FORMAT, version: 1, exportedAt: o.now().toISOString(), reports };
      // Written under a temporary name and renamed, so the EHR never reads half a file.
      const tmp = path.join(toEhr, `${name}.tmp`);
      await fs.writeFile(tmp, JSON.stringify(body, null, 2), 'utf8');
      await fs.rename(tmp, path.join(toEhr, name));
      return reports.map((r) => r.id);
    },

    async health(): Promise<Health> {
      // Each reason names what the administrator has to fix: a mount that went away, a file in the folder's place,
      // rights (the portal moves files to done/ and writes to-ehr/, so it needs to write as well as read).
      try {
        if (!(await fs.stat(o.dir)).isDirectory()) return { ok: false, reason: `${o.dir} is not a folder` };
        await fs.access(o.dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
        return { ok: true };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        return {
          ok: false,
          reason: code === 'ENOENT' ? `folder ${o.dir} is missing` : `folder ${o.dir} is not readable and writable`,
        };
      }
    },
  };
}
