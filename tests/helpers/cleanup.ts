// Everything a test starts (portals, SMTP servers, Twilio endpoints, temp dirs) registers its stop function here;
// each test file calls `afterEach(closeAll)`, so nothing outlives its test even when an assertion fails half-way.
type Closer = () => Promise<void> | void;

const closers: Closer[] = [];

export function onClose(fn: Closer): void {
  closers.push(fn);
}

/** Stops everything registered, newest first; reports the first failure after trying all. */
export async function closeAll(): Promise<void> {
  let first: unknown = null;
  while (closers.length > 0) {
    const fn = closers.pop()!;
    try {
      await fn();
    } catch (err) {
      first ??= err;
    }
  }
  if (first) throw first;
}
