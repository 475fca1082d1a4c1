// The browser part of the benchmark needs the built web UI; build it when it is missing.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

export function ensureWebBuild(): void {
  if (fs.existsSync('dist/web/index.html')) return;
  process.stderr.write('Web-UI bouwen (npm run build:web) …\n');
  const r = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:web failed');
}
