// The installers' configuration (electron-builder.yml, issue 5 §5), checked with electron-builder's own loader and
// schema validation (the same calls `electron-builder` makes before it builds), then point by point: per-user NSIS
// with the extra kiosk shortcut of build/installer.nsh, hardened-runtime DMG with sensible entitlements, AppImage and
// deb, the icon, keytar unpacked and rebuilt for Electron. Last, electron-builder's real packager builds the app
// directory (Linux `dir` target, a stand-in Electron binary: none can be downloaded here) and the test reads the
// app.asar it wrote: only out/, package.json, keytar and zod, nothing of the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { listPackage } from '@electron/asar';
import { build, Platform, type Configuration } from 'electron-builder';
// electron-builder's CLI loads and validates its configuration with these two (app-builder-lib is electron-builder's
// own library, installed with it at the same version).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { parseLaunchArgs } from '../../electron/main/args.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KIOSK_SHORTCUT = '$SMPROGRAMS\\Cliëntportaal (afdelings-pc).lnk';
const APP_EXE = '$INSTDIR\\${APP_EXECUTABLE_FILENAME}';
/** Production dependencies that only the server uses: none of them may end up in the desktop app. */
const SERVER_ONLY = ['better-sqlite3', 'koa', '@koa/router', 'sharp', 'twilio', 'nodemailer', 'tsx'];

const noDebugLog = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

