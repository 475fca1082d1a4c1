// Is this the desktop app on a ward computer, and is that computer registered? Only then does the login page offer
// the assisted first login. In a browser or a personal install the question is not even asked.
import type { Bridge } from '../../../shared/ipc.ts';
import type { WardStatus } from '../../../shared/api/ward.ts';
import { desktopBridge } from './desktop.ts';

export type WardState =
  /** A browser or a personal install: no ward computer. */
  | { kiosk: false }
  /** The desktop app in kiosk mode; `status` null when the server could not be asked. */
  | { kiosk: true; status: WardStatus | null };

export async function wardState(
  askServer: () => Promise<WardStatus>,
  bridge: Pick<Bridge, 'appInfo'> | null = desktopBridge(),
): Promise<WardState> {
  if (!bridge) return { kiosk: false };
  const info = await bridge.appInfo().catch(() => null);
  if (info?.mode !== 'kiosk') return { kiosk: false };
  try {
    return { kiosk: true, status: await askServer() };
  } catch {
    return { kiosk: true, status: null };
  }
}
