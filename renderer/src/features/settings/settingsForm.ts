import { PlatformSettingsUpdate, type PlatformSettings } from '../../../../shared/contract';
import type { FieldErrors } from '../../../../shared/errors';
import type { AuthMode } from '../../../../shared/domain/platformSettings';

/** The Settings form as typed: numbers stay text until saved, so a half-typed value is never coerced. */
export interface SettingsForm {
  authMode: AuthMode;
  passwordMinLength: string;
  idleLockMinutes: string;
  anonymiseOn: boolean;
  anonymiseAfterDays: string;
  reason: string;
}

export function formFrom(settings: PlatformSettings): SettingsForm {
  return {
    authMode: settings.authMode,
    passwordMinLength: String(settings.passwordMinLength),
    idleLockMinutes: String(settings.idleLockMinutes),
    anonymiseOn: settings.anonymiseAfterDays !== null,
    anonymiseAfterDays: String(settings.anonymiseAfterDays ?? 30),
    reason: '',
  };
}

/** A typed number as the contract sees it: text that is not a number stays text, so the contract names the field. */
function asNumber(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** The settings the form would save, whether or not they differ from what is stored. */
function candidate(form: SettingsForm): Record<string, unknown> {
  return {
    authMode: form.authMode,
    passwordMinLength: asNumber(form.passwordMinLength),
    idleLockMinutes: asNumber(form.idleLockMinutes),
    anonymiseAfterDays: form.anonymiseOn ? asNumber(form.anonymiseAfterDays) : null,
  };
}

/** Only the changed settings, checked against the contract: the same messages main would give. */
export function changeFrom(
  form: SettingsForm,
  stored: PlatformSettings,
): { ok: true; change: PlatformSettingsUpdate | null } | { ok: false; fields: FieldErrors } {
  const wanted = candidate(form);
  const changed = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => stored[key as keyof PlatformSettings] !== value));
  if (Object.keys(changed).length === 0) return { ok: true, change: null };
  const reason = form.reason.trim();
  const parsed = PlatformSettingsUpdate.safeParse({ ...changed, ...(reason ? { reason } : {}) });
  if (parsed.success) return { ok: true, change: parsed.data };
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || '_'] ??= issue.message;
  return { ok: false, fields };
}

export function isDirty(form: SettingsForm, stored: PlatformSettings): boolean {
  const wanted = candidate(form);
  return form.reason.trim() !== '' || Object.entries(wanted).some(([key, value]) => stored[key as keyof PlatformSettings] !== value);
}
