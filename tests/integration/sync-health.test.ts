// Whether the EHR answers (issue 6 §1–§2), in GET /api/v1/sync/status and `admin sync:status`: the file-drop
// folder there or not, a FHIR server that refuses the connection or never answers. A status page must answer while
// the EHR is down: within seconds, with the reason, never a 500.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { SyncStatusResponse, type SyncHealth } from '../../shared/api/sync.ts';
import { HEALTH_TIMEOUT_MS } from '../../server/sync/health-check.ts';
import { adminWithEnv } from '../helpers/admin-sync.ts';
import { onClose } from '../helpers/cleanup.ts';
import { closeAll, makeTempDir, signedInStaff, startTestPortal, type TestPortal } from '../helpers/portal.ts';

afterEach(closeAll);

async function staffStatus(tp: TestPortal) {
  const staff = await signedInStaff(tp);
  return async () => {
    const res = await staff.get(ApiPath.syncStatus);
    expect(res.status, res.text).toBe(200);
    return SyncStatusResponse.parse(res.json);
  };
}

/** A port nothing listens on: the connection is refused at once. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never answers: an EHR that hangs. */
async function silentServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const s = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  onClose(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        s.close(() => resolve());
      }),
  );
  return (s.address() as net.AddressInfo).port;
}

const checkedAt = (h: SyncHealth) => ('checkedAt' in h ? Date.parse(h.checkedAt) : NaN);

const fhirEnv = (port: number) => ({
  PORTAL_SYNC_ADAPTER: 'fhir',
  PORTAL_FHIR_URL: `http://127.0.0.1:${port}/fhir/R4`,
  PORTAL_FHIR_TOKEN: 'geheim-token',
  PORTAL_SYNC_SOURCE: 'ecd',
});

describe('EHR health in the sync status', () => {
  it('file-drop: reachable while the folder is there; missing or a file in its place: not reachable', async () => {
    const dropDir = path.join(makeTempDir('ehr-health-'), 'inbox');
    const env = { PORTAL_SYNC_ADAPTER: 'file-drop', PORTAL_SYNC_DROP_DIR: dropDir, PORTAL_SYNC_SOURCE: 'ons' };
    const tp = await startTestPortal(env);
    const status = await staffStatus(tp);
    const first = (await status()).health;
    expect(first).toEqual({ state: 'reachable', checkedAt: expect.any(String) });

    // A mount that went away. The answer of a moment ago is reused for a while (screens reload often), then checked.
    fs.rmSync(dropDir, { recursive: true });
    expect((await status()).health).toEqual(first);
    tp.advance(31_000);
    const second = (await status()).health;
    expect(second).toEqual({
      state: 'unreachable',
      reason: `folder ${dropDir} is missing`,
      checkedAt: expect.any(String),
    });
    expect(checkedAt(second) - checkedAt(first)).toBeGreaterThanOrEqual(31_000);
    // The check does not create the folder: that would hide the missing mount.
    expect(fs.existsSync(dropDir)).toBe(false);

    fs.writeFileSync(dropDir, 'geen map');
    tp.advance(31_000);
    expect((await status()).health).toMatchObject({ state: 'unreachable', reason: `${dropDir} is not a folder` });

    const dataEnv = { ...env, PORTAL_DATA_DIR: tp.dataDir };
    expect((await adminWithEnv(dataEnv, ['sync:status'])).out).toContain(
      `ECD-koppeling: file-drop (ons)\nECD niet bereikbaar: ${dropDir} is not a folder\n`,
    );
    fs.rmSync(dropDir);
    fs.mkdirSync(dropDir);
    expect((await adminWithEnv(dataEnv, ['sync:status'])).out).toContain(
      'ECD-koppeling: file-drop (ons)\nECD bereikbaar\nLaatste geslaagde synchronisatie: nog geen',
    );
  });

  it('FHIR at a closed port: not reachable, at once', async () => {
    const port = await closedPort();
    const tp = await startTestPortal(fhirEnv(port));
    const status = await staffStatus(tp);
    const started = performance.now();
    const body = await status();
    expect(performance.now() - started).toBeLessThan(HEALTH_TIMEOUT_MS);
    expect(body.health).toMatchObject({
      state: 'unreachable',
      reason: expect.stringMatching(/^FHIR server not reachable \(GET \/fhir\/R4\/metadata\): .*ECONNREFUSED/),
    });
    // The reason is for whoever fixes the connection; the token is no part of it.
    expect(JSON.stringify(body)).not.toContain('geheim-token');
    expect(body).toMatchObject({ adapter: 'fhir', source: 'ecd', runs: [] });

    const cli = await adminWithEnv({ ...fhirEnv(port), PORTAL_DATA_DIR: tp.dataDir }, ['sync:status']);
    expect(cli.out).toMatch(/^ECD niet bereikbaar: FHIR server not reachable .*ECONNREFUSED/m);
  });

  it('FHIR server that never answers: not reachable after the short timeout, not the sync’s 30 seconds', async () => {
    const tp = await startTestPortal(fhirEnv(await silentServer()));
    const status = await staffStatus(tp);
    const started = performance.now();
    const body = await status();
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 100);
    expect(took).toBeLessThan(HEALTH_TIMEOUT_MS + 1500);
    expect(body.health).toMatchObject({
      state: 'unreachable',
      reason: `FHIR server did not answer within ${HEALTH_TIMEOUT_MS} ms (GET /fhir/R4/metadata)`,
    });
  });

  it('without a connection: not configured', async () => {
    const tp = await startTestPortal();
    const status = await staffStatus(tp);
    expect((await status()).health).toEqual({ state: 'not-configured' });
    const cli = await adminWithEnv({ PORTAL_DATA_DIR: tp.dataDir, PORTAL_SYNC_ADAPTER: 'none' }, ['sync:status']);
    expect(cli.out.split('\n')[0]).toBe('ECD-koppeling: geen koppeling ingesteld');
    expect(cli.out).not.toContain('bereikbaar');
  });
});
