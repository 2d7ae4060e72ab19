/** Email addresses: their form, and the form they are stored and compared in. */
import { OK, type Check } from './check.ts';

// zod 4's email pattern (`z.regexes.email`, what `z.email()` checks), copied rather than imported:
// importing it pulls in zod's util module, about 2.5 KB gzip in the browser for one regex.
// rules.test.ts fails if zod's pattern ever changes.
export const EMAIL_PATTERN =
  // eslint-disable-next-line no-useless-escape -- zod's pattern, verbatim, so the test can compare them
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** Trim + lower case: the form emails are stored, compared and sent to. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks the trimmed address with zod's email pattern (ASCII domains; 254 characters at most). */
export function checkEmail(email: string): Check<'email_invalid'> {
  const value = email.trim();
  return value.length <= 254 && EMAIL_PATTERN.test(value) ? OK : { ok: false, code: 'email_invalid' };
}
