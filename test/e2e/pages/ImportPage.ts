import { expect, type Locator } from '@playwright/test';
import { AppPage } from './AppPage';

/** The Import users wizard, opened from the Users panel. */
export class ImportPage extends AppPage {
  dialog(): Locator {
    return this.page.getByTestId('import-dialog');
  }

  row(rowNumber: number): Locator {
    return this.page.getByTestId(`import-row-${rowNumber}`);
  }

  async open(): Promise<void> {
    await this.page.getByTestId('import-users-button').click();
    await expect(this.page.getByTestId('import-mapping')).toBeVisible();
  }

  /** The column a field is mapped to, as the select shows it. */
  async mappedColumn(field: string): Promise<string> {
    return this.page.getByTestId(`import-map-${field}`).locator('option:checked').innerText();
  }

  async runDryRun(): Promise<void> {
    await this.page.getByTestId('import-dry-run').click();
    await expect(this.page.getByTestId('import-results')).toBeVisible();
  }

  async apply(): Promise<void> {
    await this.page.getByTestId('import-apply').click();
    await expect(this.page.getByTestId('confirm-dialog')).toBeVisible();
  }
}
