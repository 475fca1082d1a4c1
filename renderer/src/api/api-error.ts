// The typed error every API call rejects with. Codes are the server's (shared/api/errors.ts) plus two of our own:
// `network` (no answer at all) and `unknown` (an answer we cannot read, e.g. a proxy's HTML error page).
import { ErrorCode, type ApiErrorBody, type FieldIssue } from '../../../shared/api/errors.ts';

export type ClientErrorCode = ErrorCode | 'network' | 'unknown';

export interface ApiErrorDetails {
  fields?: FieldIssue[];
  retryAfterSeconds?: number;
  attemptsLeft?: number;
  [k: string]: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
  }

  get fields(): FieldIssue[] {
    return Array.isArray(this.details.fields) ? this.details.fields : [];
  }

  /** The first field issue for `path`, if any. */
  field(path: string): FieldIssue | undefined {
    return this.fields.find((f) => f.path === path);
  }
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

function isErrorBody(data: unknown): data is ApiErrorBody {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const error = (data as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** Turns whatever an HTTP call produced into an ApiError. `status` 0 means no answer. */
export function toApiError(status: number, data: unknown): ApiError {
  if (status === 0) return new ApiError(0, 'network', 'No answer from the server');
  if (isErrorBody(data)) {
    const { code, message, details } = data.error;
    const known = KNOWN_CODES.has(code) ? code : 'unknown';
    return new ApiError(status, known, typeof message === 'string' ? message : '', sanitiseDetails(details));
  }
  return new ApiError(status, status >= 500 ? ErrorCode.internal : 'unknown', `HTTP ${status}`);
}

function sanitiseDetails(details: unknown): ApiErrorDetails {
  if (typeof details !== 'object' || details === null) return {};
  const d = details as Record<string, unknown>;
  const out: ApiErrorDetails = { ...d };
  if (!isNonNegativeNumber(d.retryAfterSeconds)) delete out.retryAfterSeconds;
  if (!isNonNegativeNumber(d.attemptsLeft)) delete out.attemptsLeft;
  if (Array.isArray(d.fields)) {
    out.fields = d.fields.filter(
      (f): f is FieldIssue =>
        typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.code === 'string',
    );
  } else delete out.fields;
  return out;
}

function isNonNegativeNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
