import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract/channels';
import type { AppEvent } from '../../shared/contract/events';
import type { Envelope } from '../../shared/errors';
import type { Core } from '../handlers/core';
import { originOf } from './rendererFiles';

/** Only the app's own top frame, loaded from the app's origin, may call the store. */
function isTrustedSender(event: IpcMainInvokeEvent, allowedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed before the message arrived has no senderFrame.
  if (!frame || frame.parent !== null || frame !== event.sender.mainFrame) return false;
  const origin = originOf(frame.url);
  return origin !== null && allowedOrigins.includes(origin);
}

export function serveIpc(core: Core, allowedOrigins: readonly string[]): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, allowedOrigins)) {
      return { ok: false, error: { code: 'forbidden', message: 'This window may not use the store' } };
    }
    return core.invoke(String(method), input);
  });
}

export function broadcast(event: AppEvent): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  }
}
