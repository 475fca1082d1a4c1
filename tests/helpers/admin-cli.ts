// The admin CLI in-process against a test portal's data directory (PORTAL_DATA_DIR set for the test, put back after).
import { afterEach, beforeEach } from 'vitest';
import { runAdmin } from '../../server/cli/admin.ts';
import { closeAll, startTestPortal, type TestPortal } from './portal.ts';

/** A fresh portal per test; `portal()` is that test's, `admin(...)` runs a command and returns its output. */
export function useAdminPortal(): { portal: () => TestPortal; admin: (...argv: string[]) => Promise<string> } {
  let tp: TestPortal | null = null;
  let savedDataDir: string | undefined;
  beforeEach(async () => {
    tp = await startTestPortal();
    savedDataDir = process.env.PORTAL_DATA_DIR;
    process.env.PORTAL_DATA_DIR = tp.dataDir;
  });
  afterEach(async () => {
    if (savedDataDir === undefined) delete process.env.PORTAL_DATA_DIR;
    else process.env.PORTAL_DATA_DIR = savedDataDir;
    await closeAll();
  });
  return {
    portal: () => tp!,
    admin: async (...argv) => {
      const out: string[] = [];
      await runAdmin(argv, (s) => out.push(s));
      return out.join('\n');
    },
  };
}
