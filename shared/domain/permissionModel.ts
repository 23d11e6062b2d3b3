/**
 * The vocabulary of a permission group (DOMAIN.md "Permission groups", seed 001): the settings an
 * administrator edits, with their labels. The engine (effectivePermissions.ts) and the editor rules
 * (groupRules.ts) are written over these types; the contract validates them with zod.
 */

/** Workspace administrator permission, ordered: the index is the rank. */
export const ADMIN_PERMISSIONS = ['none', 'local', 'full'] as const;
export type AdminPermission = (typeof ADMIN_PERMISSIONS)[number];
export const ADMIN_PERMISSION_LABELS: Record<AdminPermission, string> = {
  none: 'None',
  local: 'Local administrator',
  full: 'Full administrator',
};
export function adminPermissionRank(permission: AdminPermission): number {
  return ADMIN_PERMISSIONS.indexOf(permission);
}

/** Organisation scopes, resolved against the user's department in the org tree. */
export const SCOPES = ['all', 'mine', 'mine_and_underlying', 'mine_underlying_and_one_up', 'top_and_mine'] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<Scope, string> = {
  all: 'All units',
  mine: 'Mine',
  mine_and_underlying: 'Mine and underlying',
  mine_underlying_and_one_up: 'Mine, underlying and one level up',
  top_and_mine: 'Top and mine',
};

/**
 * Planning and operational work levels. Create and delete ⊃ Create ⊃ Change ⊃ Comment; Change also implies
 * Change KPI data, Comment does not. Read documents stands alone (and is given wherever a unit is visible).
 */
export const WORK_LEVELS = ['create_and_delete', 'create', 'change', 'comment', 'change_kpi_data', 'read_documents'] as const;
export type WorkLevel = (typeof WORK_LEVELS)[number];
export const WORK_LEVEL_LABELS: Record<WorkLevel, string> = {
  create_and_delete: 'Create and delete',
  create: 'Create',
  change: 'Change',
  comment: 'Comment',
  change_kpi_data: 'Change KPI data',
  read_documents: 'Read documents',
};

/** What each level grants, itself included. */
export const LEVEL_IMPLIES: Record<WorkLevel, readonly WorkLevel[]> = {
  create_and_delete: ['create_and_delete', 'create', 'change', 'comment', 'change_kpi_data'],
  create: ['create', 'change', 'comment', 'change_kpi_data'],
  change: ['change', 'comment', 'change_kpi_data'],
  comment: ['comment'],
  change_kpi_data: ['change_kpi_data'],
  read_documents: ['read_documents'],
};

export const AREAS = ['text', 'measure', 'activity'] as const;
export type Area = (typeof AREAS)[number];
/** A grant names one area or all three. */
export const GRANT_AREAS = ['all', ...AREAS] as const;
export type GrantArea = (typeof GRANT_AREAS)[number];
export const AREA_LABELS: Record<GrantArea, string> = {
  all: 'All areas',
  text: 'Text',
  measure: 'Measure',
  activity: 'Activity',
};

export const REPORT_PERMISSIONS = [
  'create_and_manage',
  'remove',
  'edit_customised',
  'write',
  'approve_sections',
  'approve_entire',
  'revert_to_unit_template',
  'revert_completed_delivered',
  'revert_completed_assigned',
  'prepare_assigned',
  'prepare_delivered',
] as const;
export type ReportPermission = (typeof REPORT_PERMISSIONS)[number];
export const REPORT_PERMISSION_LABELS: Record<ReportPermission, string> = {
  create_and_manage: 'Create and manage reports',
  remove: 'Remove reports',
  edit_customised: 'Edit customised reports',
  write: 'Write in reports',
  approve_sections: 'Approve completed sections in reports',
  approve_entire: 'Approve entire reports',
  revert_to_unit_template: 'Revert status from reporting to unit template',
  revert_completed_delivered: 'Revert status of completed delivered reports',
  revert_completed_assigned: 'Revert status of completed assigned reports',
  prepare_assigned: 'Prepare assigned reports',
  prepare_delivered: 'Prepare delivered reports',
};

export const MENUS = ['home', 'scorecards', 'reports', 'planning', 'dashboards', 'projects', 'administration'] as const;
export type Menu = (typeof MENUS)[number];
export const MENU_LABELS: Record<Menu, string> = {
  home: 'Home',
  scorecards: 'Scorecards',
  reports: 'Reports',
  planning: 'Planning',
  dashboards: 'Dashboards',
  projects: 'Projects',
  administration: 'Administration',
};

