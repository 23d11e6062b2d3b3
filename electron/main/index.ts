import { app, dialog, shell, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { StoreCheckError } from '../db/client';
import { AuditKeyError, startCore, type Core } from '../handlers/core';
import { AuditKeyUnavailableError, safeStorageAuditKeyProvider } from './auditKey';
import { broadcast, serveIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { createMainWindow } from './mainWindow';
import { installAppMenu } from './menu';
import { applyUserDataOverride, electronNativeBinding, exportWorkerFile, migrationsFolder, preloadFile, rendererFolder, storeFilePath } from './paths';
import { APP_ORIGIN, originOf } from './rendererFiles';
import { lockDownSessions } from './security';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devServerOrigin = devServerUrl ? originOf(devServerUrl) : null;
const allowedOrigins = devServerOrigin ? [APP_ORIGIN, devServerOrigin] : [APP_ORIGIN];

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

applyUserDataOverride();
registerAppScheme();

// Two windows writing one store would interleave audit chains; a second start focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('AccessDesk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  lockDownSessions(allowedOrigins);
  serveRenderer(rendererFolder());
  installAppMenu();
  const storeFile = storeFilePath();
  try {
    const nativeBinding = electronNativeBinding();
    core = await startCore({
      storeFile,
      migrationsFolder: migrationsFolder(),
      exportWorker: { file: exportWorkerFile() },
      dialogs: { chooseExportFile, chooseWorkbookToVerify, chooseUserListToImport },
      auditKeys: safeStorageAuditKeyProvider(),
      emit: broadcast,
      checkOutput: !app.isPackaged,
      ...(nativeBinding ? { nativeBinding } : {}),
      onUnexpectedError: (method, error) => console.error(`[accessdesk] ${method} failed`, error),
    });
  } catch (error) {
    showRecoveryDialog(storeFile, error);
    app.exit(1);
    return;
  }
  serveIpc(core, allowedOrigins);
  createWindow();
}

function createWindow(): void {
  mainWindow = createMainWindow({ preload: preloadFile(), url: devServerUrl ?? `${APP_ORIGIN}/index.html`, devTools: !app.isPackaged });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function chooseExportFile(suggestedName: string): Promise<string | null> {
  const options = {
    title: 'Save audit workbook',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function chooseWorkbookToVerify(): Promise<string | null> {
  const options = {
    title: 'Verify an audit workbook',
    defaultPath: app.getPath('documents'),
    properties: ['openFile' as const],
    filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function chooseUserListToImport(): Promise<string | null> {
  const options = {
    title: 'Import users',
    defaultPath: app.getPath('documents'),
    properties: ['openFile' as const],
    filters: [{ name: 'User list (CSV or Excel workbook)', extensions: ['csv', 'xlsx', 'txt'] }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

function showRecoveryDialog(storeFile: string, error: unknown): void {
  if (error instanceof AuditKeyError || error instanceof AuditKeyUnavailableError) {
    dialog.showErrorBox('AccessDesk cannot prove its audit log', error.message);
    return;
  }
  const damaged = error instanceof StoreCheckError;
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: 'AccessDesk cannot open its store',
    message: damaged ? 'The store file is damaged.' : 'The store could not be opened.',
    detail: `${error instanceof Error ? error.message : String(error)}\n\nStore: ${storeFile}\n\nBackups taken before upgrades are kept beside the store (*.bak). Close AccessDesk, keep a copy of the damaged file, and put a backup in its place, or contact your administrator.`,
    buttons: ['Show store folder', 'Quit'],
    defaultId: 1,
    cancelId: 1,
  });
  if (choice === 0) void shell.openPath(dirname(storeFile));
}

app.on('window-all-closed', () => {
  app.quit();
});

app.on('will-quit', () => {
  void core?.close();
});
