/**
 * What every rule returns: a `Check` (ok, or the first failing rule) and, for rules a form shows
 * as a live checklist, one `ChecklistEntry` per rule.
 */
import type { MessageKey, MessageParams } from '../messages/index.ts';
import type { AccountNameRule, PasswordRule, RuleCode } from './codes.ts';

/** The outcome of one check: ok, or the first failing rule with what its message needs. */
export type Check<C extends string = RuleCode> =
  { ok: true } | { ok: false; code: C; params?: MessageParams };

/**
 * One line of a live checklist. `enforced: false` is a recommendation: it ticks, never rejects.
 * `pending`: the line cannot be judged yet (the common-password list is still loading); it shows
 * unticked but does not fail the check — the server, which always has the list, decides.
 */
export interface ChecklistEntry<R extends string> {
  rule: R;
  met: boolean;
  enforced: boolean;
  pending?: true;
  params?: MessageParams;
}

export const OK = { ok: true } as const;

/** First unmet enforced entry, so the error and the checklist can never disagree. */
export function firstFailure<R extends string>(list: readonly ChecklistEntry<R>[]): Check<R> {
  const failed = list.find((entry) => entry.enforced && !entry.met && !entry.pending);
  if (!failed) return OK;
  return failed.params
    ? { ok: false, code: failed.rule, params: failed.params }
    : { ok: false, code: failed.rule };
}

/** Length in code points: a CJK character or an emoji counts once, as a user would count it. */
export function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * The message key of a checklist line: its rule's hint, or the softer wording for a rule that
 * is only recommended.
 */
export function hintKey(entry: ChecklistEntry<AccountNameRule | PasswordRule>): MessageKey {
  if (entry.rule === 'password_kinds' && !entry.enforced) return 'hint.password_kinds_recommended';
  return `hint.${entry.rule}`;
}
