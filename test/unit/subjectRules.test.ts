/** The pure subject rules over their whole space: every role pair, every action, every status, any bulk selection. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { refuseBulkUserAction, refuseUserAction, USER_ACTIONS, type Subject } from '../../shared/domain/subjectRules';
import { PLATFORM_ROLES, USER_STATUSES, platformRoleRank } from '../../shared/domain/users';

const role = fc.constantFrom(...PLATFORM_ROLES);
const action = fc.constantFrom(...USER_ACTIONS);
const subjectArb = (id: number) =>
  fc.record({ id: fc.constant(id), platformRole: role, status: fc.constantFrom(...USER_STATUSES), label: fc.constant(`User ${id}`) });

/** A platform: an operator (id 1, active) and other users, with the count of active Super Administrators it implies. */
const platform = fc
  .tuple(role, fc.array(fc.integer({ min: 2, max: 40 }), { maxLength: 12 }))
  .chain(([operatorRole, ids]) =>
    fc.tuple(fc.constant(operatorRole), fc.tuple(...[...new Set(ids)].map(subjectArb))).map(([op, others]) => {
      const operator: Subject = { id: 1, platformRole: op, status: 'active', label: 'Operator' };
      const everyone = [operator, ...others];
      const activeSuperAdmins = everyone.filter((s) => s.platformRole === 'super_admin' && s.status === 'active').length;
      return { operator, others, everyone, activeSuperAdmins };
    }),
  );

describe('refuseUserAction', () => {
  test('acting on another user needs a strictly higher role, unless the operator is a Super Administrator', () => {
    fc.assert(
      fc.property(platform, action, ({ operator, others, activeSuperAdmins }, act) => {
        for (const subject of others) {
          const refused = refuseUserAction(operator, subject, act, activeSuperAdmins) !== null;
          const outranked = operator.platformRole !== 'super_admin' && platformRoleRank(subject.platformRole) >= platformRoleRank(operator.platformRole);
          if (outranked) expect(refused).toBe(true);
        }
      }),
    );
  });

  test('nobody deactivates, deletes, demotes or views-as themselves; editing yourself is allowed', () => {
    fc.assert(
      fc.property(role, action, (r, act) => {
        const self = { id: 7, platformRole: r, status: 'active' as const, label: 'Me' };
        const refused = refuseUserAction(self, self, act, 5) !== null;
        expect(refused).toBe(act !== 'edit' && act !== 'activate');
      }),
    );
  });

  test('the last active Super Administrator is never deactivated, deleted or demoted', () => {
    for (const act of ['deactivate', 'delete', 'changeRole'] as const) {
      const lastOne = { id: 2, platformRole: 'super_admin' as const, status: 'active' as const, label: 'Root' };
      expect(refuseUserAction({ id: 1, platformRole: 'super_admin' }, lastOne, act, 1)).toMatch(/last active Super Administrator/);
      expect(refuseUserAction({ id: 1, platformRole: 'super_admin' }, lastOne, act, 2)).toBeNull();
    }
  });
});

describe('refuseBulkUserAction', () => {
  test('refuses exactly when some subject is refused alone, or when the action would remove every active Super Administrator', () => {
    fc.assert(
      fc.property(platform, action, ({ operator, others, activeSuperAdmins }, act) => {
        const refusals = refuseBulkUserAction(operator, others, act, activeSuperAdmins);
        const individually = others.filter((s) => refuseUserAction(operator, s, act, activeSuperAdmins) !== null);
        const removesSuperAdmins = ['deactivate', 'delete', 'changeRole'].includes(act);
        const activeAfter = removesSuperAdmins
          ? activeSuperAdmins - others.filter((s) => s.platformRole === 'super_admin' && s.status === 'active').length
          : activeSuperAdmins;
        const expectRefused = individually.length > 0 || (activeAfter <= 0 && activeSuperAdmins > 0 && activeAfter < activeSuperAdmins);
        expect(refusals.length > 0).toBe(expectRefused);
        for (const refusal of individually) expect(refusals.map((r) => r.userId)).toContain(refusal.id);
      }),
    );
  });
});
