/**
 * Bulk actions on a selection of users: which subject rule and which authentication-mode lock each one
 * answers to, its words, and how an applied change is undone. Shared by main (enforcing) and the renderer.
 */
import type { BulkAction, BulkActionKind, BulkOutcome } from '../contract/bulk';
import type { Method } from '../contract';
import type { UserAction } from './subjectRules';

/** The subject rule (DOMAIN.md "Authorization") each kind is checked against, per subject. */
export const BULK_SUBJECT_ACTION: Record<BulkActionKind, UserAction> = {
  activate: 'activate',
  deactivate: 'deactivate',
  delete: 'delete',
  setUserType: 'edit',
  setDepartment: 'edit',
  // A main group is a workspace membership, but changing it in bulk from the users list is still a change to
  // those users: it needs the User Administrator's lower-subject rule as well as workspace administration.
  setMainGroup: 'edit',
};

/**
 * The single-user method whose authentication-mode lock (shared/domain/authModeLocks.ts) the kind shares,
 * or null when no mode locks it (main groups are workspace memberships, not user records).
 */
export const BULK_LOCKING_METHOD: Record<BulkActionKind, Method | null> = {
  activate: 'users.setStatus',
  deactivate: 'users.setStatus',
  delete: 'users.delete',
  setUserType: 'users.update',
  setDepartment: 'users.update',
  setMainGroup: null,
};

/** The menu's words for each kind, in menu order. */
export const BULK_ACTION_LABELS: Record<BulkActionKind, string> = {
  activate: 'Activate',
  deactivate: 'Deactivate',
  delete: 'Delete',
  setUserType: 'Set user type…',
  setDepartment: 'Set department…',
  setMainGroup: 'Set main group…',
};

export const BULK_ACTION_KINDS = Object.keys(BULK_ACTION_LABELS) as BulkActionKind[];

/** Kinds that need a value chosen before the preview. */
export function needsValue(kind: BulkActionKind): boolean {
  return kind === 'setUserType' || kind === 'setDepartment' || kind === 'setMainGroup';
}

/**
 * The bulk changes that put the changed users back as they were, one per distinct before-value; empty when
 * the kind cannot be undone here (a delete is undone by restoring the users).
 */
export function undoActions(action: BulkAction, outcomes: readonly BulkOutcome[]): { action: BulkAction; userIds: number[] }[] {
  const changed = outcomes.filter((outcome) => outcome.outcome === 'change');
  if (changed.length === 0) return [];
  const byBefore = new Map<string | number | null, number[]>();
  for (const outcome of changed) byBefore.set(outcome.beforeValue, [...(byBefore.get(outcome.beforeValue) ?? []), outcome.userId]);
  const steps: { action: BulkAction; userIds: number[] }[] = [];
  for (const [before, userIds] of byBefore) {
    const inverse = inverseOf(action, before);
    if (inverse) steps.push({ action: inverse, userIds });
  }
  return steps;
}

function inverseOf(action: BulkAction, before: string | number | null): BulkAction | null {
  switch (action.kind) {
    case 'activate':
      return { kind: 'deactivate' };
    case 'deactivate':
      return { kind: 'activate' };
    case 'delete':
      return null;
    case 'setUserType':
      return before === 'admin' || before === 'standard' || before === 'read_only' ? { kind: 'setUserType', userType: before } : null;
    case 'setDepartment':
      return typeof before === 'number' || before === null ? { kind: 'setDepartment', departmentId: before } : null;
    case 'setMainGroup':
      // A user without a main group before cannot be given "no main group" back by setting one.
      return typeof before === 'number' ? { kind: 'setMainGroup', groupId: before } : null;
  }
}

export function canUndo(kind: BulkActionKind): boolean {
  return kind !== 'delete';
}
