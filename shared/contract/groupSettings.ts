import { z } from 'zod';
import {
  ADMIN_PERMISSIONS,
  GRANT_AREAS,
  LANGUAGES,
  LICENCE_LEVELS,
  MAX_GRANTS_PER_KIND,
  MENUS,
  REPORT_PERMISSIONS,
  SCOPES,
  WORK_LEVELS,
  type GroupSettings as GroupSettingsModel,
} from '../domain/permissionModel';
import { Id } from './common';

const MAX_UNITS_IN_SELECTION = 10_000;

export const Scope = z.enum(SCOPES);
export const WorkLevel = z.enum(WORK_LEVELS);
export const GrantArea = z.enum(GRANT_AREAS);
export const ReportPermission = z.enum(REPORT_PERMISSIONS);
export const Menu = z.enum(MENUS);
export const AdminPermission = z.enum(ADMIN_PERMISSIONS);
export const LicenceLevel = z.enum(LICENCE_LEVELS);
export const Language = z.enum(LANGUAGES);

const UnitIds = z.array(Id).max(MAX_UNITS_IN_SELECTION, `Choose at most ${MAX_UNITS_IN_SELECTION} units`);

export const UnitSelection = z.discriminatedUnion('all', [
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ all: z.literal(false), unitIds: UnitIds }),
]);

export const WorkGrant = z.strictObject({ scope: Scope, level: WorkLevel, area: GrantArea });
export const ColumnGrant = WorkGrant.extend({ columnId: Id }).strict();
export const ReportGrant = z.strictObject({ permission: ReportPermission, scope: Scope });

const grants = <T extends z.ZodType>(grant: T, label: string) =>
  z.array(grant).max(MAX_GRANTS_PER_KIND, `A group has at most ${MAX_GRANTS_PER_KIND} ${label}`);

export const GeneralFlags = z.strictObject({
  allowPlanning: z.boolean(),
  annualCycleEvents: z.boolean(),
  writeMessages: z.boolean(),
  showHiddenUnits: z.boolean(),
  administerExternalLinks: z.boolean(),
  administerSourceSystems: z.boolean(),
  importKpiData: z.boolean(),
});

export const AdvancedSettings = z.strictObject({
  restrictViewsToVisibleUnits: z.boolean(),
  specialReportingPermission: z.boolean(),
  onlyAsExtra: z.boolean(),
});

/** The shape only; the rules between fields (groupRules.ts) are checked by the service, with field errors. */
export const GroupSettings = z.strictObject({
  language: Language,
  visibleUnits: UnitSelection,
  landingMenu: Menu,
  allowedMenus: z.array(Menu).max(MENUS.length * 2),
  adminPermission: AdminPermission,
  adminUnits: UnitIds,
  flags: GeneralFlags,
  workGrants: grants(WorkGrant, 'planning and operational work grants'),
  columnGrants: grants(ColumnGrant, 'column-specific grants'),
  reportGrants: grants(ReportGrant, 'report grants'),
  advanced: AdvancedSettings,
}) satisfies z.ZodType<GroupSettingsModel>;
export type GroupSettings = GroupSettingsModel;
