/** `validation_failed` issues built from failed checks, with their English message. */
import type { FieldIssue } from '../errors.ts';
import { format, type MessageParams } from '../messages/index.ts';
import type { Check } from './check.ts';
import type { RuleCode } from './codes.ts';

/** One `validation_failed` issue with its English message (logs; the elements localise by code). */
export function issue(path: string, code: RuleCode, params?: MessageParams): FieldIssue {
  return { path, code, message: format('en', code, params) };
}

/** The issue a failed check makes for `path`, or `undefined` when the check passed. */
export function toIssue(path: string, check: Check<RuleCode>): FieldIssue | undefined {
  return check.ok ? undefined : issue(path, check.code, check.params);
}
