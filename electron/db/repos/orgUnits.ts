import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { orgUnits } from '../schema';

export function insertOrgUnit(db: Db, values: typeof orgUnits.$inferInsert): number {
  return db.insert(orgUnits).values(values).returning({ id: orgUnits.id }).get().id;
}

/** Full path names ("Company / Operations / Logistics") by unit id, for lists and exports. */
export function orgUnitPaths(db: Db, workspaceId: number): Map<number, string> {
  const units = db.select().from(orgUnits).where(eq(orgUnits.workspaceId, workspaceId)).all();
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const paths = new Map<number, string>();
  const pathOf = (id: number, depth = 0): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const unit = byId.get(id);
    if (!unit) return '';
    const parent = unit.parentId !== null && depth < 64 ? pathOf(unit.parentId, depth + 1) : '';
    const path = parent === '' ? unit.name : `${parent} / ${unit.name}`;
    paths.set(id, path);
    return path;
  };
  for (const unit of units) pathOf(unit.id);
  return paths;
}
