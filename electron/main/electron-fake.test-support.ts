// A stand-in for the `electron` module, so the wiring of main can run under vitest in Node (the real module needs
// the Electron binary, which cannot be installed here). Only what main uses is modelled.
import { vi } from 'vitest';

type Handler = (request: Request) => Promise<Response>;

export function fakeSession() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    protocol: { handle: vi.fn((scheme: string, h: Handler) => void handlers.set(scheme, h)) },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    clearStorageData: vi.fn(async () => undefined),
    clearCache: vi.fn(async () => undefined),
    /** session.fetch: answers 401 unless a test sets its own. */
    fetch: vi.fn(async (_url: string, _init?: RequestInit) => new Response(null, { status: 401 })),
  };
}
