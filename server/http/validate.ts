import type { z } from 'zod';
import { validationError } from './errors.ts';

/** Parses request input with a shared zod schema; bad input becomes a 400 with field details. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data;
}
