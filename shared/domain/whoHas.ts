/**
 * "Who has access here?" for one unit and one area, column or report permission, over every user of the
 * workspace. It gives the same levels as effectivePermissions.ts (a property test holds the two together)
 * without preparing each user: a group's contribution at the unit depends on the user's department only
 * through which of the five scopes cover the unit from that department, so it is worked out once per
 * group and scope. The reasons for the rows on screen come from the engine itself.
 */
import { LEVEL_IMPLIES, WORK_LEVELS, type Area, type GroupSettings, type ReportPermission, type Scope, type WorkLevel } from './permissionModel';
import { selectionCovers, type OrgTree } from './orgTree';
import type { UserType } from './users';

export type AccessQuestion =
  | { kind: 'area'; area: Area; columnId: number | null }
  | { kind: 'report'; permission: ReportPermission };

export interface AccessHolder {
  departmentId: number | null;
  userType: UserType;
  groupIds: readonly number[];
}

/** A user's levels at the unit: for a report permission, ['granted'] or []. */
export type HeldAccess = readonly WorkLevel[] | 'granted' | null;

const BIT = new Map<WorkLevel, number>(WORK_LEVELS.map((level, i) => [level, 1 << i]));
const READ_DOCUMENTS = BIT.get('read_documents') ?? 0;
/** The report answer uses one bit of its own. */
const GRANTED = 1 << WORK_LEVELS.length;

function implied(level: WorkLevel): number {
  return LEVEL_IMPLIES[level].reduce((mask, each) => mask | (BIT.get(each) ?? 0), 0);
}

export function levelsOfMask(mask: number): WorkLevel[] {
  return WORK_LEVELS.filter((level) => (mask & (BIT.get(level) ?? 0)) !== 0);
}

interface GroupAtUnit {
  seesUnit: boolean;
  showsHidden: boolean;
  /** What the group gives at the unit when the scope covers it from the user's department. */
  byScope: Map<Scope, number>;
}

function contributionByScope(settings: GroupSettings, question: AccessQuestion): Map<Scope, number> {
  const byScope = new Map<Scope, number>();
  const add = (scope: Scope, mask: number) => byScope.set(scope, (byScope.get(scope) ?? 0) | mask);
  if (question.kind === 'report') {
    for (const grant of settings.reportGrants) if (grant.permission === question.permission) add(grant.scope, GRANTED);
    return byScope;
  }
  const columnGrants =
    question.columnId === null ? [] : settings.columnGrants.filter((grant) => grant.columnId === question.columnId);
  // A group with any grant for the column uses only those on the column's cells (widening or narrowing).
  const grants = columnGrants.length > 0 ? columnGrants : settings.workGrants;
  for (const grant of grants) {
    if (grant.area === 'all' || grant.area === question.area) add(grant.scope, implied(grant.level));
  }
  return byScope;
}

/** Which scopes, resolved against the department, cover the unit (orgTree.ts resolveScope, inverted). */
function coveringScopes(tree: OrgTree, unitId: number, departmentId: number | null): Scope[] {
  if (!tree.has(unitId)) return [];
  if (departmentId === null || !tree.has(departmentId)) return ['all'];
  const scopes: Scope[] = ['all'];
  const mineAndBelow = tree.isWithin(unitId, departmentId);
  if (departmentId === unitId) scopes.push('mine');
  if (mineAndBelow) scopes.push('mine_and_underlying');
  if (mineAndBelow || tree.parentOf(departmentId) === unitId) scopes.push('mine_underlying_and_one_up');
  if (departmentId === unitId || tree.topOf(departmentId) === unitId) scopes.push('top_and_mine');
  return scopes;
}

/**
 * Prepares the question for one unit; the returned function answers it for a user in constant time per
 * group. Groups the map does not hold (another workspace's, say) give nothing.
 */
export function prepareWhoHas(
  tree: OrgTree,
  groups: ReadonlyMap<number, GroupSettings>,
  unitId: number,
  question: AccessQuestion,
): (holder: AccessHolder) => HeldAccess {
  const atUnit = new Map<number, GroupAtUnit>();
  for (const [groupId, settings] of groups) {
    atUnit.set(groupId, {
      seesUnit: selectionCovers(tree, settings.visibleUnits, unitId),
      showsHidden: settings.flags.showHiddenUnits,
      byScope: contributionByScope(settings, question),
    });
  }
  const hidden = tree.isHidden(unitId);
  const scopesByDepartment = new Map<number | null, Scope[]>();
  const scopesFrom = (departmentId: number | null): Scope[] => {
    let scopes = scopesByDepartment.get(departmentId);
    if (scopes === undefined) {
      scopes = coveringScopes(tree, unitId, departmentId);
      scopesByDepartment.set(departmentId, scopes);
    }
    return scopes;
  };

  return (holder) => {
    let sees = false;
    let showsHidden = false;
    let mask = 0;
    const scopes = scopesFrom(holder.departmentId);
    for (const groupId of holder.groupIds) {
      const group = atUnit.get(groupId);
      if (!group) continue;
      sees ||= group.seesUnit;
      showsHidden ||= group.showsHidden;
      for (const scope of scopes) mask |= group.byScope.get(scope) ?? 0;
    }
    if (!sees || (hidden && !showsHidden)) return null;
    if (question.kind === 'report') return mask !== 0 && holder.userType !== 'read_only' ? 'granted' : null;
    mask |= READ_DOCUMENTS;
    return levelsOfMask(holder.userType === 'read_only' ? READ_DOCUMENTS : mask);
  };
}
