/**
 * Email addresses in forms: the check every form that asks for one uses (registration, the profile
 * steps, account security), and the security email as registration (JD Cloud's optional step
 * after sign-up) and account security ask for it — the request for its verification link, and
 * the "check your mailbox" notice once it is sent.
 */
import { html, type TemplateResult } from 'lit';
import { ApiError, type CloudClient, type Preset } from '@cloud-login/core';
import { checkEmail } from '@cloud-login/core/rules';
import type { Translate } from '../i18n/index.ts';

/** The message code of an email's problem (`field_required`, `email_invalid`…), or `undefined`. */
export function emailProblem(value: string, optional = false): string | undefined {
  if (!value) return optional ? undefined : 'field_required';
  const check = checkEmail(value);
  return check.ok ? undefined : check.code;
}

/**
 * Asks for the verification link to `email`, which brings the user back to `returnTo`. A return
 * address the server refuses is the site's setup, not the user's mistake: the refusal goes to
 * `onRefusedReturnTo` (to be reported) and the link is asked for again without it.
 */
export async function requestSecurityEmail(
  client: CloudClient,
  email: string,
  returnTo: string | undefined,
  onRefusedReturnTo: (error: unknown) => void,
  /** The proof a change asks for, and the `locale` the email and notice are written in. */
  proof: { currentPassword?: string; code?: string; locale?: string } = {},
): Promise<void> {
  try {
    await client.requestEmail(returnTo ? { email, returnTo, ...proof } : { email, ...proof });
  } catch (error) {
    if (!returnTo || !(error instanceof ApiError) || !error.issues?.some((i) => i.path === 'returnTo'))
      throw error;
    onRefusedReturnTo(error);
    await client.requestEmail({ email, ...proof });
  }
}

/** "Verify your email: a link valid for N hours was sent to …". */
export function emailSentNotice(t: Translate, preset: Preset, email: string): TemplateResult {
  return html`<div class="notice" part="notice">
    <h3 tabindex="-1" part="step-title">${t('register.securityEmailSentHeading')}</h3>
    <p>${t('flow.emailVerificationSent', { hours: Math.round(preset.emailLinkTtl / 3600) })}</p>
    <p>${t('register.emailSentTo', { email })}</p>
  </div>`;
}
