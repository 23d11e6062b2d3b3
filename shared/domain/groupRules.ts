/**
 * The rules between a group's settings (seed 001, DOMAIN.md "Permission groups"). The service enforces them
 * and the editor shows the same messages before saving; keys are field paths under `settings.`.
 */
import type { FieldErrors } from '../errors';
import {
  ADMIN_PERMISSION_LABELS,
  AREA_LABELS,
  FLAG_LABELS,
  FLAG_NAMES,
  FLAG_REQUIRES_ADMIN,
  MENU_LABELS,
  REPORT_PERMISSION_LABELS,
  SCOPE_LABELS,
  WORK_LEVEL_LABELS,
  type AdminPermission,
  type ColumnGrant,
  type GeneralFlags,
  type GroupSettings,
  type ReportGrant,
  type WorkGrant,
} from './permissionModel';

export interface GroupRulesContext {
  /** Every org unit of the workspace. */
  unitIds: ReadonlySet<number>;
  /** Every scorecard column of the workspace. */
  columnIds: ReadonlySet<number>;
}

/** Whether seed 001 shows the flag for this administrator permission. */
export function isFlagShown(flag: keyof GeneralFlags, adminPermission: AdminPermission): boolean {
  const required = FLAG_REQUIRES_ADMIN[flag];
  return required === undefined || required === adminPermission;
}

/**
 * The settings as they must be saved for their administrator permission: flags seed 001 hides are off and
 * only a Local administrator keeps units. The editor applies this on save, so the change is visible.
 */
export function withoutHiddenSettings(settings: GroupSettings): GroupSettings {
  const flags = { ...settings.flags };
  for (const flag of FLAG_NAMES) {
    if (!isFlagShown(flag, settings.adminPermission)) flags[flag] = false;
  }
  const adminUnits = settings.adminPermission === 'local' ? settings.adminUnits : [];
  return { ...settings, flags, adminUnits };
}

/** Allowed, since a group can be set up before its units are chosen, but it administers nothing. */
export function localWithoutUnitsWarning(settings: GroupSettings): string | null {
  return settings.adminPermission === 'local' && settings.adminUnits.length === 0
    ? 'A Local administrator with no units administers nothing. Choose the units this group administers.'
    : null;
}

function flagErrors(settings: GroupSettings, errors: FieldErrors) {
  for (const flag of FLAG_NAMES) {
    const required = FLAG_REQUIRES_ADMIN[flag];
    if (!settings.flags[flag] || required === undefined || required === settings.adminPermission) continue;
    const why =
      required === 'none'
        ? 'Local and Full administrators have it already'
        : `it is only for a ${ADMIN_PERMISSION_LABELS.local.toLowerCase()}`;
    errors[`settings.flags.${flag}`] =
      `'${FLAG_LABELS[flag]}' can only be on with administrator permission ${ADMIN_PERMISSION_LABELS[required]}; ${why}`;
  }
}

function unknownUnitMessage(unitIds: readonly number[], known: ReadonlySet<number>): string | null {
  const missing = unitIds.find((id) => !known.has(id));
  return missing === undefined ? null : `Unit #${missing} does not exist in this workspace`;
}

function duplicateUnitMessage(unitIds: readonly number[]): string | null {
  return new Set(unitIds).size === unitIds.length ? null : 'A unit is chosen twice';
}

function unitErrors(settings: GroupSettings, context: GroupRulesContext, errors: FieldErrors) {
  if (!settings.visibleUnits.all) {
    const ids = settings.visibleUnits.unitIds;
    const message = unknownUnitMessage(ids, context.unitIds) ?? duplicateUnitMessage(ids);
    if (message) errors['settings.visibleUnits'] = message;
  }
  if (settings.adminPermission !== 'local' && settings.adminUnits.length > 0) {
    errors['settings.adminUnits'] = 'Only a Local administrator administers units; choose Local or remove the units';
    return;
  }
  const message = unknownUnitMessage(settings.adminUnits, context.unitIds) ?? duplicateUnitMessage(settings.adminUnits);
  if (message) errors['settings.adminUnits'] = message;
}

function menuErrors(settings: GroupSettings, errors: FieldErrors) {
  if (!settings.allowedMenus.includes(settings.landingMenu)) {
    errors['settings.allowedMenus'] = `The landing menu, ${MENU_LABELS[settings.landingMenu]}, must be among the allowed menus`;
  } else if (new Set(settings.allowedMenus).size !== settings.allowedMenus.length) {
    errors['settings.allowedMenus'] = 'A menu is listed twice';
  }
}

export function describeWorkGrant(grant: WorkGrant): string {
  return `${WORK_LEVEL_LABELS[grant.level]} on ${AREA_LABELS[grant.area]}, ${SCOPE_LABELS[grant.scope]}`;
}

function describeReportGrant(grant: ReportGrant): string {
  return `${REPORT_PERMISSION_LABELS[grant.permission]}, ${SCOPE_LABELS[grant.scope]}`;
}

/** Marks every row that repeats an earlier one, naming the row it repeats (1-based, as the table shows it). */
function duplicateRowErrors<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  describe: (row: T) => string,
  path: string,
  errors: FieldErrors,
) {
  const firstRow = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = keyOf(row);
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, index);
    else errors[`${path}.${index}`] = `Row ${first + 1} already grants ${describe(row)}`;
  });
}

const workKey = (grant: WorkGrant) => `${grant.scope}|${grant.level}|${grant.area}`;

function grantErrors(settings: GroupSettings, context: GroupRulesContext, errors: FieldErrors) {
  duplicateRowErrors(settings.workGrants, workKey, describeWorkGrant, 'settings.workGrants', errors);
  duplicateRowErrors(
    settings.columnGrants,
    (grant: ColumnGrant) => `${workKey(grant)}|${grant.columnId}`,
    describeWorkGrant,
    'settings.columnGrants',
    errors,
  );
  settings.columnGrants.forEach((grant, index) => {
    if (!context.columnIds.has(grant.columnId)) {
      errors[`settings.columnGrants.${index}`] = `Scorecard column #${grant.columnId} does not exist in this workspace`;
    }
  });
  duplicateRowErrors(
    settings.reportGrants,
    (grant: ReportGrant) => `${grant.permission}|${grant.scope}`,
    describeReportGrant,
    'settings.reportGrants',
    errors,
  );
}

/** Every broken rule, by field path; empty when the settings may be saved. */
export function groupSettingsErrors(settings: GroupSettings, context: GroupRulesContext): FieldErrors {
  const errors: FieldErrors = {};
  menuErrors(settings, errors);
  flagErrors(settings, errors);
  unitErrors(settings, context, errors);
  grantErrors(settings, context, errors);
  return errors;
}
