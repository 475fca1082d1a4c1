// A local stand-in for Twilio's Messages API (a real node:http server on 127.0.0.1) and a twilio.RequestClient
// that sends the SDK's requests there instead of to https://api.twilio.com.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { onClose } from './cleanup.ts';

export interface TwilioRequest {
  method: string;
  path: string;
  contentType: string;
  /** The form-encoded fields (To, From, Body, ...). */
  form: Record<string, string>;
  /** Decoded Basic auth, or null when absent. */
  auth: { user: string; password: string } | null;
}

export interface TwilioEndpoint {
  baseUrl: string;
  requests: TwilioRequest[];
  /** The next n requests are answered with this status (default 500) and a Twilio-like error body. */
  failNext(n: number, status?: number): void;
  /** A RequestClient for twilio({ httpClient }) that talks to this endpoint. */
  httpClient(): InstanceType<typeof twilio.RequestClient>;
  stop(): Promise<void>;
}

/** Rewrites https://api.twilio.com/... to the local endpoint; everything else is the SDK's own HTTP client. */
export class LocalTwilioRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 5000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.baseUrl);
    if (!uri.startsWith(this.baseUrl)) throw new Error(`refusing to call ${opts.uri} from a test`);
    return super.request<TData>({ ...opts, uri });
  }
}

export async function startTwilioEndpoint(): Promise<TwilioEndpoint> {
  const requests: TwilioRequest[] = [];
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      let auth: TwilioRequest['auth'] = null;
      if (basic) {
        const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
        const i = decoded.indexOf(':');
        auth = { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
      }
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        form,
        auth,
      });
      res.setHeader('content-type', 'application/json');
      if (failures.left > 0) {
        failures.left--;
        res.statusCode = failures.status;
        res.end(
          JSON.stringify({
            code: 20500,
            message: 'Internal Server Error',
            more_info: 'https://www.twilio.com/docs/errors/20500',
            status: failures.status,
          }),
        );
        return;
      }
      const sid = /\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '')?.[1] ?? '';
      res.statusCode = 201;
      res.end(
        JSON.stringify({
          sid: `SM${String(requests.length).padStart(32, '0')}`,
          account_sid: sid,
          to: form.To,
          from: form.From ?? null,
          messaging_service_sid: form.MessagingServiceSid ?? null,
          body: form.Body,
          status: 'queued',
          num_segments: '1',
          direction: 'outbound-api',
          api_version: '2010-04-01',
          date_created: new Date().toUTCString(),
          uri: `/2010-04-01/Accounts/${sid}/Messages/SM.json`,
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  onClose(stop);
  return {
    baseUrl,
    requests,
    failNext(n, status = 500) {
      failures = { left: n, status };
    },
    httpClient: () => new LocalTwilioRequestClient(baseUrl),
    stop,
  };
}
