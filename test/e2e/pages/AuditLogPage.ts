import { expect, type Locator } from '@playwright/test';
import { AppPage, field } from './AppPage';

/** The audit log: filters, the entries as sentences, an entry's detail, and chain verification. */
export class AuditLogPage extends AppPage {
  async open(): Promise<void> {
    await this.page.getByTestId('nav-audit').click();
    await expect(this.page.getByTestId('audit-table')).toBeVisible();
  }

  sentences(): Locator {
    return this.page.getByTestId('audit-sentence');
  }

  row(id: number): Locator {
    return this.page.locator(`[data-testid="audit-row"][data-audit-id="${id}"]`);
  }

  /** Types part of a name into a picker and chooses the suggestion with this title. */
  private async pick(testId: string, typed: string, title: string): Promise<void> {
    await field(this.page, testId).fill(typed);
    await this.page.getByRole('option', { name: title }).first().click();
  }

  async filterByTargetUser(typed: string, name: string): Promise<void> {
    await this.page.getByTestId('audit-target-kind-user').click();
    await this.pick('audit-filter-target', typed, name);
  }

  async filterByOperator(typed: string, name: string): Promise<void> {
    await this.pick('audit-filter-operator', typed, name);
  }

  async filterByText(text: string): Promise<void> {
    await field(this.page, 'audit-filter-text').fill(text);
  }

  async clearFilters(): Promise<void> {
    await this.page.getByTestId('audit-clear-filters').click();
  }

  async openEntry(sentence: string | RegExp): Promise<void> {
    await this.page.getByTestId('audit-row').filter({ hasText: sentence }).first().click();
    await expect(this.page.getByTestId('audit-detail-sentence')).toContainText(sentence);
  }

  detail(): Locator {
    return this.page.getByTestId('audit-detail');
  }

  async verify(): Promise<Locator> {
    await this.page.getByTestId('audit-verify').click();
    const result = this.page.getByTestId('audit-verify-result');
    await expect(result).toBeVisible();
    return result;
  }
}
