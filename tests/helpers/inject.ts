// Requests dispatched in-process into the portal's own request listener (Portal.handler, the app.callback() that
// its http.Server runs): a real http.IncomingMessage and http.ServerResponse on an in-memory socket, so the whole
// Koa pipeline runs (session cookie, middleware, routers, caches, audit) and Node serialises the response as for a
// client; only TCP and Node's request parser are skipped. For tests that send hundreds of thousands of requests:
// per request this costs about a fifth of light-my-request and a tenth of a keep-alive socket on this machine.
import http from 'node:http';
import { Duplex } from 'node:stream';
import { API_PREFIX } from '../../shared/api/paths.ts';
import { BROWSER_UA } from './http-client.ts';

export interface Answer {
  status: number;
  text: string;
}

export type Dispatch = (method: string, path: string, cookie: string | undefined, body?: unknown) => Promise<Answer>;

/** The connection as the server sees it: the browser's address; what the server writes is kept. */
class MemorySocket extends Duplex {
  readonly remoteAddress = '127.0.0.1';
  readonly remoteFamily = 'IPv4';
  readonly out: Buffer[] = [];
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.out.push(chunk);
    done();
  }
}

/** Status and body of the bytes Node wrote for one response (Content-Length or chunked). */
function parseResponse(raw: Buffer, status: number): Answer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete response head: ${raw.toString('latin1').slice(0, 200)}`);
  const head = raw.subarray(0, end).toString('latin1');
  let body = raw.subarray(end + 4);
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    const parts: Buffer[] = [];
    for (let at = 0; ;) {
      const eol = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(eol + 2, eol + 2 + size));
      at = eol + 4 + size;
    }
    body = Buffer.concat(parts);
  }
  return { status, text: body.toString('utf8') };
}

/**
 * A dispatcher for API paths (relative to API_PREFIX) into the portal listening at `url` through this handler. It
 * sends what HttpClient sends: the listening address as Host, the browser's User-Agent, the cookie, a JSON body.
 */
export function injector(handler: http.RequestListener, url: string): Dispatch {
  const host = new URL(url).host;
  return (method, path, cookie, body) =>
    new Promise<Answer>((resolve, reject) => {
      const socket = new MemorySocket();
      const req = new http.IncomingMessage(socket as never);
      req.method = method;
      req.url = API_PREFIX + path;
      req.httpVersion = '1.1';
      req.httpVersionMajor = 1;
      req.httpVersionMinor = 1;
      const headers: http.IncomingHttpHeaders = { host, 'user-agent': BROWSER_UA };
      if (cookie) headers.cookie = cookie;
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(payload.length);
        req.push(payload);
      }
      req.headers = headers;
      req.rawHeaders = Object.entries(headers).flatMap(([k, v]) => [k, String(v)]);
      req.push(null);
      req.complete = true;
      const res = new http.ServerResponse(req);
      res.assignSocket(socket as never);
      // The answer comes in a later turn of the event loop, as from a socket: a chain of in-process requests
      // would otherwise run as one long run of microtasks, starving every timer (the server's keep-alive timeout
      // then fires only when a real HTTP request comes, and closes the very connection that request reuses).
      res.once('finish', () =>
        setImmediate(() => {
          try {
            resolve(parseResponse(Buffer.concat(socket.out), res.statusCode));
          } catch (err) {
            reject(err as Error);
          }
        }),
      );
      res.once('error', reject);
      handler(req, res);
    });
}
