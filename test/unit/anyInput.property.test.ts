/**
 * Any JSON value sent to any method, by a signed-out caller and by a Super Administrator, is answered with a
 * typed envelope, never `internal` (createTestCore turns an unexpected error into a thrown test failure).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METHODS } from '../../shared/contract';
import { ERROR_CODES } from '../../shared/errors';
import { createTestCore, type TestCore } from '../support/core';
import { call, setUpAdmin } from '../support/operators';

let core: TestCore;
let adminId: number;
beforeAll(async () => {
  core = await createTestCore();
  adminId = (await setUpAdmin(core)).id;
  const group = await call(core, 'groups.create', { name: 'Existing' });
  const user = await call(core, 'users.create', { username: 'existing', firstName: 'E', lastName: 'X', email: 'e@example.com' });
  await call(core, 'memberships.add', { groupId: group.id, userIds: [user.id] });
});
afterAll(async () => core.dispose());

/** Plausible shapes with hostile values: ids near the edges, unknown keys, wrong types, prototype keys. */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: false }),
  fc.constantFrom(0, -1, 1, 2, 3, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e308, NaN, Infinity, '', '1', null, true, [], {}),
  fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 5 }),
);
const KEYS = ['id', 'userIds', 'groupId', 'status', 'search', 'page', 'pageSize', 'sortBy', 'sortDir', 'statuses', 'showDeactivated',
  'username', 'firstName', 'lastName', 'email', 'userType', 'platformRole', 'sso', 'password', 'passwordConfirm', 'name',
  'description', 'reason', 'jobId', '__proto__', 'constructor'];
const hostileInput = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), hostileValue, { maxKeys: 6 }),
  hostileValue,
);

describe('any input to any method gets a typed answer', () => {
  test.each(METHODS.map((method) => [method]))('%s', async (method) => {
    await fc.assert(
      fc.asyncProperty(hostileInput, fc.boolean(), async (input, signedIn) => {
        core.ctx.session.operatorId = signedIn ? adminId : null;
        const envelope = await core.invoke(method, input);
        if (!envelope.ok) {
          expect(ERROR_CODES).toContain(envelope.error.code);
          expect(envelope.error.code).not.toBe('internal');
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
