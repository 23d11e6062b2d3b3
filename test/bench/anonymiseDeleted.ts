/**
 * "Anonymise all deleted users" for 10,000 deleted users in a store of 100,000, each with history that names
 * them: added to a group, deactivated and deleted in bulk entries, and a thousand of them edited one by one,
 * all through the app's own services so every name is a real redacted person value. Runnable alone:
 * `npx tsx test/bench/anonymiseDeleted.ts`.
 */
import { performance } from 'node:perf_hooks';
import type { Method, MethodInput, MethodOutput } from '../../shared/contract';
import { createTestCore, type TestCore } from '../support/core';
import { setUpAdmin } from '../support/operators';
import { generateLargeStore } from './generate';

export interface AnonymiseDeletedFigures {
  deletedUsers: number;
  personValuesErased: number;
  /** Wall time of users.anonymiseAllDeleted through dispatch: the figure `anonymiseAllDeleted10kMs` reports. */
  anonymiseMs: number;
  setUpMs: number;
}

async function invoke<M extends Method>(core: TestCore, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await core.invoke(method, input);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as MethodOutput<M>;
}

export async function benchAnonymiseDeleted(users = 100_000, deleted = 10_000, editedOneByOne = 1_000): Promise<AnonymiseDeletedFigures> {
  const core = await createTestCore();
  try {
    await setUpAdmin(core);
    const started = performance.now();
    const { userIds } = generateLargeStore(core.store.sqlite, core.ctx.workspaceId, { users, groups: 200, memberships: 30_000 });
    const leaving = userIds.slice(0, deleted);
    const group = await invoke(core, 'groups.create', { name: 'Leavers' });
    await invoke(core, 'memberships.add', { groupId: group.id, userIds: leaving });
    for (const id of leaving.slice(0, editedOneByOne)) {
      const user = await invoke(core, 'users.get', { id });
      await invoke(core, 'users.update', { id, firstName: user.firstName, lastName: `${user.lastName}-Moved`, email: user.email, reason: 'Name change' });
    }
    await invoke(core, 'users.setStatus', { userIds: leaving, status: 'deactivated' });
    await invoke(core, 'users.delete', { userIds: leaving, reason: 'Left the company' });
    core.store.sqlite.pragma('optimize');
    const setUpMs = performance.now() - started;
    const valuesBefore = core.store.sqlite.prepare('select count(*) from audit_personal').pluck().get() as number;

    const anonymiseStarted = performance.now();
    const { anonymised } = await invoke(core, 'users.anonymiseAllDeleted', { reason: 'bench' });
    const anonymiseMs = performance.now() - anonymiseStarted;
    if (anonymised !== deleted) throw new Error(`anonymised ${anonymised} users, expected ${deleted}`);
    const valuesAfter = core.store.sqlite.prepare('select count(*) from audit_personal').pluck().get() as number;
    return { deletedUsers: anonymised, personValuesErased: valuesBefore - valuesAfter, anonymiseMs, setUpMs };
  } finally {
    await core.dispose();
  }
}

if (process.argv[1]?.endsWith('anonymiseDeleted.ts')) {
  benchAnonymiseDeleted()
    .then((figures) => {
      console.log(`anonymise all deleted: ${figures.deletedUsers} users, ${figures.personValuesErased} person values erased in ${Math.round(figures.anonymiseMs)} ms (set up in ${(figures.setUpMs / 1000).toFixed(1)} s)`);
      console.log(JSON.stringify({ anonymiseAllDeleted10kMs: Math.round(figures.anonymiseMs) }));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
