/**
 * View as (seed 000's impersonation) as a read-only preview: recorded in the audit log, held in memory
 * only so a restart always ends it, and while it is open the operator changes nothing.
 */
import type { ViewAsState } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { findLiveUserById } from '../db/repos/users';
import { nowIso } from '../db/time';
import { auditActor, requireOperator, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';

/** The subject rules (strictly lower platform role and administrator permission) ran in dispatch. */
export function startViewAs(ctx: ServiceContext, input: { userId: number; reason?: string | undefined }): ViewAsState {
  const operator = requireOperator(ctx);
  if (ctx.session.viewAs !== null) {
    throw new AppError('conflict', `You are already viewing as ${ctx.session.viewAs.label}; end that first`);
  }
  const state = runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const user = findLiveUserById(ctx.store.db, input.userId);
    if (!user) throw new AppError('not_found', 'That user does not exist or was deleted');
    const label = userLabel(user);
    return {
      value: { userId: user.id, label, startedAt: nowIso() },
      audit: { action: 'viewAs.start', targetType: 'user', targetId: user.id, targetLabel: label, after: { viewing: label } },
      changed: [],
    };
  });
  ctx.session.viewAs = state;
  return state;
}

export function endViewAs(ctx: ServiceContext, input: { reason?: string | undefined }): void {
  const operator = requireOperator(ctx);
  const state = ctx.session.viewAs;
  if (state === null) return;
  runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => ({
    value: undefined,
    audit: {
      action: 'viewAs.end',
      targetType: 'user',
      targetId: state.userId,
      targetLabel: state.label,
      before: { viewing: state.label, since: state.startedAt },
    },
    changed: [],
  }));
  ctx.session.viewAs = null;
}
