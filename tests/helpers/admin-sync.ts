// The admin CLI in-process with a test's EHR connection: the connection is read from the environment (as in
// production), so the variables are set for the one command and put back after it.
import { runAdmin } from '../../server/cli/admin.ts';
import type { ProgressStream } from '../../server/cli/sync-progress.ts';

export interface AdminRun {
  out: string;
  /** What went to the progress stream (stderr in production). */
  progress: string;
}

export async function adminWithEnv(
  env: Record<string, string>,
  argv: string[],
  o: { tty?: boolean; columns?: number } = {},
): Promise<AdminRun> {
  const out: string[] = [];
  const progress: string[] = [];
  const stream: ProgressStream = { write: (s) => void progress.push(s), isTTY: o.tty ?? false, columns: o.columns };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    await runAdmin(argv, (s) => out.push(s), stream);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { out: out.join('\n'), progress: progress.join('') };
}
