/**
 * An email address's check, for every form that asks for one (registration, the profile steps,
 * the security email of registration and account security).
 */
import { checkEmail } from '@cloud-login/core/rules';

/** The message code of an email's problem (`field_required`, `email_invalid`…), or `undefined`. */
export function emailProblem(value: string, optional = false): string | undefined {
  if (!value) return optional ? undefined : 'field_required';
  const check = checkEmail(value);
  return check.ok ? undefined : check.code;
}
