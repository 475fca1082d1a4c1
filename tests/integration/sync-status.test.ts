// GET /api/v1/sync/status: the sync log for staff members; residents and relatives get 403, strangers 401.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { configuredAdapter } from '../../server/sync/adapters.ts';
import { runPull } from '../../server/sync/run-pull.ts';
import { closeAll, makeTempDir, signIn, signedInStaff, startTestPortal } from '../helpers/portal.ts';

afterEach(closeAll);

describe('sync status', () => {
  it('staff see the connection, the last successful pull, the next one and the runs; others do not', async () => {
    const tp = await startTestPortal({
      PORTAL_SYNC_ADAPTER: 'file-drop',
      PORTAL_SYNC_DROP_DIR: makeTempDir('ehr-drop-'),
      PORTAL_SYNC_SOURCE: 'ons',
      PORTAL_ORG_PRESET: 'careyn',
    });
    const result = await runPull({ db: tp.portal.db, clock: tp.clock }, configuredAdapter(tp.config, tp.clock)!);
    expect(result.status).toBe('succeeded');

    const staff = await signedInStaff(tp);
    const res = await staff.get(ApiPath.syncStatus);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ adapter: 'file-drop', source: 'ons', health: { state: 'reachable' } });
    expect(res.json.lastSuccessAt).toBe(res.json.runs[0].finishedAt);
    // Careyn pulls at 08:00 and 20:00 Dutch time.
    expect(new Date(res.json.nextPullAt).getUTCMinutes()).toBe(0);
    expect([7, 8, 19, 20]).toContain(new Date(res.json.nextPullAt).getUTCHours());
    expect(res.json.runs).toEqual([
      expect.objectContaining({ direction: 'pull', status: 'succeeded', problemCount: 0 }),
    ]);

    const truus = await tp.createUser({ username: 'truus' });
    const client = tp.client();
    await signIn(tp, client, truus);
    const denied = await client.get(ApiPath.syncStatus);
    expect([denied.status, denied.json.error.code]).toEqual([403, 'staff_only']);
    expect((await tp.client().get(ApiPath.syncStatus)).status).toBe(401);
  });

  it('without a connection it says so', async () => {
    const tp = await startTestPortal();
    const staff = await signedInStaff(tp);
    expect((await staff.get(ApiPath.syncStatus)).json).toEqual({
      adapter: 'none',
      source: 'ehr',
      health: { state: 'not-configured' },
      lastSuccessAt: null,
      nextPullAt: null,
      runs: [],
    });
  });
});
