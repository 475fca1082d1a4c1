// `npm run admin -- member:rights`: staff set a contact's section rights (until the client's own grid exists).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, runAdmin } from '../../server/cli/admin.ts';
import { findMemberRow } from '../../server/db/repos/memberships.ts';
import { closeAll, count, startTestPortal, type TestPortal } from '../helpers/portal.ts';

let tp: TestPortal;
let saved: string | undefined;

beforeEach(async () => {
  tp = await startTestPortal();
  saved = process.env.PORTAL_DATA_DIR;
  process.env.PORTAL_DATA_DIR = tp.dataDir;
  await runAdmin(['demo:seed'], () => {});
});
afterEach(async () => {
  if (saved === undefined) delete process.env.PORTAL_DATA_DIR;
  else process.env.PORTAL_DATA_DIR = saved;
  await closeAll();
});

async function admin(...argv: string[]): Promise<string> {
  const out: string[] = [];
  await runAdmin(argv, (s) => out.push(s));
  return out.join('\n');
}

const rightsOfAnnie = () => {
  const truus = tp.portal.db
    .prepare(`SELECT c.id FROM clients c JOIN users u ON u.id = c.user_id WHERE u.username = 'truus'`)
    .get() as { id: number };
  const annie = tp.portal.db.prepare(`SELECT id FROM users WHERE username = 'annie'`).get() as { id: number };
  return findMemberRow(tp.portal.db, truus.id, annie.id)!.rights;
};

describe('member:rights', () => {
  it('sets exactly the named sections, in Dutch or English words, and audits it', async () => {
    expect(
      await admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'afspraken,Berichten'),
    ).toContain('afspraken, berichten');
    expect(rightsOfAnnie()).toEqual({
      messages: true,
      appointments: true,
      dossier: false,
      data: false,
      settings: false,
    });
    await admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'dossier');
    expect(rightsOfAnnie()).toEqual({
      messages: false,
      appointments: false,
      dossier: true,
      data: false,
      settings: false,
    });
    await admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'geen');
    expect(Object.values(rightsOfAnnie()).some(Boolean)).toBe(false);
    expect(count(tp, 'audit_log', `action = 'admin.member-rights'`)).toBe(3);
  });

  it('refuses unknown sections, strangers and the client himself, changing nothing', async () => {
    await expect(
      admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'afspraken,agenda'),
    ).rejects.toThrow(/agenda/);
    await expect(
      admin('member:rights', '--client', 'annie', '--username', 'truus', '--sections', 'afspraken'),
    ).rejects.toThrow(CliError);
    await expect(
      admin('member:rights', '--client', 'truus', '--username', 'truus', '--sections', 'geen'),
    ).rejects.toThrow(/altijd alle rechten/);
    await expect(admin('member:rights', '--client', 'truus', '--username', 'annie')).rejects.toThrow(/--sections/);
    expect(Object.values(rightsOfAnnie()).some(Boolean)).toBe(false);
  });
});
