import { app, screen, type BrowserWindow, type Rectangle } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_STATE: WindowState = { bounds: { x: 0, y: 0, width: 1360, height: 860 }, maximized: false };

function stateFile(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

function isOnSomeDisplay(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea }) =>
    bounds.x < workArea.x + workArea.width && bounds.x + bounds.width > workArea.x &&
    bounds.y < workArea.y + workArea.height && bounds.y + bounds.height > workArea.y);
}

/** The last size and position, unless the display it was on is gone. */
export function loadWindowState(): WindowState {
  try {
    const saved = JSON.parse(readFileSync(stateFile(), 'utf8')) as WindowState;
    if (saved.bounds.width >= 800 && saved.bounds.height >= 560 && isOnSomeDisplay(saved.bounds)) return saved;
  } catch {
    // First start or an unreadable file: use the default.
  }
  return DEFAULT_STATE;
}

export function rememberWindowState(window: BrowserWindow): void {
  const save = () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      writeFileSync(stateFile(), JSON.stringify(state));
    } catch {
      // Not being able to remember the window is never worth an error dialog.
    }
  };
  window.on('close', save);
}
