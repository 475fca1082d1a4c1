import type { ErrorCode, FieldIssue } from '../../shared/api/errors.ts';
import type { z } from 'zod';

/** The one error type handlers and services throw; the error middleware renders it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.join('.'),
    // Our schemas put a machine-readable reason in the message (e.g. 'six_digits'); zod's own messages are prose.
    code: /^[a-z_]+$/.test(i.message) ? i.message : i.code,
    message: i.message,
  }));
}

/** A 400 about one field, with a machine-readable reason the UI translates. */
export function fieldError(code: ErrorCode, message: string, path: string, reason: string): HttpError {
  return new HttpError(400, code, message, { fields: [{ path, code: reason, message: reason }] });
}

export function validationError(error: z.ZodError): HttpError {
  return new HttpError(400, 'validation_failed', 'Invalid input', { fields: fieldIssues(error) });
}
