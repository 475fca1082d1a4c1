// The one HTTP client of the renderer. Cookies carry the login and session (HttpOnly: this code never sees a token).
import axios, { AxiosError, type AxiosResponse } from 'axios';
import { API_PREFIX } from '../../../shared/api/paths.ts';
import { ErrorCode } from '../../../shared/api/errors.ts';
import { ApiError, toApiError } from './api-error.ts';

export const http = axios.create({
  baseURL: API_PREFIX,
  withCredentials: true,
  timeout: 30_000,
  headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
  // Only 2xx is success; everything else becomes an ApiError below.
  validateStatus: (s) => s >= 200 && s < 300,
});

/** Difference server clock − local clock in ms, from the Date header; countdowns use it so a wrong PC clock does no harm. */
let serverClockOffsetMs = 0;
export function serverNow(): number {
  return Date.now() + serverClockOffsetMs;
}

type UnauthorizedHandler = (error: ApiError) => void;
let onUnauthorized: UnauthorizedHandler | null = null;
/** Called when a call fails with 401 unauthenticated/session_expired (the session is gone). Set once by main.ts. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

type RefusedHandler = () => void;
let onRefused: RefusedHandler | null = null;
/**
 * Called when a call about a client is refused (403/404): a right or the membership may have ended since the page
 * loaded, so the rights are loaded again and the page shows "geen toegang" instead of a stale form. Set by main.ts.
 */
export function setRefusedHandler(handler: RefusedHandler | null): void {
  onRefused = handler;
}
const CLIENT_PATH = /^\/?clients\/\d+\//;

function noteServerClock(response: AxiosResponse | undefined): void {
  const date = response?.headers?.date;
  if (typeof date !== 'string') return;
  const server = Date.parse(date);
  // The Date header has 1-second resolution: ignore differences that small.
  if (Number.isFinite(server) && Math.abs(server - Date.now()) > 2000) serverClockOffsetMs = server - Date.now();
  else serverClockOffsetMs = 0;
}

http.interceptors.response.use(
  (response) => {
    noteServerClock(response);
    return response;
  },
  (error: unknown) => {
    let apiError: ApiError;
    if (error instanceof AxiosError) {
      noteServerClock(error.response);
      apiError = toApiError(error.response?.status ?? 0, error.response?.data);
    } else {
      apiError = toApiError(0, undefined);
    }
    if (
      apiError.status === 401 &&
      (apiError.code === ErrorCode.unauthenticated || apiError.code === ErrorCode.sessionExpired)
    ) {
      onUnauthorized?.(apiError);
    }
    const url = error instanceof AxiosError ? (error.config?.url ?? '') : '';
    if ((apiError.status === 403 || apiError.status === 404) && CLIENT_PATH.test(url)) onRefused?.();
    return Promise.reject(apiError);
  },
);

export async function get<T>(path: string): Promise<T> {
  return (await http.get<T>(path)).data;
}

export async function post<T>(path: string, body: unknown = {}): Promise<T> {
  return (await http.post<T>(path, body)).data;
}

export { ApiError };

export async function patch<T>(path: string, body: unknown): Promise<T> {
  return (await http.patch<T>(path, body)).data;
}

export async function del(path: string): Promise<void> {
  await http.delete(path);
}
