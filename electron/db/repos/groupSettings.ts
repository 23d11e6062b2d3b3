import { GroupSettings } from '../../../shared/contract/groupSettings';
import { defaultGroupSettings, type GroupSettings as Settings } from '../../../shared/domain/permissionModel';

/**
 * What a group whose stored settings cannot be read grants: nothing, and it sees no unit. A hand-edited or
 * damaged row must never widen anyone's access.
 */
export function lockedDownSettings(): Settings {
  return { ...defaultGroupSettings(), visibleUnits: { all: false, unitIds: [] } };
}

/** The stored JSON as settings: '' (a group from before settings existed) reads as the defaults. */
export function readGroupSettings(stored: string): Settings {
  if (stored === '') return defaultGroupSettings();
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return lockedDownSettings();
  }
  const checked = GroupSettings.safeParse(parsed);
  return checked.success ? checked.data : lockedDownSettings();
}

export function writeGroupSettings(settings: Settings): string {
  return JSON.stringify(settings);
}
