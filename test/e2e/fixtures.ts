import { _electron as electron, test as base, expect, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoOpened, FirstAdministratorInput, GroupRow, Method, MethodInput, MethodOutput, Operator, Transport, UserRow } from '../../shared/contract';
import { AppError, type Envelope } from '../../shared/errors';
import { FIRST_ADMIN } from '../support/operators';
import { REPO_ROOT } from '../support/paths';
import { startHost } from './host';

/** `browser` (default): Debian Chromium + the Node test host. `electron`: the built app via _electron.launch. */
export type Target = 'browser' | 'electron';
export const TARGET: Target = process.env.ACCESSDESK_E2E_TARGET === 'electron' ? 'electron' : 'browser';

export interface AppUnderTest {
  target: Target;
  page: Page;
  /** A folder for files the test writes (exports), removed afterwards. */
  dir: string;
  /** Makes the next "save as" dialog answer with this path. */
  answerSaveDialog(file: string): Promise<void>;
  /** Makes the next "open a workbook to verify" dialog answer with this path. */
  answerWorkbookToVerify(file: string): Promise<void>;
  /** Makes the next "import users" open dialog answer with this path. */
  answerUserListToImport(file: string): Promise<void>;
  /** Puts data in place through the contract, for specs where the clicking is not what is tested. */
  seed: Seed;
}

/** The Super Administrator `app.seed.setup()` creates unless told otherwise. */
export const SEED_ADMIN = FIRST_ADMIN;

export type UserSeed = Partial<MethodInput<'users.create'>>;

export interface Seed {
  /**
   * Calls one contract method as the renderer would (validation, authorization and audit included) and returns
   * its value; an error envelope is thrown as an AppError naming the method.
   */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** First start: creates the first Super Administrator, signs in, and reloads onto the main screen. */
  setup(admin?: FirstAdministratorInput): Promise<Operator>;
  /** Opens the demo workspace signed in, and reloads onto the main screen. */
  demo(): Promise<DemoOpened>;
  /** Signs in as someone else (created with `sso: false` and a password), and reloads onto the main screen. */
  signIn(username: string, password: string): Promise<Operator>;
  /**
   * Creates users: a count makes that many with generated, unique usernames (seed-user-1, …); a list fills the
   * fields it leaves out the same way. Needs a signed-in operator who may create users.
   */
  users(countOrUsers: number | UserSeed[]): Promise<UserRow[]>;
  /** Creates a group and adds these users to it. */
  group(name: string, memberIds?: number[]): Promise<GroupRow>;
}

type TransportWindow = Window & { accessdeskTransport: Transport };

/** One contract call as the target delivers it, answering with the envelope. */
type Invoke = (method: Method, input: unknown) => Promise<Envelope<unknown>>;

/** The electron target has no host in reach: calls go through the preload's transport inside the window. */
export function invokeThroughPage(page: Page): Invoke {
  return (method, input) =>
    page.evaluate(([name, payload]) => (window as unknown as TransportWindow).accessdeskTransport.invoke(name, payload), [method, input] as const);
}

