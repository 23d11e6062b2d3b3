import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract/channels';
import type { AppEvent, AppEventListener, Method, Transport } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';

/**
 * The preload exposes the transport, not a ready client: errors thrown across contextBridge keep only
 * their message, so the renderer builds the typed client (shared/contract createClient) on its side.
 */
const transport: Transport = {
  invoke: (method: Method, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<Envelope<unknown>>,
  subscribe(listener: AppEventListener) {
    const handler = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('accessdeskTransport', transport);
