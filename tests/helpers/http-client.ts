// A tiny browser stand-in over fetch: keeps the cookies a server sets (per client), sends them back, and returns
// status, parsed JSON and headers. A new client is a fresh browser: no session, no remembered device.
import { API_PREFIX } from '../../shared/api/paths.ts';

export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely and assert each field they use
type Json = any;

export interface Res<T = Json> {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it was not JSON (e.g. 204). */
  json: T;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Send this string as the body verbatim instead of JSON.stringify(body). */
  raw?: string;
}

export interface SetCookie {
  name: string;
  value: string;
  attributes: string[];
  raw: string;
}

export class HttpClient {
  private readonly jar = new Map<string, string>();
  /** Every Set-Cookie header received, newest last (for checking HttpOnly, SameSite, Max-Age). */
  readonly setCookies: SetCookie[] = [];

  constructor(
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = { 'user-agent': BROWSER_UA },
  ) {}

  get<T = Json>(path: string, o: RequestOptions = {}): Promise<Res<T>> {
    return this.send<T>('GET', path, undefined, o);
  }

  post<T = Json>(path: string, body?: unknown, o: RequestOptions = {}): Promise<Res<T>> {
    return this.send<T>('POST', path, body, o);
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  deleteCookie(name: string): void {
    this.jar.delete(name);
  }

  /** The last Set-Cookie header for this cookie name. */
  lastSetCookie(name: string): SetCookie | undefined {
    return this.setCookies.filter((c) => c.name === name).at(-1);
  }

  url(path: string): string {
    return this.baseUrl + (path.startsWith('/api/') ? path : API_PREFIX + path);
  }

  async send<T>(method: string, path: string, body: unknown, o: RequestOptions = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...this.defaultHeaders };
    let payload: string | undefined;
    if (o.raw !== undefined) payload = o.raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    Object.assign(headers, o.headers);
    const res = await fetch(this.url(path), { method, headers, body: payload, redirect: 'manual' });
    this.store(res.headers.getSetCookie());
    const text = await res.text();
    let json: Json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  private store(lines: string[]): void {
    for (const raw of lines) {
      const [pair = '', ...attrs] = raw.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      this.setCookies.push({ name, value, attributes: attrs, raw });
      const expires = attrs.find((a) => /^expires=/i.test(a));
      const maxAge = attrs.find((a) => /^max-age=/i.test(a));
      const gone =
        value === '' ||
        (maxAge !== undefined && Number(maxAge.split('=')[1]) <= 0) ||
        (expires !== undefined && new Date(expires.slice(8)).getTime() <= Date.now());
      if (gone) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

/** True when the error body has the API's shape `{ error: { code, message, details? } }`. */
export function isApiError(json: unknown): boolean {
  if (!json || typeof json !== 'object') return false;
  const e = (json as { error?: unknown }).error;
  if (!e || typeof e !== 'object') return false;
  const { code, message, details } = e as Record<string, unknown>;
  const keys = Object.keys(e);
  return (
    typeof code === 'string' &&
    /^[a-z_]+$/.test(code) &&
    typeof message === 'string' &&
    message.length > 0 &&
    (details === undefined || (typeof details === 'object' && details !== null)) &&
    keys.every((k) => ['code', 'message', 'details'].includes(k))
  );
}
