import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { OpenExternalArgs } from '../../shared/ipc.ts';
import { guardedHandler, IpcRejected } from './ipc-guard.ts';
import { isTrustedSender } from './sender-check.ts';

const topFrame = { url: 'app://portal/', parent: null };

describe('isTrustedSender', () => {
  it('trusts only our own top-level frame', () => {
    expect(isTrustedSender(topFrame)).toBe(true);
    expect(isTrustedSender({ url: 'app://portal/', parent: topFrame })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.nl/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('guardedHandler', () => {
  it('calls the handler with parsed arguments for a trusted sender', async () => {
    const fn = vi.fn(([url]: [string]) => `ok ${url}`);
    const handler = guardedHandler(OpenExternalArgs, fn);
    await expect(handler({ senderFrame: topFrame }, 'https://x.nl/')).resolves.toBe('ok https://x.nl/');
    expect(fn).toHaveBeenCalledWith(['https://x.nl/']);
  });

  it('rejects an untrusted sender before looking at the arguments', async () => {
    const fn = vi.fn();
    const handler = guardedHandler(OpenExternalArgs, fn);
    await expect(handler({ senderFrame: { url: 'https://evil.nl/', parent: null } }, 'https://x.nl/')).rejects.toEqual(
      new IpcRejected('untrusted-sender'),
    );
    await expect(handler({ senderFrame: null }, 'https://x.nl/')).rejects.toBeInstanceOf(IpcRejected);
    expect(fn).not.toHaveBeenCalled();
  });

  it('rejects arguments that do not match the schema', async () => {
    const fn = vi.fn();
    const handler = guardedHandler(OpenExternalArgs, fn);
    for (const args of [[], ['http://x.nl/'], ['javascript:alert(1)'], [42], ['https://x.nl/', 'extra']]) {
      await expect(handler({ senderFrame: topFrame }, ...args), JSON.stringify(args)).rejects.toEqual(
        new IpcRejected('invalid-arguments'),
      );
    }
    await expect(guardedHandler(z.tuple([]), fn)({ senderFrame: topFrame }, 'x')).rejects.toBeInstanceOf(IpcRejected);
    expect(fn).not.toHaveBeenCalled();
  });
});
