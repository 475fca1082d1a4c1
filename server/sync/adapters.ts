// The configured EHR adapter, or null when the organisation has none connected.
import fs from 'node:fs';
import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { EhrAdapter } from './adapter.ts';
import { fileDropAdapter } from './file-drop-adapter.ts';

export function configuredAdapter(config: Pick<Config, 'sync'>, clock: Clock): EhrAdapter | null {
  const sync = config.sync;
  if (sync.adapter === 'none') return null;
  fs.mkdirSync(sync.dropDir, { recursive: true });
  return fileDropAdapter({ dir: sync.dropDir, source: sync.source, now: () => clock.now() });
}
