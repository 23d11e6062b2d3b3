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
import { membersOfGroupForAudit } from '../db/repos/memberships';
import { nowIso } from '../db/time';
import { auditActor, requireOperator, userLabel } from './authorization';
import { runMutation } from './mutation';
import type { ServiceContext } from './context';
import { required } from './required';

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
  return listGroupRows(ctx.store.db, ctx.workspaceId, search);
}

interface GroupFields {
  name: string;
  description: string;
  reason?: string | undefined;
}

export function createGroup(ctx: ServiceContext, input: GroupFields): GroupRow {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    assertNameFree(ctx, input.name);
    const now = nowIso();
    const group = insertGroup(db, { workspaceId: ctx.workspaceId, name: input.name, description: input.description, createdAt: now, updatedAt: now });
    return {
      value: required(findGroupRow(db, group.id), 'group'),
      audit: {
        action: 'group.create',
        targetType: 'group',
        targetId: group.id,
        targetLabel: group.name,
        after: { name: group.name, description: group.description },
      },
      changed: ['groups'],
    };
  });
}

export function updateGroup(ctx: ServiceContext, input: GroupFields & { id: number }): GroupRow {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const before = requireGroup(ctx, input.id);
    assertNameFree(ctx, input.name, input.id);
    updateGroupRecord(db, input.id, { name: input.name, description: input.description, updatedAt: nowIso() });
    const unchanged = before.name === input.name && before.description === input.description;
    return {
      value: required(findGroupRow(db, input.id), 'group'),
      audit: unchanged
        ? null
        : {
            action: 'group.update',
            targetType: 'group',
            targetId: input.id,
            targetLabel: input.name,
            before: { name: before.name, description: before.description },
            after: { name: input.name, description: input.description },
          },
      changed: ['groups'],
    };
  });
}

/** Deletes the group and its memberships; the audit entry names who was a member. */
export function deleteGroup(ctx: ServiceContext, input: { id: number; reason?: string | undefined }): void {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const group = requireGroup(ctx, input.id);
    const members = membersOfGroupForAudit(db, input.id).map((member) => ({ id: member.id, label: userLabel(member) }));
    deleteGroupRecord(db, input.id);
    return {
      value: undefined,
      audit: {
        action: 'group.delete',
        targetType: 'group',
        targetId: input.id,
        targetLabel: group.name,
        before: {
          name: group.name,
          description: group.description,
          memberUserIds: members.map((member) => member.id),
          users: members,
        },
      },
      changed: ['groups', 'users', 'memberships'],
    };
  });
}
