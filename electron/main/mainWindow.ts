import { BrowserWindow } from 'electron';
import { loadWindowState, rememberWindowState } from './windowState';

export interface MainWindowOptions {
  preload: string;
  url: string;
  /** Development builds only. */
  devTools: boolean;
}

/** The app's one window, locked down per Electron's security checklist. */
export function createMainWindow({ preload, url, devTools }: MainWindowOptions): BrowserWindow {
  const state = loadWindowState();
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'AccessDesk',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      // Reviewed: the preload only bridges the IPC transport (invoke + event subscription) into an isolated, sandboxed page.
      preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise open a link in a new window without the 'click' handlers seeing it.
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  });
  if (state.maximized) window.maximize();
  rememberWindowState(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
