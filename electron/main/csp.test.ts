import { describe, expect, it } from 'vitest';
import { appResponseHeaders, buildCsp } from './csp.ts';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split('; ').map((d) => [d.split(' ')[0] ?? '', d.split(' ').slice(1).join(' ')]));
}

describe('buildCsp', () => {
  const csp = directives(buildCsp());

  it('limits connections and images to the app itself (main forwards /api/ to the server)', () => {
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('img-src')).toBe("'self' data: blob:");
  });

  it('allows no inline or remote script, no eval, no plugins, no framing', () => {
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect([...csp.values()].join(' ')).not.toContain('unsafe-eval');
  });

  it('is sent with nosniff on every response', () => {
    const headers = appResponseHeaders();
    expect(headers['Content-Security-Policy']).toContain("connect-src 'self'");
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
