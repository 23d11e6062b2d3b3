/** The pure subject rules over their whole space: every role pair, every action, every status, any bulk selection. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { refuseBulkUserAction, refuseUserAction, USER_ACTIONS, type Actor, type Subject } from '../../shared/domain/subjectRules';
import { ADMIN_PERMISSIONS, adminPermissionRank } from '../../shared/domain/permissionModel';
import { PLATFORM_ROLES, USER_STATUSES, platformRoleRank } from '../../shared/domain/users';

const role = fc.constantFrom(...PLATFORM_ROLES);
const adminPermission = fc.constantFrom(...ADMIN_PERMISSIONS);
const action = fc.constantFrom(...USER_ACTIONS);
const UNITS = [1, 2, 3];
const subjectArb = (id: number) =>
  fc.record({
    id: fc.constant(id),
    platformRole: role,
    status: fc.constantFrom(...USER_STATUSES),
    label: fc.constant(`User ${id}`),
    departmentId: fc.constantFrom(null, ...UNITS),
    adminPermission,
  });

/** The operator as actor and as a subject of their own actions. */
type Operator = Actor & Subject;

/** A platform: an operator (id 1, active) and other users, with the count of active Super Administrators it implies. */
const platform = fc
  .tuple(role, adminPermission, fc.option(fc.subarray(UNITS)), fc.array(fc.integer({ min: 2, max: 40 }), { maxLength: 12 }))
  .chain(([operatorRole, operatorAdmin, units, ids]) =>
    fc.tuple(fc.constant(operatorRole), fc.tuple(...[...new Set(ids)].map(subjectArb))).map(([op, others]) => {
      const operator: Operator = {
        id: 1,
        platformRole: op,
        status: 'active',
        label: 'Operator',
        departmentId: 1,
        adminPermission: operatorAdmin,
        units: units === null ? null : new Set(units),
      };
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
        const self: Operator = { id: 7, platformRole: r, status: 'active', label: 'Me', departmentId: null, adminPermission: 'full', units: null };
        const refused = refuseUserAction(self, self, act, 5) !== null;
        expect(refused).toBe(act !== 'edit' && act !== 'activate');
      }),
    );
  });

  test('the last active Super Administrator is never deactivated, deleted, anonymised or demoted', () => {
    for (const act of ['deactivate', 'delete', 'changeRole', 'anonymise'] as const) {
      const lastOne: Subject = { id: 2, platformRole: 'super_admin', status: 'active', label: 'Root', departmentId: null };
      const operator: Actor = { id: 1, platformRole: 'super_admin', adminPermission: 'full', units: null };
      expect(refuseUserAction(operator, lastOne, act, 1)).toMatch(/last active Super Administrator/);
      expect(refuseUserAction(operator, lastOne, act, 2)).toBeNull();
    }
  });

  test('a deleted Super Administrator is not an active one: restoring or anonymising them never locks anyone out', () => {
    const operator: Actor = { id: 1, platformRole: 'super_admin', adminPermission: 'full', units: null };
    const deleted: Subject = { id: 2, platformRole: 'super_admin', status: 'active', label: 'Gone', departmentId: null, deleted: true };
    for (const act of ['restore', 'anonymise'] as const) {
      expect(refuseUserAction(operator, deleted, act, 1)).toBeNull();
      expect(refuseBulkUserAction(operator, [deleted], act, 1)).toEqual([]);
    }
  });

  test('a Local administrator acts only on users whose department is one of their units', () => {
    fc.assert(
      fc.property(platform, action, ({ operator, others, activeSuperAdmins }, act) => {
        const units = operator.units;
        for (const subject of others) {
          const outside = units !== null && (subject.departmentId === null || !units.has(subject.departmentId));
          if (outside) expect(refuseUserAction(operator, subject, act, activeSuperAdmins)).not.toBeNull();
        }
      }),
    );
  });

  test('view as needs strictly more privilege on both platform role and administrator permission, even for a Super Administrator', () => {
    fc.assert(
      fc.property(platform, ({ operator, others, activeSuperAdmins }) => {
        for (const subject of others) {
          const inUnits = operator.units === null || (subject.departmentId !== null && operator.units.has(subject.departmentId));
          const lower =
            platformRoleRank(subject.platformRole) < platformRoleRank(operator.platformRole) &&
            adminPermissionRank(subject.adminPermission ?? 'none') < adminPermissionRank(operator.adminPermission);
          expect(refuseUserAction(operator, subject, 'viewAs', activeSuperAdmins) === null).toBe(inUnits && lower);
        }
      }),
    );
  });
});

describe('refuseBulkUserAction', () => {
  test('refuses exactly when some subject is refused alone, or when the action would remove every active Super Administrator', () => {
    fc.assert(
      fc.property(platform, action, ({ operator, others, activeSuperAdmins }, act) => {
        const refusals = refuseBulkUserAction(operator, others, act, activeSuperAdmins);
        const individually = others.filter((s) => refuseUserAction(operator, s, act, activeSuperAdmins) !== null);
        const removesSuperAdmins = ['deactivate', 'delete', 'changeRole', 'anonymise'].includes(act);
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
