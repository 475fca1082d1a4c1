import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAssetPath } from './asset-path.ts';

const root = '/opt/app/out/renderer';

describe('resolveAssetPath', () => {
  it('serves index.html for the root and for client-side routes', () => {
    expect(resolveAssetPath(root, 'app://portal/')).toEqual({ kind: 'file', file: `${root}/index.html` });
    expect(resolveAssetPath(root, 'app://portal/dossier/lezen')).toEqual({ kind: 'file', file: `${root}/index.html` });
  });

  it('never answers an API path with the page', () => {
    expect(resolveAssetPath(root, 'app://portal/api/v1/auth/me').kind).toBe('not-found');
    expect(resolveAssetPath(root, 'app://portal/api').kind).toBe('not-found');
  });

  it('serves files inside the renderer directory', () => {
    expect(resolveAssetPath(root, 'app://portal/assets/index-abc.js?v=1')).toEqual({
      kind: 'file',
      file: `${root}/assets/index-abc.js`,
    });
    expect(resolveAssetPath(root, 'app://portal/fonts/M%C3%A9.woff2')).toEqual({
      kind: 'file',
      file: `${root}/fonts/Mé.woff2`,
    });
  });

  it('never leaves the renderer directory', () => {
    for (const url of [
      'app://portal/%2e%2e/%2e%2e/etc/passwd',
      'app://portal/assets/%2E%2E%2F%2E%2E%2Fmain%2Findex.js',
      'app://portal/..%2f..%2fpackage.json',
      'app://portal/assets/..%5c..%5csecret.txt',
      'app://portal/a%00.js',
      'app://portal/C:%5CWindows%5Cwin.ini',
      'app://portal/%2Fetc%2Fpasswd',
    ]) {
      const result = resolveAssetPath(root, url);
      if (result.kind === 'file') expect(result.file.startsWith(`${root}/`), url).toBe(true);
    }
    // The URL parser already folds %2e%2e segments; what is left stays inside root.
    expect(resolveAssetPath(root, 'app://portal/%2e%2e/%2e%2e/etc/shadow.txt')).toEqual({
      kind: 'file',
      file: `${root}/etc/shadow.txt`,
    });
    expect(resolveAssetPath(root, 'app://portal/..%2f..%2fpackage.json').kind).toBe('forbidden');
    expect(resolveAssetPath(root, 'app://portal/..%5c..%5csecret.txt').kind).toBe('forbidden');
  });

  it('applies the same rules with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Clientportaal\\resources\\app.asar\\out\\renderer';
    expect(resolveAssetPath(winRoot, 'app://portal/assets/a.css', path.win32)).toEqual({
      kind: 'file',
      file: `${winRoot}\\assets\\a.css`,
    });
    expect(resolveAssetPath(winRoot, 'app://portal/..%5C..%5Cx.dll', path.win32).kind).toBe('forbidden');
    expect(resolveAssetPath(winRoot, 'app://portal/D:/x.dll', path.win32).kind).toBe('forbidden');
  });

  it('refuses other hosts and schemes, and malformed encodings', () => {
    expect(resolveAssetPath(root, 'app://other/index.html').kind).toBe('forbidden');
    expect(resolveAssetPath(root, 'file:///etc/passwd').kind).toBe('forbidden');
    expect(resolveAssetPath(root, 'app://portal/%E0%A4%A').kind).toBe('bad-request');
    expect(resolveAssetPath(root, 'not a url').kind).toBe('bad-request');
  });
});

describe('contentTypeFor', () => {
  it('knows the build output types and never guesses an executable type', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
