import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-origin.ts';

describe('isAppUrl', () => {
  it('accepts our own pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://portal/assets/index.js?x=1#top')).toBe(true);
    expect(isAppUrl('APP://PORTAL/')).toBe(true);
  });

  it('refuses other hosts, schemes, ports, credentials and non-URLs', () => {
    for (const url of [
      'app://evil/',
      'app://portal.evil.nl/',
      'app://portal:81/',
      'app://x@portal/',
      'https://portal/',
      'file:///portal/index.html',
      'about:blank',
      '',
      null,
      undefined,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});
