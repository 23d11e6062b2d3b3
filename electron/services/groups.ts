import type { GroupRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import {
  deleteGroup as deleteGroupRecord,
  findGroup,
  findGroupByName,
  findGroupRow,
  insertGroup,
  listGroups as listGroupRows,
  updateGroup as updateGroupRecord,
  type GroupRecord,
} from '../db/repos/groups';
import { memberIdsOfGroup } from '../db/repos/memberships';
import { nowIso } from '../db/time';
import { appendAudit } from './auditLog';
import { auditActor, requireOperator, requirePlatformRole } from './authorization';
import type { ServiceContext } from './context';
import { required } from './required';

/** Managing groups and their members needs at least this platform role until workspace administrators exist. */
export const GROUP_ADMIN_ROLE = 'user_admin';

export function requireGroup(ctx: ServiceContext, id: number): GroupRecord {
  const group = findGroup(ctx.store.db, ctx.workspaceId, id);
  if (!group) throw new AppError('not_found', 'That group does not exist or was deleted');
  return group;
}

function assertNameFree(ctx: ServiceContext, name: string, exceptId?: number) {
  if (findGroupByName(ctx.store.db, ctx.workspaceId, name, exceptId)) {
    throw new AppError('conflict', 'A group with this name already exists', {
      name: 'A group with this name already exists in this workspace',
    });
  }
}

export function listGroups(ctx: ServiceContext, search: string): GroupRow[] {
  requireOperator(ctx);
  return listGroupRows(ctx.store.db, ctx.workspaceId, search);
}

export function createGroup(ctx: ServiceContext, input: { name: string; description: string }): GroupRow {
  const operator = requirePlatformRole(ctx, GROUP_ADMIN_ROLE);
  const db = ctx.store.db;
  const row = ctx.store.sqlite.transaction(() => {
    assertNameFree(ctx, input.name);
    const now = nowIso();
    const group = insertGroup(db, { workspaceId: ctx.workspaceId, name: input.name, description: input.description, createdAt: now, updatedAt: now });
    appendAudit(db, auditActor(operator), {
      action: 'group.create',
      targetType: 'group',
      targetId: group.id,
      targetLabel: group.name,
      after: { name: group.name, description: group.description },
    });
    return required(findGroupRow(db, group.id), 'group');
  })();
  ctx.changed('groups', 'audit');
  return row;
}

export function updateGroup(ctx: ServiceContext, input: { id: number; name: string; description: string }): GroupRow {
  const operator = requirePlatformRole(ctx, GROUP_ADMIN_ROLE);
  const db = ctx.store.db;
  const row = ctx.store.sqlite.transaction(() => {
    const before = requireGroup(ctx, input.id);
    assertNameFree(ctx, input.name, input.id);
    updateGroupRecord(db, input.id, { name: input.name, description: input.description, updatedAt: nowIso() });
    appendAudit(db, auditActor(operator), {
      action: 'group.update',
      targetType: 'group',
      targetId: input.id,
      targetLabel: input.name,
      before: { name: before.name, description: before.description },
      after: { name: input.name, description: input.description },
    });
    return required(findGroupRow(db, input.id), 'group');
  })();
  ctx.changed('groups', 'audit');
  return row;
}

/** Deletes the group and its memberships; the audit entry keeps who was a member. */
export function deleteGroup(ctx: ServiceContext, id: number): void {
  const operator = requirePlatformRole(ctx, GROUP_ADMIN_ROLE);
  const db = ctx.store.db;
  ctx.store.sqlite.transaction(() => {
    const group = requireGroup(ctx, id);
    const memberIds = memberIdsOfGroup(db, id);
    deleteGroupRecord(db, id);
    appendAudit(db, auditActor(operator), {
      action: 'group.delete',
      targetType: 'group',
      targetId: id,
      targetLabel: group.name,
      before: { name: group.name, description: group.description, memberUserIds: memberIds },
    });
  })();
  ctx.changed('groups', 'users', 'memberships', 'audit');
}
