import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AUTH_MODES, DEFAULT_PLATFORM_SETTINGS, authModeLock } from '../../shared/domain/platformSettings';
import { requireUnlockedUserRecords } from '../../electron/services/platformSettings';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

describe('platform settings', () => {
  test('a new store starts with the documented defaults: Local mode, 12-character passwords, a 15-minute idle lock, no automatic anonymisation', async () => {
    expect(await call(core, 'settings.get', {})).toEqual(DEFAULT_PLATFORM_SETTINGS);
  });

  test('any valid change is kept, read back as written, and recorded once with before → after', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            authMode: fc.constantFrom(...AUTH_MODES),
            passwordMinLength: fc.integer({ min: 8, max: 128 }),
            idleLockMinutes: fc.integer({ min: 1, max: 480 }),
            anonymiseAfterDays: fc.option(fc.integer({ min: 1, max: 3650 })),
          },
          { requiredKeys: [] },
        ).filter((change) => Object.keys(change).length > 0),
        async (change) => {
          const before = await call(core, 'settings.get', {});
          const entriesBefore = (await call(core, 'audit.list', {})).total;
          const after = await call(core, 'settings.update', change);
          expect(after).toEqual({ ...before, ...change });
          expect(await call(core, 'settings.get', {})).toEqual(after);
          const changed = Object.entries(change).some(([key, value]) => before[key as keyof typeof before] !== value);
          const log = await call(core, 'audit.list', {});
          expect(log.total).toBe(entriesBefore + (changed ? 1 : 0));
          if (changed) expect(log.rows[0]?.action).toBe('settings.update');
        },
      ),
      { numRuns: 40 },
    );
  });

  test('out-of-range values are refused as validation errors and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ passwordMinLength: fc.oneof(fc.integer({ max: 7 }), fc.integer({ min: 129 }), fc.double({ noInteger: true })) }),
          fc.record({ idleLockMinutes: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 481 })) }),
          fc.record({ anonymiseAfterDays: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 3651 })) }),
          fc.record({ authMode: fc.string().filter((mode) => !(AUTH_MODES as readonly string[]).includes(mode)) }),
        ),
        async (change) => {
          const before = await call(core, 'settings.get', {});
          const error = await callFailing(core, 'settings.update', change);
          expect(error.code).toBe('validation');
          expect(await call(core, 'settings.get', {})).toEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a store whose settings row was deleted behind the app reads the defaults and can be set again', async () => {
    core.store.sqlite.prepare('delete from platform_settings').run();
    expect(await call(core, 'settings.get', {})).toEqual(DEFAULT_PLATFORM_SETTINGS);
    expect((await call(core, 'settings.update', { idleLockMinutes: 5 })).idleLockMinutes).toBe(5);
  });

  test('the store refuses a tampered value rather than holding it', () => {
    expect(() => core.store.sqlite.prepare("update platform_settings set auth_mode = 'kerberos'").run()).toThrow(/CHECK/);
    expect(() => core.store.sqlite.prepare('update platform_settings set password_min_length = 3').run()).toThrow(/CHECK/);
  });

  test.each(AUTH_MODES)('authentication mode %s locks user records exactly when it is not Local, naming the mode', async (mode) => {
    await call(core, 'settings.update', { authMode: mode });
    const lock = authModeLock(mode);
    if (lock === null) {
      expect(() => requireUnlockedUserRecords(core.ctx)).not.toThrow();
    } else {
      expect(lock).toMatch(mode === 'directory' ? /Directory-synced/ : /Entra ID/);
      expect(() => requireUnlockedUserRecords(core.ctx)).toThrow(lock);
    }
  });
});
