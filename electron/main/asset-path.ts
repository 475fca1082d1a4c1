// Maps an app:// request URL to a file inside the built renderer directory. Everything that could leave that
// directory (.., encoded separators, NUL, absolute paths, other hosts) is refused here, before any disk access.
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

export type AssetLookup =
  { kind: 'file'; file: string } | { kind: 'not-found' } | { kind: 'forbidden' } | { kind: 'bad-request' };

const INDEX_FILE = 'index.html';

/**
 * `pathApi` is injectable so the Windows rules (backslashes, drive letters) are tested on Linux too.
 * Paths without a file extension fall back to index.html, so a reload on a client-side route still works.
 */
export function resolveAssetPath(rootDir: string, requestUrl: string, pathApi: path.PlatformPath = path): AssetLookup {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'bad-request' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port !== '')
    return { kind: 'forbidden' };

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'bad-request' };
  }
  // A backslash or NUL never appears in our asset names; on Windows a backslash would be a separator.
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return { kind: 'forbidden' };

  // The API lives on the server, never under app://; an HTML page here would look like a successful API answer.
  if (segments[0] === 'api') return { kind: 'not-found' };

  const relative = segments.length === 0 ? INDEX_FILE : segments.join('/');
  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, ...relative.split('/'));
  // Belt and braces: whatever the checks above missed, the result must still lie inside root.
  const rel = pathApi.relative(root, file);
  if (rel === '' || rel.startsWith('..') || pathApi.isAbsolute(rel)) return { kind: 'forbidden' };

  if (pathApi.extname(file) === '') return { kind: 'file', file: pathApi.join(root, INDEX_FILE) };
  return { kind: 'file', file };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** With `nosniff` set, a wrong type would block the file, so unknown extensions get a type that is never run. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
