// Wraps every ipcMain.handle listener: sender check first, then zod parsing of the arguments, then the handler.
// Rejections carry only a short code; details stay in the main process (the renderer is not trusted with them).
import type { z } from 'zod';
import { isTrustedSender, type SenderFrameLike } from './sender-check.ts';

export interface IpcEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

export class IpcRejected extends Error {
  constructor(readonly code: 'untrusted-sender' | 'invalid-arguments' | 'not-allowed') {
    super(code);
    this.name = 'IpcRejected';
  }
}

export function guardedHandler<Schema extends z.ZodType<unknown[]>, Result>(
  schema: Schema,
  handler: (args: z.output<Schema>) => Result | Promise<Result>,
): (event: IpcEventLike, ...args: unknown[]) => Promise<Result> {
  return async (event, ...args) => {
    if (!isTrustedSender(event.senderFrame)) throw new IpcRejected('untrusted-sender');
    const parsed = schema.safeParse(args);
    if (!parsed.success) throw new IpcRejected('invalid-arguments');
    return handler(parsed.data);
  };
}
