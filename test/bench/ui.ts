/**
 * `npm run bench:ui`: the real renderer in Debian's Chromium, on the Node test host over a store of 100,000
 * users, 2,000 groups and 300,000 memberships, timing what the administrator waits for. Every time is taken
 * inside the page, from the input event's timestamp to the frame after the awaited rows are on screen.
 * Prints figures; asserts nothing. The last line is one JSON object.
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../electron/handlers/core';
import { RENDERER_FOLDER, startHost } from '../e2e/host';
import playwrightConfig from '../e2e/playwright.config';
import { field } from '../e2e/pages/AppPage';
import { REPO_ROOT } from '../support/paths';
import { FIRST_ADMIN, call } from '../support/operators';
import { buildUiBenchStore } from './uiStore';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 2_000);
const MEMBERSHIPS = Number(process.env.BENCH_MEMBERSHIPS ?? 300_000);
const SAMPLES = Number(process.env.BENCH_UI_SAMPLES ?? 7);
const FIRST_PAINT_RUNS = 5;
const ROUND_TRIPS = 30;
const SCROLL_FRAMES = 300;
const SCROLL_STEP_PX = 40;
const VIEWPORT = { width: 1360, height: 860 };

const USER_ROWS = '[data-testid="user-row"]';
const MEMBERS_PANE = '[data-testid="group-members"]';
const MEMBER_ROWS = '[data-testid="member-row"]';
const GROUP_ITEMS = '[data-testid="group-item"]';
const EDITOR_LOADED = '[data-testid="group-editor"] [data-testid="work-grants"]';
const WHO_HAS_ROWS = '[data-testid="who-has-row"]';
const WHO_HAS_RESULTS = '[data-testid="who-has-results"]';
const SEARCH_TERMS = ['olsen', 'berg', 'weber', 'costa', 'tanaka', 'novak', 'urban', 'rossi', 'dahl'];

/** What the page waits for after an input: rows that differ from those shown when it was armed. */
interface RowsAwaited {
  rows: string;
  /** Only rows inside this element count, and it must contain scopeText. */
  scope?: string;
  scopeText?: string;
  /**
   * The scope's aria-label must include this. Answers for different questions can show the same rows
   * (everyone may read documents in two units); the label names the question the rows answer.
   */
  scopeLabel?: string;
  /** Lower-case text every shown row must contain (a search result). */
  everyRowIncludes?: string;
  timeoutMs?: number;
}

interface InputToRows {
  inputAt: number;
  shownAt: number;
}

interface ScrollRun {
  frameMs: number[];
  scrollHeight: number;
}

interface BenchProbe {
  firstRowsAt: number | null;
  arm(awaited: RowsAwaited): void;
  result(): Promise<InputToRows>;
  /** In-page times of calls to the cheapest method: what the transport adds to every wait. */
  roundTrips(count: number): Promise<number[]>;
  scrollFrames(options: { item: string; frames: number; stepPx: number }): Promise<ScrollRun>;
}

type ProbedWindow = Window & { __bench: BenchProbe };

/**
 * Installed before the renderer's own scripts on every navigation. Plain JavaScript in a string, so no
 * compiler helper ends up in code the page runs. "Shown" is taken in a task queued from the next
 * animation frame, that is after the frame that paints the change.
 */