export function createSeed(invoke: Invoke, page: Page): Seed {
  let seededUsers = 0;
  const call = async <M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const envelope = await invoke(method, input);
    if (!envelope.ok) {
      throw new AppError(envelope.error.code, `seed: ${method} failed: ${envelope.error.message}`, envelope.error.fields);
    }
    return envelope.value as MethodOutput<M>;
  };
  // The renderer reads the session once when it starts, so a session changed behind its back needs a reload.
  const showMainScreen = async () => {
    await page.reload();
    await page.getByTestId('app-bar').waitFor();
  };
  const withSession = async <T>(change: Promise<T>): Promise<T> => {
    const value = await change;
    await showMainScreen();
    return value;
  };
  const userInput = (fields: UserSeed): MethodInput<'users.create'> => {
    seededUsers += 1;
    const username = fields.username ?? `seed-user-${seededUsers}`;
    return { username, firstName: 'Seed', lastName: `User ${seededUsers}`, email: `${username}@example.com`, ...fields };
  };
  return {
    call,
    setup: (admin = SEED_ADMIN) => withSession(call('session.setup', admin)),
    demo: () => withSession(call('session.openDemo', {})),
    signIn: (username, password) => withSession(call('session.signIn', { username, password })),
    async users(countOrUsers) {
      const wanted = typeof countOrUsers === 'number' ? Array.from({ length: countOrUsers }, (): UserSeed => ({})) : countOrUsers;
      const created: UserRow[] = [];
      for (const fields of wanted) created.push(await call('users.create', userInput(fields)));
      return created;
    },
    async group(name, memberIds = []) {
      const group = await call('groups.create', { name });
      if (memberIds.length === 0) return group;
      const added = await call('memberships.add', { groupId: group.id, userIds: memberIds });
      return { ...group, memberCount: group.memberCount + added.addedUserIds.length };
    },
  };
}

/** The built app opens its store with the Electron build of better-sqlite3; node_modules holds Node's. */
function requireElectronNativeBuild(): void {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  if (!existsSync(join(REPO_ROOT, '.native', `electron-${version}`, 'better_sqlite3.node'))) {
    throw new Error('better-sqlite3 is not built for Electron yet: run `node build/scripts/ensure-electron-native.mjs` (npm start does it)');
  }
}

export const test = base.extend<{ app: AppUnderTest }>({
  // The electron target asks for no `page`: that fixture would launch the browser, which users' CI does not have.
  app:
    TARGET === 'electron'
      ? async ({}, use) => {
          requireElectronNativeBuild();
          const dir = mkdtempSync(join(tmpdir(), 'accessdesk-e2e-electron-'));
          // The repository, not out/main/index.js: Electron takes the app path from what it is given, and the
          // main process finds drizzle/ and the Electron build of better-sqlite3 in .native/ under the app path.
          const electronApp = await electron.launch({
            // The audit key is wrapped by the OS keystore; on Linux CI that is the gnome-keyring the workflow starts.
            args: [REPO_ROOT, `--store=${join(dir, 'store.sqlite')}`, ...(process.platform === 'linux' ? ['--password-store=gnome-libsecret'] : [])],
            cwd: REPO_ROOT,
            env: { ...process.env, ACCESSDESK_USER_DATA: join(dir, 'user-data') },
          });
          const window = await electronApp.firstWindow();
          await use({
            target: 'electron',
            page: window,
            dir,
            answerSaveDialog: async (file) => {
              await electronApp.evaluate(({ dialog }, filePath) => {
                dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
              }, file);
            },
            answerWorkbookToVerify: async (file) => {
              await electronApp.evaluate(({ dialog }, filePath) => {
                dialog.showOpenDialog = (() => Promise.resolve({ canceled: false, filePaths: [filePath] })) as typeof dialog.showOpenDialog;
              }, file);
            },
            answerUserListToImport: async (file) => {
              await electronApp.evaluate(({ dialog }, filePath) => {
                dialog.showOpenDialog = (() => Promise.resolve({ canceled: false, filePaths: [filePath] })) as typeof dialog.showOpenDialog;
              }, file);
            },
            seed: createSeed(invokeThroughPage(window), window),
          });
          await electronApp.close();
          rmSync(dir, { recursive: true, force: true });
        }
      : async ({ page }, use) => {
          const host = await startHost();
          await host.attach(page);
          await page.goto(host.url);
          await use({
            target: 'browser',
            page,
            dir: host.dir,
            answerSaveDialog: async (file) => {
              host.dialogs.nextExportPath = file;
            },
            answerWorkbookToVerify: async (file) => {
              host.dialogs.nextWorkbookToVerify = file;
            },
            answerUserListToImport: async (file) => {
              host.dialogs.nextUserListToImport = file;
            },
            seed: createSeed((method, input) => host.core.invoke(method, input), page),
          });
          await host.close();
        },
});

export { expect };