export const LANGUAGES = ['en', 'sv', 'no', 'da', 'fi', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_LABELS: Record<Language, string> = {
  en: 'English',
  sv: 'Svenska',
  no: 'Norsk',
  da: 'Dansk',
  fi: 'Suomi',
  de: 'Deutsch',
};

/** Reporter and Member groups are locked: their settings cannot be edited in the app. */
export const LICENCE_LEVELS = ['full', 'member', 'reporter'] as const;
export type LicenceLevel = (typeof LICENCE_LEVELS)[number];
export const LICENCE_LEVEL_LABELS: Record<LicenceLevel, string> = {
  full: 'Full',
  member: 'Member',
  reporter: 'Reporter',
};
export function isLockedLicence(level: LicenceLevel): boolean {
  return level !== 'full';
}

/** Unit selection for visible units and a Local administrator's units: a chosen unit includes its subtree. */
export type UnitSelection = { all: true } | { all: false; unitIds: number[] };

export interface WorkGrant {
  scope: Scope;
  level: WorkLevel;
  area: GrantArea;
}

export interface ColumnGrant extends WorkGrant {
  columnId: number;
}

export interface ReportGrant {
  permission: ReportPermission;
  scope: Scope;
}

export interface GeneralFlags {
  allowPlanning: boolean;
  /** Only meaningful, and only allowed, with administrator permission None. */
  annualCycleEvents: boolean;
  writeMessages: boolean;
  showHiddenUnits: boolean;
  /** Only with Local administrator permission. */
  administerExternalLinks: boolean;
  /** Only with Local administrator permission. */
  administerSourceSystems: boolean;
  /** Only with Local administrator permission. */
  importKpiData: boolean;
}

export interface AdvancedSettings {
  restrictViewsToVisibleUnits: boolean;
  specialReportingPermission: boolean;
  /** The group can be an extra group but never a main group. */
  onlyAsExtra: boolean;
}

/** Everything the group editor edits besides name and description. */
export interface GroupSettings {
  language: Language;
  visibleUnits: UnitSelection;
  landingMenu: Menu;
  allowedMenus: Menu[];
  adminPermission: AdminPermission;
  /** The units a Local administrator administers; ignored for None and Full. */
  adminUnits: number[];
  flags: GeneralFlags;
  workGrants: WorkGrant[];
  columnGrants: ColumnGrant[];
  reportGrants: ReportGrant[];
  advanced: AdvancedSettings;
}

export const FLAG_NAMES = [
  'allowPlanning',
  'annualCycleEvents',
  'writeMessages',
  'showHiddenUnits',
  'administerExternalLinks',
  'administerSourceSystems',
  'importKpiData',
] as const satisfies readonly (keyof GeneralFlags)[];
export const FLAG_LABELS: Record<keyof GeneralFlags, string> = {
  allowPlanning: 'Allow planning',
  annualCycleEvents: 'Allow annual-cycle events',
  writeMessages: 'May write new messages',
  showHiddenUnits: 'Show hidden units',
  administerExternalLinks: 'Administer external links',
  administerSourceSystems: 'Administer source systems and external codes',
  importKpiData: 'Import KPI data',
};

/** Seed 001's visibility rules: a flag shown only with these administrator permissions. */
export const FLAG_REQUIRES_ADMIN: Partial<Record<keyof GeneralFlags, AdminPermission>> = {
  annualCycleEvents: 'none',
  administerExternalLinks: 'local',
  administerSourceSystems: 'local',
  importKpiData: 'local',
};

export const ADVANCED_LABELS: Record<keyof AdvancedSettings, string> = {
  restrictViewsToVisibleUnits: 'In views, show only information from visible units',
  specialReportingPermission: 'Special reporting permission',
  onlyAsExtra: 'Only as extra permission',
};

export const MAX_GRANTS_PER_KIND = 200;

/** A new, empty group: sees everything, may do nothing, lands on Home. */
export function defaultGroupSettings(): GroupSettings {
  return {
    language: 'en',
    visibleUnits: { all: true },
    landingMenu: 'home',
    allowedMenus: ['home'],
    adminPermission: 'none',
    adminUnits: [],
    flags: {
      allowPlanning: false,
      annualCycleEvents: false,
      writeMessages: false,
      showHiddenUnits: false,
      administerExternalLinks: false,
      administerSourceSystems: false,
      importKpiData: false,
    },
    workGrants: [],
    columnGrants: [],
    reportGrants: [],
    advanced: { restrictViewsToVisibleUnits: false, specialReportingPermission: false, onlyAsExtra: false },
  };
}
