/**
 * Field checks shared by registration, sign-in and account settings: core's rules applied with
 * this preset, each failure as a `validation_failed` issue carrying the rule's own code (the
 * key the elements localise).
 */
import type { FieldIssue, Preset } from '@cloud-login/core';
import { parsePhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import { checkAccountName, checkEmail, issue, normalizeEmail, toIssue } from '@cloud-login/core/rules';
import { checkPassword } from '@cloud-login/core/rules/password-checks';
import { invalid } from '../middleware/errors.ts';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; issue: FieldIssue };

export function phoneField(preset: Preset, path: string, value: string): FieldResult<string> {
  const parsed = parsePhone(value, preset.phone, phoneMetadata);
  return parsed.ok ? { ok: true, value: parsed.e164 } : { ok: false, issue: issue(path, parsed.code) };
}

export function emailField(path: string, value: string): FieldResult<string> {
  const check = checkEmail(value);
  return check.ok
    ? { ok: true, value: normalizeEmail(value) }
    : { ok: false, issue: issue(path, check.code) };
}

export function accountNameField(preset: Preset, path: string, value: string): FieldResult<string> {
  if (!preset.accountName)
    return {
      ok: false,
      issue: { path, code: 'invalid_value', message: 'This provider has no account names.' },
    };
  const result = toIssue(path, checkAccountName(value, preset.accountName));
  // Stored as typed (NFC, so the same visible name is one string); compared by its key.
  return result ? { ok: false, issue: result } : { ok: true, value: value.normalize('NFC') };
}

export function passwordField(
  preset: Preset,
  path: string,
  value: string,
  accountName?: string,
): FieldResult<string> {
  const result = toIssue(path, checkPassword(value, preset.password, { accountName }));
  return result ? { ok: false, issue: result } : { ok: true, value };
}

/** Throws `validation_failed` for a single field, or returns its value. */
export function must<T>(result: FieldResult<T>): T {
  if (!result.ok) invalid([result.issue]);
  return result.value;
}

export function required(path: string): FieldIssue {
  return issue(path, 'field_required');
}
