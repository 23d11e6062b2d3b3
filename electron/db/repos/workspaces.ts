import { asc, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { workspaces } from '../schema';

export function firstWorkspace(db: Db): { id: number; name: string } {
  const workspace = db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).orderBy(asc(workspaces.id)).limit(1).get();
  if (!workspace) throw new Error('The store has no workspace; its migrations did not run');
  return workspace;
}

export function countWorkspaces(db: Db): number {
  return db.select({ total: sql<number>`count(*)` }).from(workspaces).get()?.total ?? 0;
}
