/**
 * `passwordChecklist` and `checkPassword`: `password.ts`'s `…With` functions with core's
 * common-password list built in — what the server and the tests call. They sit here, apart, and
 * `rules/index.ts` does not re-export them, because a module that imports the list statically
 * would put it in every browser bundle that imports the rules, while the browser needs it only
 * for the `default` preset's new passwords and loads it then (`loadCommonPasswords`).
 */
import { isCommonPassword } from '../common-passwords.ts';

// The list itself, for the package index: exported through here for the same reason.
export { COMMON_PASSWORDS, isCommonPassword } from '../common-passwords.ts';
import type { PasswordPolicy } from '../presets/schema.ts';
import type { Check, ChecklistEntry } from './check.ts';
import type { PasswordRule } from './codes.ts';
import { checkPasswordWith, passwordChecklistWith, type PasswordContext } from './password.ts';

/** Every rule of the policy as a checklist line (see `passwordChecklistWith`), with core's list. */
export function passwordChecklist(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext = {},
): ChecklistEntry<PasswordRule>[] {
  return passwordChecklistWith(isCommonPassword, password, policy, context);
}

/** The first failing enforced rule, or ok. Recommendations (classic's two kinds) never fail. */
export function checkPassword(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext = {},
): Check<PasswordRule> {
  return checkPasswordWith(isCommonPassword, password, policy, context);
}
