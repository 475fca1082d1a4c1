import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakeSession } from './electron-fake.test-support.ts';

vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn() } }));
const { protocol } = await import('electron');
const { registerAppScheme, serveRenderer } = await import('./protocol.ts');

const base = mkdtempSync(path.join(tmpdir(), 'cp-protocol-'));
const rendererDir = path.join(base, 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(base, 'secret.txt'), 'geheim');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const ses = fakeSession();
// The fake only models what serveRenderer touches.
const apiCalls: Request[] = [];
serveRenderer(ses as never, rendererDir, async (request) => {
  apiCalls.push(request);
  return new Response('{"from":"api"}', { status: 200 });
});
const handler = ses.handlers.get('app')!;
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('registerAppScheme', () => {
  it('registers app:// as standard + secure, without bypassing CSP or opening CORS', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('serveRenderer', () => {
  it('serves index.html and assets with type, CSP and nosniff', async () => {
    const index = await get('app://portal/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>x</title>');

    const js = await get('app://portal/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with index.html and missing files with 404', async () => {
    expect(await (await get('app://portal/dossier/lezen')).text()).toContain('<title>x</title>');
    const missing = await get('app://portal/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBeTruthy();
  });

  it('hands calls under /api/ to the API proxy, any method; nothing else', async () => {
    const res = await get('app://portal/api/v1/auth/login', 'POST');
    expect(await res.text()).toBe('{"from":"api"}');
    expect(apiCalls.map((r) => `${r.method} ${r.url}`)).toEqual(['POST app://portal/api/v1/auth/login']);
    expect((await get('app://portal/api', 'POST')).status).toBe(405);
    expect((await get('app://other/api/v1/health')).status).toBe(403);
    expect(apiCalls).toHaveLength(1);
  });

  it('never serves a file outside the renderer directory', async () => {
    const res = await get('app://portal/..%2fsecret.txt');
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('geheim');
    expect((await get('app://other/index.html')).status).toBe(403);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://portal/', 'POST')).status).toBe(405);
    const head = await get('app://portal/', 'HEAD');
    expect(head.status).toBe(200);
  });
});
