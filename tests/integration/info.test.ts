// GET /info and GET /info/logo: the organisation's public facts from its preset (support e-mail, instruction video,
// manual) with the environment's overrides, and its optional logo (issue 3 §5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_PREFIX, ApiPath } from '../../shared/api/paths.ts';
import { loadConfig, ConfigError } from '../../server/config.ts';
import { solidPng } from '../../server/appointments/solid-png.ts';
import { ORGANISATION_PRESETS, PRESET_NAMES } from '../../server/org/presets.ts';
import { closeAll, startTestPortal } from '../helpers/portal.ts';

afterEach(closeAll);

function tempFile(name: string, content: Buffer | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-logo-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('GET /info', () => {
  it("gives the preset's support e-mail and video, and no logo by default", async () => {
    const tp = await startTestPortal();
    const res = await tp.client().get(ApiPath.info);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      organisationName: 'Careyn',
      supportEmail: ORGANISATION_PRESETS.careyn.supportEmail,
      helpVideoUrl: ORGANISATION_PRESETS.careyn.helpVideoUrl,
      logoUrl: null,
    });
    const logo = await fetch(`${tp.url}${API_PREFIX}${ApiPath.infoLogo}`);
    expect(logo.status).toBe(404);
    expect(logo.headers.get('content-type')).toContain('application/json');
  });

  it('follows the preset and lets the environment override it', async () => {
    const pluryn = await startTestPortal({ PORTAL_ORG_PRESET: 'pluryn', PORTAL_ORG_NAME: undefined });
    expect((await pluryn.client().get(ApiPath.info)).json).toMatchObject({
      organisationName: 'Pluryn',
      supportEmail: 'clientportaalrvenijmegen@pluryn.nl',
      helpVideoUrl: 'https://www.pluryn.nl/clientportaal',
      manualUrl: 'https://www.pluryn.nl/clientportaal',
    });
    const own = await startTestPortal({
      PORTAL_ORG_PRESET: 'hilverzorg',
      PORTAL_SUPPORT_EMAIL: 'hulp@example.nl',
      PORTAL_HELP_VIDEO_URL: 'https://video.example.nl/uitleg',
    });
    expect((await own.client().get(ApiPath.info)).json).toMatchObject({
      supportEmail: 'hulp@example.nl',
      helpVideoUrl: 'https://video.example.nl/uitleg',
    });
  });

  it('every preset has a support e-mail under its own domain', () => {
    for (const name of PRESET_NAMES) {
      const p = ORGANISATION_PRESETS[name];
      expect(p.supportEmail, name).toMatch(new RegExp(`@${name}\\.nl$`));
      if (p.helpVideoUrl) expect(new URL(p.helpVideoUrl).hostname, name).toContain(name);
    }
  });
});

describe('GET /info/logo', () => {
  it('serves the configured PNG with its type, cached briefly, and names it in /info', async () => {
    const png = solidPng(8, [0, 90, 112]);
    const tp = await startTestPortal({ PORTAL_ORG_LOGO: tempFile('logo.png', png) });
    expect((await tp.client().get(ApiPath.info)).json.logoUrl).toBe(`${API_PREFIX}${ApiPath.infoLogo}`);
    const res = await fetch(`${tp.url}${API_PREFIX}${ApiPath.infoLogo}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it('serves an SVG as image/svg+xml with a CSP that forbids scripts', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    const tp = await startTestPortal({ PORTAL_ORG_LOGO: tempFile('logo.svg', svg) });
    const res = await fetch(`${tp.url}${API_PREFIX}${ApiPath.infoLogo}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('answers 404 (not 500) when the file has gone', async () => {
    const file = tempFile('logo.png', solidPng(4, [0, 0, 0]));
    const tp = await startTestPortal({ PORTAL_ORG_LOGO: file });
    fs.rmSync(file);
    expect((await fetch(`${tp.url}${API_PREFIX}${ApiPath.infoLogo}`)).status).toBe(404);
  });

  it('refuses a logo that is not an image file at start-up', () => {
    expect(() => loadConfig({ PORTAL_ORG_LOGO: '/etc/passwd' })).toThrow(ConfigError);
  });
});
