// Which server and mode this computer uses, from (first wins, per field):
//   1. the command-line switches `--server URL` / `--kiosk` (IT's shortcut or deployment),
//   2. IT's preset file clientportaal.json beside the app (see presetFilePath),
//   3. the user's own choice from the first-start page, saved in <userData>/connection.json,
//   4. nothing: the renderer shows the first-start page.
// What comes from 1 or 2 is locked: the renderer shows it as "ingesteld door uw IT-afdeling" and main refuses to save
// another value (connection-ipc.ts). Pure logic plus plain fs, so it is unit-tested without Electron.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CONNECTION_MODES, type ConnectionMode, type ConnectionState } from '../../shared/ipc.ts';
import { parseServerOrigin } from './args.ts';

export const PRESET_FILE_NAME = 'clientportaal.json';
export const SAVED_FILE_NAME = 'connection.json';

/** A file that exists but cannot be used; `message` is Dutch and names the file, for the error dialog. */
export class ConnectionFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionFileError';
  }
}

const serverOrigin = z.string().transform((value, ctx) => {
  const result = parseServerOrigin(value.trim());
  if (result.ok) return result.origin;
  ctx.addIssue({ code: 'custom', message: result.message });
  return z.NEVER;
});
const mode = z.enum(CONNECTION_MODES, { error: 'kies "personal" of "kiosk"' });

/** IT's preset: either field may be left out (then the user chooses it at first start). Unknown keys are typos. */
const PresetFile = z.object({ server: serverOrigin.optional(), mode: mode.optional() }).strict();
export type PresetFile = z.infer<typeof PresetFile>;

/** The user's choice. `version` lets a later format be told from this one. */
const SavedFile = z.object({ version: z.literal(1), server: serverOrigin, mode }).strict();
export type SavedConnection = { server: string; mode: ConnectionMode };

/**
 * Where IT puts clientportaal.json: in the folder of the program, so one file serves every user of the computer and
 * an ordinary user (no administrator rights) cannot change it on a ward PC installed under Program Files or /opt.
 * - Windows, Linux .deb: beside process.execPath (Cliëntportaal.exe, /opt/Cliëntportaal/clientportaal).
 * - Linux AppImage: process.execPath is inside the temporary read-only mount of the image; the file sits beside the
 *   .AppImage file itself ($APPIMAGE).
 * - macOS: process.execPath is Cliëntportaal.app/Contents/MacOS/Cliëntportaal; a file inside the bundle would break
 *   its code signature and be lost on every update, so it sits beside the .app bundle (e.g. /Applications).
 */
export function presetFilePath(execPath: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (platform === 'darwin') {
    const bundle = /^(.*?\.app)\/Contents\/MacOS\/[^/]+$/.exec(execPath);
    if (bundle) return p.join(p.dirname(bundle[1]!), PRESET_FILE_NAME);
  }
  if (platform === 'linux' && env.APPIMAGE) return p.join(p.dirname(env.APPIMAGE), PRESET_FILE_NAME);
  return p.join(p.dirname(execPath), PRESET_FILE_NAME);
}

export function savedFilePath(userDataDir: string): string {
  return path.join(userDataDir, SAVED_FILE_NAME);
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.join('.');
      if (issue.code === 'unrecognized_keys')
        return `onbekende instelling ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Reads and checks a JSON file; null when it does not exist. */
function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): T | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConnectionFileError(file, `${what} ${file} kan niet worden gelezen (${(err as Error).message}).`);
  }
  let json: unknown;
  try {
    // A BOM is what Notepad on older Windows writes; JSON.parse would refuse it.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ConnectionFileError(file, `${what} ${file} is geen geldige JSON.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ConnectionFileError(file, `${what} ${file} klopt niet: ${issuesText(parsed.error)}.`);
  return parsed.data;
}

export function readPresetFile(file: string): PresetFile | null {
  return readJsonFile(file, PresetFile, 'Het instellingenbestand van uw IT-afdeling');
}

export function readSavedConnection(userDataDir: string): SavedConnection | null {
  const saved = readJsonFile(savedFilePath(userDataDir), SavedFile, 'De opgeslagen verbinding');
  return saved && { server: saved.server, mode: saved.mode };
}

/**
 * Writes the user's choice so that a crash or power cut leaves the old file or the new one, never half a file:
 * a temporary file in the same folder, flushed to disk, then renamed over the old one.
 */
export async function writeSavedConnection(userDataDir: string, choice: SavedConnection): Promise<void> {
  await fsp.mkdir(userDataDir, { recursive: true });
  const file = savedFilePath(userDataDir);
  const temp = `${file}.${process.pid}.tmp`;
  const body = `${JSON.stringify({ version: 1, server: choice.server, mode: choice.mode }, null, 2)}\n`;
  const handle = await fsp.open(temp, 'w', 0o600);
  try {
    await handle.writeFile(body, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(temp, file);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
}

export interface ConnectionSources {
  switches: { serverOrigin: string | null; kiosk: boolean };
  preset: PresetFile | null;
  saved: SavedConnection | null;
}

export function resolveConnection({ switches, preset, saved }: ConnectionSources): ConnectionState {
  const lockedServer = switches.serverOrigin ?? preset?.server ?? null;
  const lockedMode: ConnectionMode | null = switches.kiosk ? 'kiosk' : (preset?.mode ?? null);
  // `--server` without `--kiosk` has always meant a personal install (`npm start`, existing shortcuts): it asks no
  // mode, but the user may still choose another one, so that default is not a lock.
  const fallbackMode: ConnectionMode | null = switches.serverOrigin ? 'personal' : null;
  return {
    serverOrigin: lockedServer ?? saved?.server ?? null,
    mode: lockedMode ?? saved?.mode ?? fallbackMode,
    serverLocked: lockedServer !== null,
    modeLocked: lockedMode !== null,
  };
}

export function isConfigured(
  state: ConnectionState,
): state is ConnectionState & { serverOrigin: string; mode: ConnectionMode } {
  return state.serverOrigin !== null && state.mode !== null;
}

export interface LoadedConnection {
  state: ConnectionState;
  /** A saved choice that could not be used (Dutch, for a dialog): the first-start page asks again. */
  savedProblem: ConnectionFileError | null;
}

/**
 * Start-up: a broken preset file throws (main shows it and stops: IT meant to fix the server, and falling back to
 * the user's choice could connect a ward PC elsewhere); a broken saved file only means the user chooses again.
 */
export function loadConnection(o: {
  switches: ConnectionSources['switches'];
  presetFile: string;
  userDataDir: string;
}): LoadedConnection {
  const preset = readPresetFile(o.presetFile);
  let saved: SavedConnection | null = null;
  let savedProblem: ConnectionFileError | null = null;
  try {
    saved = readSavedConnection(o.userDataDir);
  } catch (err) {
    if (!(err instanceof ConnectionFileError)) throw err;
    savedProblem = err;
  }
  return { state: resolveConnection({ switches: o.switches, preset, saved }), savedProblem };
}
