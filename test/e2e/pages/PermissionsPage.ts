import { expect, type Locator } from '@playwright/test';
import { AppPage, field } from './AppPage';

/** The Permissions screen: effective permissions with the Why panel, who has access, compare. */
export class PermissionsPage extends AppPage {
  async open(): Promise<void> {
    await this.page.getByTestId('nav-permissions').click();
    await expect(this.page.getByTestId('tab-effective')).toBeVisible();
  }

  async openTab(tab: 'effective' | 'who-has' | 'compare'): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click();
  }

  /** Types into a Vuetify autocomplete and picks the option with this exact title. */
  async pick(testId: string, typed: string, option: string): Promise<void> {
    await field(this.page, testId).fill(typed);
    await this.page.getByRole('option', { name: option, exact: false }).filter({ hasText: option }).first().click();
  }

  async chooseSelect(testId: string, option: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  matrix(): Locator {
    return this.page.getByTestId('permission-matrix');
  }

  /** A cell of the matrix by the unit's name and the column's position (0: General · Text). */
  cell(unitName: string, column: number): Locator {
    return this.matrix().locator(`[role="row"][data-unit-name="${unitName}"] [data-col="${column}"]`);
  }

  whyPanel(): Locator {
    return this.page.getByTestId('why-panel');
  }

  whoHasRow(name: string): Locator {
    return this.page.getByTestId('who-has-row').filter({ hasText: name });
  }

  banner(): Locator {
    return this.page.getByTestId('view-as-banner');
  }
}
