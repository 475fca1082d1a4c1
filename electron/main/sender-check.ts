// IPC is only answered for our own top-level page. A frame that navigated elsewhere, an iframe or a destroyed frame
// (senderFrame null) gets nothing, even though it shares the preload.
import { isAppUrl } from './app-origin.ts';

/** The part of Electron's WebFrameMain that the check needs; keeps this module free of Electron imports. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}