const asArray = <T>(v: T | T[] | null | undefined): T[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const targetNames = (t: unknown): string[] =>
  asArray(t as string | { target: string } | Array<string | { target: string }>).map((x) =>
    typeof x === 'string' ? x : x.target,
  );
const resource = (p: string | null | undefined): string => {
  expect(p, 'a path is configured').toBeTruthy();
  const file = path.resolve(ROOT, p!);
  expect(fs.existsSync(file), `${p} exists`).toBe(true);
  return file;
};

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, noDebugLog)).resolves.toBeUndefined();
  });

  it('the validator really runs: it refuses an unknown key, a misspelt option and a wrong type', async () => {
    await expect(
      validateConfiguration({ ...config, kioskShortcut: true } as Configuration, noDebugLog),
    ).rejects.toThrow(/unknown property 'kioskShortcut'/);
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, oneClik: true } } as Configuration, noDebugLog),
    ).rejects.toThrow(/configuration\.nsis/);
    await expect(
      validateConfiguration({ ...config, npmRebuild: 'ja' } as unknown as Configuration, noDebugLog),
    ).rejects.toThrow(/npmRebuild should be a boolean/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('nl.clientportaal.app');
    expect(config.productName).toBe('Cliëntportaal');
  });

  it('Windows: a per-user NSIS installer with desktop and start-menu shortcut', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    const nsis = config.nsis!;
    // One-click and not per machine: always into the user's own profile, never the "for all users" choice.
    expect(nsis.oneClick).not.toBe(false);
    expect(nsis.perMachine).toBe(false);
    expect(nsis.createDesktopShortcut).toBe(true);
    expect(nsis.createStartMenuShortcut).toBe(true);
    expect(nsis.shortcutName).toBe('Cliëntportaal');
  });

  it('Windows: build/installer.nsh adds a start-menu shortcut that starts the app with --kiosk, and removes it', () => {
    const script = fs.readFileSync(resource(config.nsis!.include), 'utf8');
    const defines = new Map([...script.matchAll(/^!define\s+(\w+)\s+"([^"]*)"/gm)].map((m) => [m[1]!, m[2]!]));
    const expand = (s: string) => s.replace(/\$\{(\w+)\}/g, (all, name: string) => defines.get(name) ?? all);
    const macro = (name: string) => {
      const m = new RegExp(`^!macro ${name}\\s*$([\\s\\S]*?)^!macroend`, 'm').exec(script);
      expect(m, `macro ${name}`).not.toBeNull();
      return expand(m![1]!);
    };
    /** The quoted arguments of every `Command "…" "…"` line (comments skipped). */
    const calls = (body: string, command: string) =>
      body
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith(`${command} `))
        .map((l) => [...l.matchAll(/"([^"]*)"/g)].map((m) => m[1]!));

    const install = macro('customInstall');
    const shortcut = calls(install, 'CreateShortCut');
    expect(shortcut).toHaveLength(1);
    expect(shortcut[0]!.slice(0, 3)).toEqual([KIOSK_SHORTCUT, APP_EXE, '--kiosk']);
    // The argument the shortcut passes is the switch the app itself understands.
    expect(parseLaunchArgs(shortcut[0]![2]!.split(' ')).kiosk).toBe(true);
    expect(parseLaunchArgs([]).kiosk).toBe(false);

    const uninstall = macro('customUnInstall');
    expect(calls(uninstall, 'Delete')).toEqual([[KIOSK_SHORTCUT]]);
  });

  it('macOS: a DMG with hardened runtime and entitlements that grant JIT and nothing more', () => {
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac!.hardenedRuntime).toBe(true);
    for (const file of [config.mac!.entitlements, config.mac!.entitlementsInherit]) {
      const entitlements = readPlistDict(resource(file));
      // V8 needs JIT pages under the hardened runtime; keytar's .node is signed with the app, so library validation
      // stays on; no debugger attach, no DYLD variables, no unsigned executable memory.
      expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true });
    }
  });

  it('Linux: AppImage and deb', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux!.executableName).toMatch(/^[a-z0-9-]+$/);
  });

  it('one square PNG icon of at least 512×512 for every platform (electron-builder makes the .ico and .icns)', () => {
    const icons = new Set([config.win?.icon, config.mac?.icon, config.linux?.icon]);
    expect([...icons]).toEqual(['build/icon.png']);
    const png = fs.readFileSync(resource('build/icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBeGreaterThanOrEqual(512);
    expect(height).toBe(width);
  });

  it('native modules: keytar outside the asar, rebuilt for Electron; no node-gyp at the project root', () => {
    expect(asArray(config.asarUnpack)).toContain('**/node_modules/keytar/**/*.node');
    expect(config.npmRebuild).toBe(true);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('files: only the build output and package.json are taken from the project', () => {
    // getConfig has already normalised the list into file sets ({ filter: [...] }), as the packager sees it.
    const sets = asArray(config.files as Array<string | { from?: string; to?: string; filter?: string | string[] }>);
    const patterns = sets.flatMap((set) => {
      if (typeof set === 'string') return [set];
      expect(set.from ?? '.', 'files are taken from the project directory only').toBe('.');
      return asArray(set.filter);
    });
    expect(patterns.filter((p) => !p.startsWith('!'))).toEqual(['out/**', 'package.json']);
  });
});

describe("the app directory electron-builder's packager builds", () => {
  let work: string;
  let appAsar: string[];
  let unpacked: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'out/main/index.js'))) {
      const r = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'pipe' });
      expect(r.status, `electron-vite build: ${r.stderr}`).toBe(0);
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-package-'));
    // A stand-in for Electron's unpacked distribution: electron-builder copies it and renames the executable.
    const electronDist = path.join(work, 'electron-dist');
    fs.mkdirSync(electronDist);
    fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    // The real configuration, except what needs the real binary or the network: no fuses (they are flipped in the
    // binary), no rebuild (it fetches Electron's headers or keytar's prebuilt binary).
    const { electronFuses: _fuses, ...rest } = config;
    const packConfig: Configuration = {
      ...rest,
      npmRebuild: false,
      electronDist,
      directories: { ...config.directories, output: path.join(work, 'out') },
    };
    const configFile = path.join(work, 'electron-builder.json');
    fs.writeFileSync(configFile, JSON.stringify(packConfig));
    await build({
      projectDir: ROOT,
      config: configFile,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
    });
    const resources = path.join(work, 'out', 'linux-unpacked', 'resources');
    appAsar = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((p) => p.replace(/\\/g, '/'));
    unpacked = path.join(resources, 'app.asar.unpacked');
  }, 180_000);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const topLevel = (prefix: string) =>
    [
      ...new Set(
        appAsar
          .filter((p) => p.startsWith(prefix) && p.length > prefix.length)
          .map((p) => {
            const parts = p.slice(prefix.length).split('/');
            return parts[0]!.startsWith('@') && parts[1] ? `${parts[0]}/${parts[1]}` : parts[0]!;
          }),
      ),
    ].sort();

  it('holds out/, package.json and node_modules, nothing of the sources, tests or server', () => {
    expect(topLevel('/')).toEqual(['node_modules', 'out', 'package.json']);
    expect(topLevel('/out/')).toEqual(['main', 'preload', 'renderer']);
    expect(appAsar).toContain('/out/main/index.js');
    expect(appAsar).toContain('/out/preload/index.cjs');
    expect(appAsar).toContain('/out/renderer/index.html');
  });

  it('of the node modules only keytar and zod, none of the server-only dependencies', () => {
    expect(topLevel('/node_modules/')).toEqual(['keytar', 'zod']);
    for (const dep of SERVER_ONLY) {
      expect(appAsar.some((p) => p.startsWith(`/node_modules/${dep}/`))).toBe(false);
      expect(fs.existsSync(path.join(unpacked, 'node_modules', dep))).toBe(false);
    }
  });

  it("every package that out/main leaves external is in the app (electron itself and Node's built-ins aside)", () => {
    const mainDir = path.join(ROOT, 'out/main');
    const imported = new Set<string>();
    for (const file of fs.readdirSync(mainDir).filter((f) => /\.[cm]?js$/.test(f))) {
      const code = fs.readFileSync(path.join(mainDir, file), 'utf8');
      for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
        const spec = m[1]!;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (name !== 'electron' && !name.startsWith('node:')) imported.add(name);
      }
    }
    expect([...imported].sort()).toEqual(['keytar', 'zod']);
    for (const name of imported) expect(appAsar).toContain(`/node_modules/${name}/package.json`);
  });

  it("keytar's native binary is unpacked next to the asar, where Electron can load it", () => {
    expect(fs.existsSync(path.join(unpacked, 'node_modules/keytar/build/Release/keytar.node'))).toBe(true);
    expect(appAsar).toContain('/node_modules/keytar/lib/keytar.js');
  });
});

/** Parses an Apple property list strictly (any XML error fails) into a flat dict of booleans. */
function readPlistDict(file: string): Record<string, boolean> {
  const xml = fs.readFileSync(file, 'utf8');
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: (m) => problems.push(m),
      error: (m) => problems.push(m),
      fatalError: (m) => problems.push(m),
    },
  }).parseFromString(xml, 'text/xml');
  expect(problems).toEqual([]);
  expect(xml).toContain('<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"');
  const root = doc.documentElement!;
  expect(root.nodeName).toBe('plist');
  expect(root.getAttribute('version')).toBe('1.0');
  const elements = (n: Element) => Array.from(n.childNodes).filter((c): c is Element => c.nodeType === 1);
  const [dict, ...more] = elements(root);
  expect(more).toHaveLength(0);
  expect(dict!.nodeName).toBe('dict');
  const children = elements(dict!);
  const result: Record<string, boolean> = {};
  for (let i = 0; i < children.length; i += 2) {
    const key = children[i]!;
    const value = children[i + 1];
    expect(key.nodeName).toBe('key');
    expect(['true', 'false']).toContain(value?.nodeName);
    result[key.textContent!] = value!.nodeName === 'true';
  }
  return result;
}
