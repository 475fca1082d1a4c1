/// <reference types="vite/client" />
import type { Bridge } from '../shared/ipc.ts';

declare global {
  interface Window {
    /** Present only inside the Electron app (preload script); absent in a browser. */
    bridge?: Bridge;
  }
}

export {};
