// The FHIR adapter's HTTP side: fetch with the bearer token, a timeout on every request (also while the body is
// read), FHIR JSON both ways. Anything but the expected answer throws a FhirError whose message goes to the sync log
// as it is: so it names the status and the path, never the token or a body full of client data. The run is then
// marked failed and the scheduler retries it with backoff (run-pull.ts, scheduler.ts).
import { z } from 'zod';
import { OperationOutcome, SearchBundle } from './fhir-schemas.ts';

export const DEFAULT_TIMEOUT_MS = 30_000;

export class FhirError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'FhirError';
  }
}

export interface FhirClientOptions {
  /** The base URL without a trailing slash, e.g. https://ecd.example.nl/fhir/R4. */
  url: string;
  token: string;
  timeoutMs?: number;
}

export interface FhirResponse {
  status: number;
  body: unknown;
}

export interface FhirClient {
  readonly base: string;
  /** GET of a path below the base (e.g. `Observation?_count=10`) or of an absolute URL on the base (a next link). */
  get(pathOrUrl: string): Promise<unknown>;
  /** Like get, but a status in `allowed` is answered instead of thrown (e.g. 404 for "not there"). */
  request(
    method: 'GET' | 'POST',
    pathOrUrl: string,
    o?: { body?: unknown; headers?: Record<string, string>; allowed?: number[] },
  ): Promise<FhirResponse>;
  /** Every page of a search, following the server's `next` links as given (never built by us). */
  pages(pathOrUrl: string): AsyncGenerator<SearchBundle>;
}

/** The first words of the server's OperationOutcome: enough to recognise the problem in the sync log. */
function outcomeText(body: unknown): string {
  const oo = OperationOutcome.safeParse(body);
  if (!oo.success) return '';
  const texts = (oo.data.issue ?? []).map((i) => i.details?.text ?? i.diagnostics ?? '').filter(Boolean);
  const text = texts.join('; ');
  return text ? `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}` : '';
}

export function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  throw new FhirError(`FHIR server sent a bad ${what}: ${i.path.join('.') || '(root)'}: ${i.message}`);
}

export function fhirClient(o: FhirClientOptions): FhirClient {
  const base = new URL(o.url);
  const basePath = base.pathname.replace(/\/+$/, '');
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /**
   * Only URLs on the configured base get the token. A next link to another origin (or another path on it) is
   * refused rather than followed: a server (or someone between) must not be able to send the token elsewhere.
   */
  function resolve(pathOrUrl: string): URL {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl)) return new URL(`${o.url}/${pathOrUrl.replace(/^\/+/, '')}`);
    const url = new URL(pathOrUrl);
    const onBase = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    if (url.origin !== base.origin || !onBase) {
      throw new FhirError(`refused a link outside the FHIR server ${o.url}: ${url.origin}${url.pathname}`);
    }
    return url;
  }

  async function request(
    method: 'GET' | 'POST',
    pathOrUrl: string,
    r: { body?: unknown; headers?: Record<string, string>; allowed?: number[] } = {},
  ): Promise<FhirResponse> {
    const url = resolve(pathOrUrl);
    const where = `${method} ${url.pathname}`;
    const headers: Record<string, string> = {
      accept: 'application/fhir+json',
      authorization: `Bearer ${o.token}`,
      ...r.headers,
    };
    if (r.body !== undefined) headers['content-type'] = 'application/fhir+json';
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
        // A redirect could lead the token elsewhere; a FHIR base URL that moved is a configuration matter.
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError')
        throw new FhirError(`FHIR server did not answer within ${timeoutMs} ms (${where})`);
      const cause = (e.cause as Error | undefined)?.message ?? e.message;
      throw new FhirError(`FHIR server not reachable (${where}): ${cause}`);
    }
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      if (res.ok) throw new FhirError(`FHIR server sent no JSON (${where}, ${res.status})`, res.status);
    }
    if (res.ok || r.allowed?.includes(res.status)) return { status: res.status, body };
    if (res.status === 401 || res.status === 403) {
      throw new FhirError(
        `FHIR server refused the bearer token (${res.status} on ${where}); check PORTAL_FHIR_TOKEN${outcomeText(body)}`,
        res.status,
      );
    }
    throw new FhirError(`FHIR server answered ${res.status} on ${where}${outcomeText(body)}`, res.status);
  }

  return {
    base: o.url,
    request,
    get: async (pathOrUrl) => (await request('GET', pathOrUrl)).body,
    async *pages(pathOrUrl) {
      let next: string | undefined = pathOrUrl;
      while (next) {
        const url: string = next;
        const page = parseOrThrow(SearchBundle, (await request('GET', url)).body, 'search Bundle');
        next = page.link?.find((l) => l.relation === 'next')?.url;
        // A next link to the same page would keep the run busy for ever.
        if (next === url) throw new FhirError(`FHIR server's next link repeats the page (${resolve(url).pathname})`);
        // Checked before the page is handed on: a server that sends us elsewhere is not trusted with this page either.
        if (next) resolve(next);
        yield page;
      }
    },
  };
}