const PROBE_SCRIPT = `
(() => {
  const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
  const rowTexts = (awaited) => {
    const scope = awaited.scope ? document.querySelector(awaited.scope) : document;
    return scope ? [...scope.querySelectorAll(awaited.rows)].map((row) => (row.textContent || '').replace(/\\s+/g, ' ').trim()) : [];
  };
  // Visibility forces a style and layout pass, so it is asked only once the text says the rows arrived.
  const firstRowShown = (awaited) => {
    const scope = awaited.scope ? document.querySelector(awaited.scope) : document;
    return Boolean(scope?.querySelector(awaited.rows)?.checkVisibility());
  };
  const watchDocument = (check) => {
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    return observer;
  };
  const probe = {
    firstRowsAt: null,
    lastInputAt: 0,
    pending: null,
    arm(awaited) {
      const before = rowTexts(awaited).join('\\n');
      const scopeLabel = () => (awaited.scope && document.querySelector(awaited.scope)?.getAttribute('aria-label')) || '';
      const labelBefore = scopeLabel();
      const arrived = () => {
        const texts = rowTexts(awaited);
        if (awaited.scopeLabel) {
          if (texts.length === 0 || scopeLabel() === labelBefore || !scopeLabel().includes(awaited.scopeLabel)) return false;
        } else if (texts.length === 0 || texts.join('\\n') === before) return false;
        if (awaited.scopeText && !(document.querySelector(awaited.scope)?.textContent || '').includes(awaited.scopeText)) return false;
        if (awaited.everyRowIncludes && !texts.every((text) => text.toLowerCase().includes(awaited.everyRowIncludes))) return false;
        return firstRowShown(awaited);
      };
      probe.lastInputAt = 0;
      probe.pending = new Promise((resolve, reject) => {
        let observer = null;
        const timer = setTimeout(() => {
          observer?.disconnect();
          reject(new Error('No new rows within ' + (awaited.timeoutMs || 30000) + ' ms for ' + JSON.stringify(awaited)));
        }, awaited.timeoutMs || 30000);
        observer = watchDocument(() => {
          if (!arrived()) return false;
          clearTimeout(timer);
          afterNextPaint().then((shownAt) => resolve({ inputAt: probe.lastInputAt, shownAt }));
          return true;
        });
      });
    },
    result() {
      return probe.pending;
    },
    async roundTrips(count) {
      const samples = [];
      for (let i = 0; i < count; i += 1) {
        const started = performance.now();
        await window.accessdeskTransport.invoke('session.status', {});
        samples.push(performance.now() - started);
      }
      return samples;
    },
    scrollFrames({ item, frames, stepPx }) {
      let scroller = document.querySelector(item)?.parentElement ?? null;
      while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) {
        scroller = scroller.parentElement;
      }
      if (!scroller) return Promise.reject(new Error('No scrolling container around ' + item));
      scroller.scrollTop = 0;
      return new Promise((resolve) => {
        const stamps = [];
        let direction = 1;
        const tick = (stamp) => {
          stamps.push(stamp);
          if (stamps.length > frames) {
            resolve({ frameMs: stamps.slice(1).map((at, i) => at - stamps[i]), scrollHeight: scroller.scrollHeight });
            return;
          }
          const bottom = scroller.scrollHeight - scroller.clientHeight;
          if (scroller.scrollTop >= bottom - 1) direction = -1;
          else if (scroller.scrollTop <= 0) direction = 1;
          scroller.scrollTop += direction * stepPx;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
  };
  window.__bench = probe;
  for (const type of ['click', 'keydown']) {
    window.addEventListener(type, (event) => { probe.lastInputAt = event.timeStamp; }, true);
  }
  watchDocument(() => {
    const row = document.querySelector(${JSON.stringify(USER_ROWS)});
    if (!row || !row.checkVisibility()) return false;
    afterNextPaint().then((at) => { probe.firstRowsAt = at; });
    return true;
  });
})();
`;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const median = (samples: number[]) => percentile(samples, 50);
const round = (value: number) => Math.round(value * 10) / 10;
const list = (samples: number[]) => samples.map((sample) => sample.toFixed(0)).join(', ');

