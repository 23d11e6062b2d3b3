import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_PLATFORM_SETTINGS } from '../../shared/domain/platformSettings';
import { changeFrom, formFrom, isDirty } from '../../renderer/src/features/settings/settingsForm';

const stored = DEFAULT_PLATFORM_SETTINGS;

describe('the Settings form', () => {
  test('an untouched form is not dirty and saves nothing', () => {
    const form = formFrom(stored);
    expect(isDirty(form, stored)).toBe(false);
    expect(changeFrom(form, stored)).toEqual({ ok: true, change: null });
  });

  test('only the changed settings are sent, with the reason trimmed', () => {
    const form = { ...formFrom(stored), authMode: 'entra' as const, idleLockMinutes: ' 30 ', reason: '  CHG-12 ' };
    expect(changeFrom(form, stored)).toEqual({ ok: true, change: { authMode: 'entra', idleLockMinutes: 30, reason: 'CHG-12' } });
  });

  test('turning automatic anonymisation off sends null, on sends the days', () => {
    const on = { ...formFrom(stored), anonymiseOn: true, anonymiseAfterDays: '90' };
    expect(changeFrom(on, stored)).toEqual({ ok: true, change: { anonymiseAfterDays: 90 } });
    const storedOn = { ...stored, anonymiseAfterDays: 90 };
    expect(changeFrom({ ...formFrom(storedOn), anonymiseOn: false }, storedOn)).toEqual({ ok: true, change: { anonymiseAfterDays: null } });
  });

  test('any minimum length outside 8–128, or text that is no whole number, gets the contract message on its field', () => {
    const invalid = fc.oneof(
      fc.integer({ max: 7 }).map(String),
      fc.integer({ min: 129 }).map(String),
      fc.constantFrom('', 'twelve', '12.5', '1e9'),
    );
    fc.assert(
      fc.property(invalid, (typed) => {
        const outcome = changeFrom({ ...formFrom(stored), passwordMinLength: typed }, stored);
        expect(outcome).toEqual({ ok: false, fields: { passwordMinLength: 'The minimum password length is a whole number from 8 to 128' } });
      }),
    );
  });
});
