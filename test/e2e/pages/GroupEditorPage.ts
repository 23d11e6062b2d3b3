import { expect, type Locator } from '@playwright/test';
import { AppPage, field } from './AppPage';

/** The full-page permission group editor. */
export class GroupEditorPage extends AppPage {
  root(): Locator {
    return this.page.getByTestId('group-editor');
  }

  async expectOpen(title: string | RegExp): Promise<void> {
    await expect(this.root()).toBeVisible();
    await expect(this.page.getByTestId('editor-title')).toHaveText(title);
  }

  /** Opens New group ▾ and picks a template (or the blank group when key is null). */
  async openNew(templateKey: string | null): Promise<void> {
    await this.page.getByTestId('new-group-button').click();
    await this.page.getByTestId(templateKey === null ? 'new-group-blank' : `new-group-template-${templateKey}`).click();
    await expect(this.root()).toBeVisible();
  }

  nameField(): Locator {
    return field(this.page, 'editor-name');
  }

  saveButton(): Locator {
    return this.page.getByTestId('editor-save');
  }

  async save(): Promise<void> {
    await this.saveButton().click();
    await expect(this.page.getByTestId('editor-saved')).toBeVisible();
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('editor-cancel').click();
  }

  /** Chooses an option of one of the editor's table selects by its visible text, as the keyboard or mouse would. */
  async choose(select: Locator, option: string): Promise<void> {
    await select.selectOption({ label: option });
    await expect(select.locator('option:checked')).toHaveText(option);
  }

  workGrantRows(): Locator {
    return this.page.getByTestId('work-grant-row');
  }

  workGrantLevel(row: number): Locator {
    return this.workGrantRows().nth(row).getByTestId('work-grant-level');
  }

  async setAdminPermission(permission: 'none' | 'local' | 'full'): Promise<void> {
    await this.page.getByTestId(`admin-permission-${permission}`).locator('input').check();
  }

  flag(name: string): Locator {
    return this.page.getByTestId(`flag-${name}`);
  }

  lockedBanner(): Locator {
    return this.page.getByTestId('editor-locked-banner');
  }
}
