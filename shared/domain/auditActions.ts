/**
 * Every action an audit entry can record, with the words the log's action filter shows. The services write
 * these codes; the codes themselves appear only in an entry's detail.
 */
export const AUDIT_ACTION_LABELS = {
  'platform.setup': 'Set up AccessDesk',
  'platform.demo': 'Opened the demo',
  'session.signIn': 'Signed in',
  'session.signInFailed': 'Failed sign-in',
  'session.signOut': 'Signed out',
  'user.create': 'Created a user',
  'user.update': 'Changed a user',
  'user.activate': 'Activated users',
  'user.deactivate': 'Deactivated users',
  'user.delete': 'Deleted users',
  'user.restore': 'Restored users',
  'user.import': 'Imported users',
  'user.setType': 'Set user types',
  'user.setDepartment': 'Set departments',
  'group.create': 'Created a group',
  'group.update': 'Changed a group',
  'group.delete': 'Deleted a group',
  'membership.add': 'Added members',
  'membership.remove': 'Removed members',
  'membership.setMain': 'Set a main group',
  'membership.reassignMain': 'Moved main-group members',
  'membership.setEnd': 'Set a membership end date',
  'membership.end': 'Memberships ended',
  'orgUnit.create': 'Created a unit',
  'orgUnit.rename': 'Renamed a unit',
  'orgUnit.hide': 'Hid a unit',
  'orgUnit.unhide': 'Showed a unit',
  'orgUnit.move': 'Moved a unit',
  'orgUnit.delete': 'Deleted a unit',
  'viewAs.start': 'Started viewing as a user',
  'viewAs.end': 'Ended viewing as a user',
  'user.anonymise': 'Anonymised users',
  'workbook.export': 'Exported the audit workbook',
  'view.export': 'Exported a view',
  'settings.update': 'Changed platform settings',
  'audit.checkpointsLost': 'Checkpoints found missing',
  'audit.eraseUnowned': 'Erased names typed at failed sign-ins',
  'session.lockedOut': 'Locked out after failed sign-ins',
  'user.passwordReset': 'Reset a password',
  'user.temporaryPassword': 'Set a temporary password',
  'user.passwordChange': 'Changed their own password',
  'user.activationCode': 'Issued an activation code',
  'user.deletePending': 'Deleted a pending user',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action);
}

/** The filter's words for an action, or the code itself for one this version does not know. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

export const AUDIT_TARGET_TYPES = ['user', 'group', 'orgUnit', 'platform'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
