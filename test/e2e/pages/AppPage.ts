import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/paths';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

/** A Vuetify field is a wrapper with one input (or textarea) inside; tests type into that. */
export function field(page: Page, testId: string): Locator {
  return page.getByTestId(testId).locator('input, textarea').first();
}

export class AppPage {
  constructor(readonly page: Page) {}

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  }

  /** No serious or critical axe-core violations on what is on screen now. */
  async expectAccessible(screen: string): Promise<void> {
    const result = await new AxeBuilder({ page: this.page }).analyze();
    const blocking = result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
    expect(blocking, `axe violations on ${screen}`).toEqual([]);
  }

  /** Vuetify keeps every tooltip's overlay in the page; only the one showing is active. */
  shownTooltip(): Locator {
    return this.page.locator('[role="tooltip"].v-overlay--active');
  }

  snackbar(): Locator {
    return this.page.getByTestId('snackbar');
  }

  async confirm(): Promise<void> {
    await this.page.getByTestId('confirm-ok').click();
    await expect(this.page.getByTestId('confirm-dialog')).toBeHidden();
  }
}
