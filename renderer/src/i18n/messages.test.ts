// Guards the message files: same keys in both languages, and every literal key used in the code exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nl as nlMain } from './nl.ts';
import { en as enMain } from './en.ts';
import { connectionNl } from './connection.nl.ts';
import { connectionEn } from './connection.en.ts';
import { DEVICE_TYPES } from '../../../shared/api/profile.ts';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// The trees as index.ts merges them: parts with files of their own sit under their key.
const nl = { ...nlMain, connection: connectionNl };
const en = { ...enMain, connection: connectionEn };

describe('message files', () => {
  const nlKeys = keys(nl).sort();
  it('nl and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(nlKeys);
  });

  it('has no empty texts', () => {
    for (const tree of [nl, en]) {
      for (const key of keys(tree)) {
        const value = key.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], tree);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });

  it('every literal key used in the renderer exists', () => {
    const src = fileURLToPath(new URL('..', import.meta.url));
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/notices\.set\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/titleKey: '([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    const missing = [...used].filter((k) => !nlKeys.includes(k));
    expect(missing).toEqual([]);
  });

  it('names every device type the server may list under Mijn apparaten', () => {
    expect(Object.keys(nl.settings.devices.types).sort()).toEqual([...DEVICE_TYPES].sort());
    expect(nl.settings.devices.types.kiosk).toBe('Computer op de afdeling');
  });

  it('uses the manuals’ labels', () => {
    expect(nl.login.username).toBe('Gebruikersnaam');
    expect(nl.login.password).toBe('Wachtwoord');
    expect(nl.login.submit).toBe('Inloggen');
    expect(nl.login.forgot).toBe('Wachtwoord vergeten?');
    expect(nl.verify.title).toBe('Apparaat verificatie');
    expect(nl.verify.submit).toBe('Code controleren');
    expect(nl.changePassword.submit).toBe('Wachtwoord wijzigen');
    expect(nl.logout.question).toBe('Weet u zeker dat u wilt uitloggen?');
    expect([nl.logout.yes, nl.logout.no]).toEqual(['Ja', 'Nee']);
    expect([
      nl.panels.appointments.title,
      nl.panels.messages.title,
      nl.panels.file.title,
      nl.panels.details.title,
    ]).toEqual(['Mijn afspraken', 'Mijn berichten', 'Mijn dossier', 'Mijn gegevens']);
  });
});
