/** The three example groups of seed 001, ready to create from. */
import { REPORT_PERMISSIONS, defaultGroupSettings, type GroupSettings, type ReportPermission } from './permissionModel';

export type GroupTemplateKey = 'global_administrator' | 'create_and_modify_my_unit' | 'read_all_units';

export interface GroupTemplate {
  key: GroupTemplateKey;
  name: string;
  description: string;
  settings: GroupSettings;
}

/** Seed 001 keeps the two prepare permissions for a separate group of selected individuals. */
const NOT_FOR_GLOBAL_ADMINISTRATORS: readonly ReportPermission[] = ['prepare_assigned', 'prepare_delivered'];

function globalAdministrator(): GroupSettings {
  const settings = defaultGroupSettings();
  settings.visibleUnits = { all: true };
  settings.adminPermission = 'full';
  settings.flags.allowPlanning = true;
  settings.flags.writeMessages = true;
  settings.allowedMenus = ['home', 'planning', 'administration'];
  settings.workGrants = [{ scope: 'all', level: 'create_and_delete', area: 'all' }];
  settings.reportGrants = REPORT_PERMISSIONS.filter((p) => !NOT_FOR_GLOBAL_ADMINISTRATORS.includes(p)).map((permission) => ({
    permission,
    scope: 'all',
  }));
  return settings;
}

function createAndModifyMyUnit(): GroupSettings {
  const settings = defaultGroupSettings();
  settings.visibleUnits = { all: true };
  settings.adminPermission = 'none';
  settings.flags.allowPlanning = false;
  settings.flags.writeMessages = false;
  settings.workGrants = [{ scope: 'mine', level: 'create_and_delete', area: 'all' }];
  settings.reportGrants = (['edit_customised', 'write', 'approve_sections'] as const).map((permission) => ({
    permission,
    scope: 'mine_and_underlying',
  }));
  return settings;
}

function readAllUnits(): GroupSettings {
  const settings = defaultGroupSettings();
  settings.visibleUnits = { all: true };
  settings.adminPermission = 'none';
  settings.workGrants = [{ scope: 'all', level: 'read_documents', area: 'all' }];
  return settings;
}

export const GROUP_TEMPLATES: readonly GroupTemplate[] = [
  {
    key: 'global_administrator',
    name: 'Global Administrator',
    description: 'For people who should have full permission to make settings on all units in the organisation.',
    settings: globalAdministrator(),
  },
  {
    key: 'create_and_modify_my_unit',
    name: 'Create and modify my unit',
    description: 'For unit managers who should create and modify only their own unit and its reports.',
    settings: createAndModifyMyUnit(),
  },
  {
    key: 'read_all_units',
    name: 'Read all units',
    description: 'For people who do not work actively in the system but should follow the performance management work.',
    settings: readAllUnits(),
  },
];

const BUILDERS: Record<GroupTemplateKey, () => GroupSettings> = {
  global_administrator: globalAdministrator,
  create_and_modify_my_unit: createAndModifyMyUnit,
  read_all_units: readAllUnits,
};

/** Fresh settings, so that editing a group created from a template never changes the template. */
export function templateSettings(key: GroupTemplateKey): GroupSettings {
  return BUILDERS[key]();
}