function ensureRendererBuilt(): void {
  if (existsSync(join(RENDERER_FOLDER, 'index.html'))) return;
  console.log('building the renderer (out/renderer is missing)…');
  execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/**
 * Adds up the time the handlers take to answer, so a slow figure can be split between the main process and
 * what the renderer and the transport add.
 */
function clockHandlers(core: Core): { busyMs: number } {
  const clock = { busyMs: 0 };
  const invoke = core.invoke;
  core.invoke = async (method, input) => {
    const started = performance.now();
    try {
      return await invoke(method, input);
    } finally {
      clock.busyMs += performance.now() - started;
    }
  };
  return clock;
}

async function arm(page: Page, awaited: RowsAwaited): Promise<void> {
  await page.evaluate((rows) => (window as unknown as ProbedWindow).__bench.arm(rows), awaited);
}

/** Arms the probe, performs the input, and returns input-to-rows in ms as the page measured it. */
async function timeInput(page: Page, awaited: RowsAwaited, input: () => Promise<void>): Promise<number> {
  await arm(page, awaited);
  await input();
  const { inputAt, shownAt } = await page.evaluate(() => (window as unknown as ProbedWindow).__bench.result());
  if (inputAt === 0) throw new Error('The page saw no click or keystroke for this measurement');
  return shownAt - inputAt;
}

async function firstPaintAfterNavigation(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const handle = await page.waitForFunction(() => (window as unknown as ProbedWindow).__bench.firstRowsAt, null, { timeout: 60_000 });
  return Number(await handle.jsonValue());
}

async function main() {
  ensureRendererBuilt();
  const host = await startHost({ checkOutput: false });
  const handlers = clockHandlers(host.core);
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  const browser = await chromium.launch({ ...launchOptions, executablePath: launchOptions.executablePath ?? '/usr/bin/chromium' });
  try {
    let started = performance.now();
    await call(host.core, 'session.setup', FIRST_ADMIN);
    const store = buildUiBenchStore(host.core, { users: USERS, groups: GROUPS, memberships: MEMBERSHIPS });
    await call(host.core, 'session.signOut', {});
    console.log(
      `generated ${store.users} users, ${store.groups} groups, ${store.memberships} memberships ('${store.bigGroupName}' has ${store.bigGroupMembers}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const page = await browser.newPage({ viewport: VIEWPORT });
    await host.attach(page);
    await page.addInitScript({ content: PROBE_SCRIPT });

    await page.goto(host.url);
    await field(page, 'signin-username').fill(FIRST_ADMIN.username);
    await field(page, 'signin-password').fill(FIRST_ADMIN.password);
    started = performance.now();
    await page.getByTestId('signin-submit').click();
    await page.locator(USER_ROWS).first().waitFor();
    console.log(`signed in; users shown ${(performance.now() - started).toFixed(0)} ms after the click (as seen from Node)`);

    const firstPaints: number[] = [];
    const firstPaintsInHandlers: number[] = [];
    for (let run = 0; run < FIRST_PAINT_RUNS; run += 1) {
      const handlersBefore = handlers.busyMs;
      firstPaints.push(await firstPaintAfterNavigation(page, host.url));
      firstPaintsInHandlers.push(handlers.busyMs - handlersBefore);
    }
    console.log(`first paint with users      ${list(firstPaints)} ms; in handlers ${list(firstPaintsInHandlers)} ms`);

    const nextPage = page.getByRole('button', { name: 'Next page of users' });
    const nextPages: number[] = [];
    const nextPagesInHandlers: number[] = [];
    for (let run = 0; run < SAMPLES; run += 1) {
      const handlersBefore = handlers.busyMs;
      nextPages.push(await timeInput(page, { rows: USER_ROWS }, () => nextPage.click()));
      nextPagesInHandlers.push(handlers.busyMs - handlersBefore);
    }
    console.log(`next users page             ${list(nextPages)} ms; in handlers ${list(nextPagesInHandlers)} ms`);

    const bigGroup = page.locator(`${GROUP_ITEMS}[data-group-name="${store.bigGroupName}"]`);
    const smallGroup = page.locator(`${GROUP_ITEMS}:not([data-group-name="${store.bigGroupName}"])`).first();
    const smallGroupName = (await smallGroup.getAttribute('data-group-name')) ?? '';
    const groupSelections: number[] = [];
    const groupSelectionsInHandlers: number[] = [];
    for (let run = 0; run < SAMPLES; run += 1) {
      await timeInput(page, { rows: MEMBER_ROWS, scope: MEMBERS_PANE, scopeText: smallGroupName }, () => smallGroup.click());
      const handlersBefore = handlers.busyMs;
      groupSelections.push(await timeInput(page, { rows: MEMBER_ROWS, scope: MEMBERS_PANE, scopeText: store.bigGroupName }, () => bigGroup.click()));
      groupSelectionsInHandlers.push(handlers.busyMs - handlersBefore);
    }
    console.log(`select the ${store.bigGroupMembers}-member group  ${list(groupSelections)} ms; in handlers ${list(groupSelectionsInHandlers)} ms`);

    const search = field(page, 'users-search');
    const searches: number[] = [];
    const searchesInHandlers: number[] = [];
    for (let run = 0; run < SAMPLES; run += 1) {
      const term = SEARCH_TERMS[run % SEARCH_TERMS.length]!;
      await search.click();
      const handlersBefore = handlers.busyMs;
      searches.push(await timeInput(page, { rows: USER_ROWS, everyRowIncludes: term }, () => search.pressSequentially(term)));
      searchesInHandlers.push(handlers.busyMs - handlersBefore);
      await timeInput(page, { rows: USER_ROWS }, async () => {
        await search.press('ControlOrMeta+A');
        await search.press('Backspace');
      });
    }
    console.log(`search keystroke to rows    ${list(searches)} ms; in handlers ${list(searchesInHandlers)} ms (${SEARCH_TERMS.slice(0, SAMPLES).join(', ')})`);

    const scroll = await page.evaluate(
      (options) => (window as unknown as ProbedWindow).__bench.scrollFrames(options),
      { item: GROUP_ITEMS, frames: SCROLL_FRAMES, stepPx: SCROLL_STEP_PX },
    );
    const scrollP95 = percentile(scroll.frameMs, 95);
    console.log(
      `groups scroll frames        p50 ${median(scroll.frameMs).toFixed(1)} ms, p95 ${scrollP95.toFixed(1)} ms, max ${Math.max(...scroll.frameMs).toFixed(1)} ms over ${scroll.frameMs.length} frames (${SCROLL_STEP_PX} px a frame, list ${scroll.scrollHeight} px tall)`,
    );

    // The group editor, opened from the list's wrench, until its grants are on screen.
    const editorOpens: number[] = [];
    const editorOpensInHandlers: number[] = [];
    const editable = page.locator(`${GROUP_ITEMS}:not([data-group-name="${store.bigGroupName}"])`);
    for (let run = 0; run < SAMPLES; run += 1) {
      const group = editable.nth(run % 5);
      const handlersBefore = handlers.busyMs;
      editorOpens.push(await timeInput(page, { rows: EDITOR_LOADED }, () => group.getByTestId('group-edit').click()));
      editorOpensInHandlers.push(handlers.busyMs - handlersBefore);
      await page.getByTestId('editor-cancel').click();
      await page.locator(GROUP_ITEMS).first().waitFor();
    }
    console.log(`open the group editor       ${list(editorOpens)} ms; in handlers ${list(editorOpensInHandlers)} ms`);

    // Who has access at a unit (Text, general), from choosing the unit to the first page of holders.
    await page.getByTestId('nav-permissions').click();
    await page.getByTestId('tab-who-has').click();
    const whoHas: number[] = [];
    const whoHasInHandlers: number[] = [];
    // Once a unit is chosen the picker also holds a hidden input; the visible one is typed into.
    const unitSearch = page.getByTestId('who-has-unit').locator('input:not([type="hidden"])').first();
    for (let run = 0; run < SAMPLES; run += 1) {
      // As an administrator does: type the unit's name, then Enter takes the first match, the unit itself.
      await unitSearch.click();
      const unitName = `Unit ${String(run * 7 + 1).padStart(4, '0')}`;
      await unitSearch.fill(unitName);
      await page.getByRole('option').first().waitFor();
      const handlersBefore = handlers.busyMs;
      const awaited = { rows: WHO_HAS_ROWS, scope: WHO_HAS_RESULTS, scopeLabel: unitName, timeoutMs: 60_000 };
      whoHas.push(await timeInput(page, awaited, () => unitSearch.press('Enter')));
      whoHasInHandlers.push(handlers.busyMs - handlersBefore);
    }
    console.log(`who has access at a unit    ${list(whoHas)} ms; in handlers ${list(whoHasInHandlers)} ms`);
    await page.getByTestId('nav-users-groups').click();
    await page.locator(USER_ROWS).first().waitFor();

    // Last, on a settled page: right after sign-in the calls would queue behind the screen's own first loads.
    const handlersBeforeRoundTrips = handlers.busyMs;
    const roundTrips = await page.evaluate((count) => (window as unknown as ProbedWindow).__bench.roundTrips(count), ROUND_TRIPS);
    const roundTripInHandlers = (handlers.busyMs - handlersBeforeRoundTrips) / ROUND_TRIPS;
    console.log(
      `session.status round trip   p50 ${median(roundTrips).toFixed(1)} ms, p95 ${percentile(roundTrips, 95).toFixed(1)} ms, of which the handler ${roundTripInHandlers.toFixed(1)} ms on average; the rest is the test host's exposeBinding, not Electron IPC`,
    );

    console.log(
      JSON.stringify({
        users: store.users,
        groups: store.groups,
        memberships: store.memberships,
        samples: SAMPLES,
        uiFirstPaintMs: round(median(firstPaints)),
        uiNextPageMs: round(median(nextPages)),
        uiSelectGroupMs: round(median(groupSelections)),
        uiSearchToRowsMs: round(median(searches)),
        uiGroupScrollFrameP95Ms: round(scrollP95),
        uiOpenGroupEditorMs: round(median(editorOpens)),
        uiWhoHasMs: round(median(whoHas)),
      }),
    );
  } finally {
    await browser.close();
    await host.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
