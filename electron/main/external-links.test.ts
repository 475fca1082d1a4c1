import { describe, expect, it } from 'vitest';
import { defaultAllowedHosts, isAllowedExternalUrl } from './external-links.ts';

const policy = { allowedHosts: ['pluryn.example.nl', '.hulp.example.nl'], kiosk: false };

describe('isAllowedExternalUrl', () => {
  it('allows https links to listed hosts and subdomains of dotted entries', () => {
    expect(isAllowedExternalUrl('https://pluryn.example.nl/handleiding.pdf', policy)).toBe(true);
    expect(isAllowedExternalUrl('https://hulp.example.nl/', policy)).toBe(true);
    expect(isAllowedExternalUrl('https://video.hulp.example.nl/x', policy)).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      'http://pluryn.example.nl/',
      'https://pluryn.example.nl.evil.nl/',
      'https://evilpluryn.example.nl/',
      'https://evilhulp.example.nl/',
      'https://user:pw@pluryn.example.nl/',
      'file:///etc/passwd',
      'smb://pluryn.example.nl/share',
      'javascript:alert(1)',
      'geen url',
    ]) {
      expect(isAllowedExternalUrl(url, policy), url).toBe(false);
    }
  });

  it('never opens anything from a kiosk', () => {
    expect(isAllowedExternalUrl('https://pluryn.example.nl/', { ...policy, kiosk: true })).toBe(false);
  });
});

describe('defaultAllowedHosts', () => {
  it('allows the https portal host, and nothing for a local http server', () => {
    expect(defaultAllowedHosts('https://pluryn.example.nl')).toEqual(['pluryn.example.nl']);
    expect(defaultAllowedHosts('http://127.0.0.1:8470')).toEqual([]);
  });
});
