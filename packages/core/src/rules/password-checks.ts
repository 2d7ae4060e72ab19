/**
 * `passwordChecklist` and `checkPassword`: `rules.ts`'s `…With` functions with core's
 * common-password list built in — what the server and the tests call. `rules.ts` re-exports
 * them; they sit here, apart, because a module that imports the list statically would put it in
 * every browser bundle that imports `rules.ts`, while the browser needs it only for the `default`
 * preset's new passwords and loads it then (`loadCommonPasswords`).
 */
import { isCommonPassword } from './common-passwords.ts';

// The list itself, for the package index: exported through here for the same reason.
export { COMMON_PASSWORDS, isCommonPassword } from './common-passwords.ts';
import type { PasswordPolicy } from './presets.ts';
import { checkPasswordWith, passwordChecklistWith, type Check, type ChecklistEntry, type PasswordContext, type PasswordRule } from './rules.ts';

/** Every rule of the policy as a checklist line (see `passwordChecklistWith`), with core's list. */
export function passwordChecklist(password: string, policy: PasswordPolicy, context: PasswordContext = {}): ChecklistEntry<PasswordRule>[] {
  return passwordChecklistWith(isCommonPassword, password, policy, context);
}

/** The first failing enforced rule, or ok. Recommendations (classic's two kinds) never fail. */
export function checkPassword(password: string, policy: PasswordPolicy, context: PasswordContext = {}): Check<PasswordRule> {
  return checkPasswordWith(isCommonPassword, password, policy, context);
}
