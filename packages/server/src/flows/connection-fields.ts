/**
 * The checks on the first-time steps' answers in third-party login
 * (docs/flows.md#third-party-login): which fields a step lacks, and the preset's create form,
 * checked as registration checks it.
 */
import type { AccountField, ContinueRequest, FieldIssue, RegisterStep } from '@cloud-login/core';
import { checkRecommendationCode, toIssue } from '@cloud-login/core/rules';
import { hashPassword } from '../passwords.ts';
import type { AccountRecord } from '../store/types.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { accountNameKey, findAccountByNameAlike } from './account-names.ts';
import type { ProviderContext } from '../context.ts';
import {
  accountNameField,
  emailField,
  passwordField,
  phoneField,
  required,
  type FieldResult,
} from './fields.ts';
import { agreementsAccepted } from './register.ts';

/** Which of `fields` the body lacks, as `field_required` issues. */
export function missing(body: ContinueRequest, fields: (keyof ContinueRequest)[]): FieldIssue[] {
  return fields
    .filter(
      (field) => body[field] === undefined || (typeof body[field] === 'string' && body[field].trim() === ''),
    )
    .map((field) => required(field));
}

export function take<T>(issues: FieldIssue[], result: FieldResult<T>): T | undefined {
  if (result.ok) return result.value;
  issues.push(result.issue);
  return undefined;
}

/**
 * The fields of the preset's create form, checked as registration checks them; refused with
 * every issue at once, then `agreements_required`, then `account_name_taken`.
 */
export async function createForm(
  ctx: ProviderContext,
  form: RegisterStep,
  body: ContinueRequest,
): Promise<Partial<AccountRecord>> {
  const { preset } = ctx;
  const optional = form.optional ?? [];
  const issues = missing(
    body,
    form.fields.filter(
      (field): field is keyof ContinueRequest & AccountField =>
        field !== 'agreements' && !optional.includes(field),
    ),
  );
  const fields: Partial<AccountRecord> = {};
  let password: string | undefined;
  for (const field of form.fields) {
    switch (field) {
      case 'accountName':
        if (body.accountName !== undefined)
          fields.accountName = take(issues, accountNameField(preset, 'accountName', body.accountName));
        break;
      case 'password':
        if (body.password)
          password = take(issues, passwordField(preset, 'password', body.password, body.accountName));
        break;
      case 'industry': {
        const industry = body.industry?.trim();
        if (industry && !preset.industries.some((entry) => entry.id === industry))
          issues.push({ path: 'industry', code: 'invalid_value', message: 'Unknown industry.' });
        else if (industry) fields.industry = industry;
        break;
      }
      case 'contactPhone':
        if (body.contactPhone)
          fields.contactPhone = take(issues, phoneField(preset, 'contactPhone', body.contactPhone));
        break;
      case 'contactEmail':
        if (body.contactEmail?.trim())
          fields.contactEmail = take(issues, emailField('contactEmail', body.contactEmail));
        break;
      case 'recommendationCode': {
        const recommendationCode = body.recommendationCode?.trim() || undefined;
        const issue =
          recommendationCode === undefined
            ? undefined
            : toIssue('recommendationCode', checkRecommendationCode(recommendationCode));
        if (issue) issues.push(issue);
        else if (recommendationCode !== undefined) fields.recommendationCode = recommendationCode;
        break;
      }
    }
  }
  if (issues.length > 0) invalid(issues);
  if (form.fields.includes('agreements')) {
    const agreements = agreementsAccepted(preset, body.agreements);
    const what = form.id === 'enable-service' ? 'enable the service' : 'create an account';
    if (!agreements)
      fail('agreements_required', `Accept the agreements to ${what}.`, { field: 'agreements' });
    fields.agreements = agreements;
  }
  if (fields.accountName !== undefined) {
    fields.accountNameKey = accountNameKey(fields.accountName);
    if (await findAccountByNameAlike(ctx, fields.accountName))
      fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
  }
  if (password !== undefined) fields.passwordHash = await hashPassword(password);
  for (const key of Object.keys(fields) as (keyof AccountRecord)[])
    if (fields[key] === undefined) delete fields[key];
  return fields;
}
