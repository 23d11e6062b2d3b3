import { createClient, type Api, type Transport } from '../../shared/contract';

declare global {
  interface Window {
    /** Installed by the Electron preload, or by the e2e test host's init script. */
    accessdeskTransport?: Transport;
  }
}

function transport(): Transport {
  if (!window.accessdeskTransport) {
    throw new Error('AccessDesk must be opened from the desktop app: no connection to the store');
  }
  return window.accessdeskTransport;
}

/** The only door to the main process. Only Pinia stores import it. */
export const api: Api = createClient(transport());
