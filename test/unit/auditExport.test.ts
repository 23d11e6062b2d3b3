import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore } from '../support/core';
import { call, setUpAdmin } from '../support/operators';
import { readCells, readWorkbook } from '../support/xlsx';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

describe('exporting the filtered audit log', () => {
  test('writes the entries the filters match in words, everyone each one affected, and guards formula-like text', async () => {
    const ids: number[] = [];
    for (const [first, last] of [['Ben', 'Andersen'], ['=Carla', 'Berg'], ['Dan', 'Cole']] as const) {
      const username = first.replace('=', '').toLowerCase();
      ids.push((await call(core, 'users.create', { username, firstName: first, lastName: last, email: `${username}@a.example` })).id);
    }
    const group = await call(core, 'groups.create', { name: 'Planners' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: ids, reason: '+CHG-7' });
    await call(core, 'memberships.remove', { groupId: group.id, userIds: [ids[0] ?? 0] });

    const file = join(core.dir, 'log.xlsx');
    core.dialogs.nextExportPath = file;
    const saved = await call(core, 'audit.exportLog', { target: { type: 'group', id: group.id }, action: 'membership.add' });
    expect(saved).toEqual({ fileName: 'log.xlsx', rows: 1 });

    const cells = readCells(file);
    expect(Object.keys(cells)).toEqual(['Audit log', 'Affected', 'Summary']);
    const [header, entry] = cells['Audit log'] ?? [];
    expect(header?.slice(0, 6)).toEqual(['Entry', 'Time (UTC)', 'Operator', 'Action', 'Target', 'What happened']);
    expect(entry?.[5]).toBe('Ada Admin added Ben Andersen, =Carla Berg and 1 more to Planners');
    expect(entry?.[7]).toBe("'+CHG-7");
    expect(cells.Affected?.slice(1).map((row) => row[2])).toEqual(['Planners', 'Ben Andersen (ben)', "'=Carla Berg (carla)", 'Dan Cole (dan)']);
    expect(cells.Summary?.find((row) => row[0] === 'Filters')?.[1]).toBe('Action: Added members; Target: Planners');
    expect(readWorkbook(file).formulaLike).toEqual([]);
  });

  test('a cancelled save writes nothing', async () => {
    core.dialogs.nextExportPath = null;
    expect(await call(core, 'audit.exportLog', {})).toEqual({ fileName: null, rows: 0 });
  });
});
