/**
 * The account fields a form may ask for (`AccountField`: account name, password, phone, code,
 * email, industry, contact phone and email, recommendation code, agreements), each rendered and
 * checked from its name: registration's steps, the profile steps of a sign-in and account
 * security all use this kit. A field is one entry of `FIELDS` (how it renders, how it is checked);
 * the forms only say which fields a step shows and which of them are optional.
 *
 * Plain fields (account name, emails, industry, recommendation code) are checked here with core's
 * rules and their error is returned; the blocks (phone, code, password, agreements) check
 * themselves and show their own error.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AccountField, Locale, MessageParams, Preset } from '@cloud-login/core';
import { checkRecommendationCode } from '@cloud-login/core/rules';
import '../blocks/agreements/cloud-agreements.ts';
import type { CloudAgreements } from '../blocks/agreements/agreements.ts';
import '../blocks/code-input/cloud-code-input.ts';
import type { CloudCodeInput } from '../blocks/code-input/code-input.ts';
import '../blocks/password-field/cloud-password-field.ts';
import type { CloudPasswordField } from '../blocks/password-field/password-field.ts';
import '../blocks/phone-input/cloud-phone-input.ts';
import type { CloudPhoneInput } from '../blocks/phone-input/phone-input.ts';
import type { Translate } from '../i18n/index.ts';
import { accountNameField, accountNameProblem } from './account-name.ts';
import { emailProblem } from './email.ts';
import { textField } from './text-field.ts';
import { localText } from '@cloud-login/core';

/** The fields that hold text (the agreements are a checkbox). */
export type TextField = Exclude<AccountField, 'agreements'>;
export type FieldValues = Partial<Record<TextField, string>> & { agreements: boolean };
export type FieldErrors = Partial<Record<string, string>>;

/** The order fields are shown in, whatever order the server lists them. */
export const FIELD_ORDER: readonly AccountField[] = [
  'phone',
  'code',
  'email',
  'accountName',
  'password',
  'industry',
  'contactPhone',
  'contactEmail',
  'recommendationCode',
  'agreements',
];

/** Fields whose core label already says "(optional)". */
const LABEL_SAYS_OPTIONAL = new Set<AccountField>(['recommendationCode']);
/** Codes that belong to the code field even when the server names no field. */
export const CODE_ERRORS = new Set(['invalid_code', 'code_expired', 'too_many_attempts']);

/** What the kit needs of the form element that shows the fields. */
export interface FieldContext {
  t: Translate;
  preset: Preset;
  locale: Locale;
  theme: string | undefined;
  messageFor: (code: string, params?: MessageParams) => string;
  /** Where the field blocks are rendered (the form element's shadow root). */
  root: ParentNode;
}

export interface FieldRender {
  values: FieldValues;
  error: string;
  optional: boolean;
  busy: boolean;
  /** The visible label; by default the field's, with "(optional)" when it is. */
  label?: string | undefined;
  /** A hint under the field. */
  hint?: string | undefined;
  /** The purpose a code is sent for (`register`, `bind`). */
  codePurpose?: string;
  /** The user changed a text field. */
  set: (field: TextField, value: string) => void;
  /** The user ticked or cleared the agreements. */
  setAgreements: (checked: boolean) => void;
  /** For the code input: the step's validated phone, or null. */
  requestPhone?: () => Promise<string | null>;
  /** The code was sent already (a sign-in's code step): no "get code". */
  codeSent?: boolean;
}

export interface FieldCheck {
  /** False when the field is not valid (its error returned, or shown by its block). */
  ok: boolean;
  /** The error to show for a plain field. */
  error?: string;
  /** The value as the block normalised it (a phone in E.164). */
  value?: string;
}

interface FieldSpec {
  render: (ctx: FieldContext, o: FieldRender, field: AccountField) => TemplateResult;
  check: (
    ctx: FieldContext,
    value: string,
    optional: boolean,
    field: AccountField,
  ) => FieldCheck | Promise<FieldCheck>;
}

const block = <T extends Element>(ctx: FieldContext, selector: string) => ctx.root.querySelector<T>(selector);
const required = (ctx: FieldContext): FieldCheck => ({ ok: false, error: ctx.messageFor('field_required') });
const valid: FieldCheck = { ok: true };

/** The field's label, with "(optional)" when it is. */
export function fieldLabel(t: Translate, field: AccountField, optional: boolean): string {
  const text = t(`label.${field}` as 'label.email');
  return optional && !LABEL_SAYS_OPTIONAL.has(field) ? `${text} (${t('label.optional')})` : text;
}

const phone: FieldSpec = {
  render: (ctx, o, field) => html`<cloud-phone-input
    data-field=${field}
    ?required=${!o.optional}
    label=${o.label ?? fieldLabel(ctx.t, field, o.optional)}
    hint=${o.hint ?? nothing}
    .value=${o.values[field as TextField] ?? ''}
    .error=${o.error}
    ?disabled=${o.busy}
    theme=${ctx.theme ?? nothing}
    @input=${(e: Event) => o.set(field as TextField, (e.currentTarget as CloudPhoneInput).value)}
    @change=${(e: Event) => o.set(field as TextField, (e.currentTarget as CloudPhoneInput).value)}
  ></cloud-phone-input>`,
  check: async (ctx, _value, _optional, field) => {
    const input = block<CloudPhoneInput>(ctx, `cloud-phone-input[data-field=${field}]`);
    return { ok: (await input?.validate()) ?? false, ...(input && { value: input.value }) };
  },
};

const email: FieldSpec = {
  render: (ctx, o, field) =>
    textField({
      id: field,
      label: o.label ?? fieldLabel(ctx.t, field, o.optional),
      value: o.values[field as TextField] ?? '',
      error: o.error,
      type: 'email',
      autocomplete: field === 'email' ? 'email' : 'off',
      hint: o.hint,
      required: !o.optional,
      disabled: o.busy,
      onInput: (v) => o.set(field as TextField, v),
    }),
  check: (ctx, value, optional) => {
    const problem = emailProblem(value, optional);
    return problem ? { ok: false, error: ctx.messageFor(problem) } : valid;
  },
};

/** Every account field: how it renders and how it is checked. */
const FIELDS: Record<AccountField, FieldSpec> = {
  accountName: {
    render: (ctx, o) =>
      accountNameField({
        t: ctx.t,
        policy: ctx.preset.accountName,
        label:
          o.label ??
          (ctx.preset.accountNameLabel === 'userName'
            ? ctx.t('label.userName')
            : fieldLabel(ctx.t, 'accountName', o.optional)),
        value: o.values.accountName ?? '',
        error: o.error,
        required: !o.optional,
        disabled: o.busy,
        onInput: (v) => o.set('accountName', v),
      }),
    check: (ctx, value) => {
      const problem = accountNameProblem(value, ctx.preset.accountName);
      return problem ? { ok: false, error: ctx.messageFor(problem.code, problem.params) } : valid;
    },
  },
  password: {
    render: (ctx, o) => html`<cloud-password-field
      mode="new"
      data-field="password"
      ?required=${!o.optional}
      label=${o.label ?? fieldLabel(ctx.t, 'password', o.optional)}
      account-name=${ctx.preset.password.notEqualAccountName ? (o.values.accountName ?? '') : ''}
      .value=${o.values.password ?? ''}
      .error=${o.error}
      hint=${o.hint ?? nothing}
      ?disabled=${o.busy}
      theme=${ctx.theme ?? nothing}
      @input=${(e: Event) => o.set('password', (e.currentTarget as CloudPasswordField).value)}
    ></cloud-password-field>`,
    // An optional password left empty is fine; one typed must meet the rules.
    check: (ctx, value, optional) =>
      optional && value === ''
        ? valid
        : {
            ok:
              block<CloudPasswordField>(ctx, 'cloud-password-field[data-field=password]')?.validate() ??
              false,
          },
  },
  phone,
  contactPhone: phone,
  code: {
    render: (ctx, o) => html`<cloud-code-input
      data-field="code"
      required
      purpose=${o.codePurpose ?? 'register'}
      hint=${o.hint ?? nothing}
      .requestPhone=${o.requestPhone}
      ?no-send=${o.codeSent}
      .value=${o.values.code ?? ''}
      .error=${o.error}
      ?disabled=${o.busy}
      theme=${ctx.theme ?? nothing}
      @input=${(e: Event) => o.set('code', (e.currentTarget as CloudCodeInput).value)}
    ></cloud-code-input>`,
    check: (ctx) => ({ ok: block<CloudCodeInput>(ctx, 'cloud-code-input')?.validate() ?? false }),
  },
  agreements: {
    render: (ctx, o) => html`<cloud-agreements
      data-field="agreements"
      .checked=${o.values.agreements}
      .error=${o.error}
      ?disabled=${o.busy}
      theme=${ctx.theme ?? nothing}
      @change=${(e: Event) => o.setAgreements((e.currentTarget as CloudAgreements).checked)}
    ></cloud-agreements>`,
    check: (ctx) => ({ ok: block<CloudAgreements>(ctx, 'cloud-agreements')?.validate() ?? true }),
  },
  email,
  contactEmail: email,
  industry: {
    render: (ctx, o) => {
      const value = o.values.industry ?? '';
      return html`<div class="field" part="field field-industry">
        <label for="industry" part="label">${o.label ?? fieldLabel(ctx.t, 'industry', o.optional)}</label>
        <select
          id="industry"
          name="industry"
          part="input"
          ?required=${!o.optional}
          ?disabled=${o.busy}
          aria-invalid=${o.error ? 'true' : 'false'}
          aria-describedby="industry-error"
          .value=${live(value)}
          @change=${(e: Event) => o.set('industry', (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!value}>${ctx.t('register.selectIndustry')}</option>
          ${ctx.preset.industries.map((i) => html`<option value=${i.id} ?selected=${value === i.id}>${localText(i.label, ctx.locale)}</option>`)}
        </select>
        <p id="industry-error" class="error" part="error" role="alert">${o.error}</p>
      </div>`;
    },
    check: (ctx, value, optional) =>
      !value && !optional ? { ok: false, error: ctx.messageFor('industry_required') } : valid,
  },
  recommendationCode: {
    render: (ctx, o) =>
      textField({
        id: 'recommendationCode',
        label: o.label ?? fieldLabel(ctx.t, 'recommendationCode', o.optional),
        value: o.values.recommendationCode ?? '',
        error: o.error,
        autocomplete: 'off',
        maxlength: 32,
        required: !o.optional,
        disabled: o.busy,
        onInput: (v) => o.set('recommendationCode', v),
      }),
    check: (ctx, value, optional) => {
      if (value && !checkRecommendationCode(value).ok)
        return { ok: false, error: ctx.messageFor('recommendation_code_format') };
      return !value && !optional ? required(ctx) : valid;
    },
  },
};

/** Renders one field from its name. */
export function renderAccountField(ctx: FieldContext, field: AccountField, o: FieldRender): TemplateResult {
  return FIELDS[field].render(ctx, o, field);
}

/**
 * Checks `fields` with core's rules (plain fields) and the blocks' own checks. Resolves with
 * whether all are valid, the errors of the plain fields, and the values as the blocks normalised
 * them (phones). Every problem shows at once.
 */
export async function checkAccountFields(
  ctx: FieldContext,
  fields: readonly AccountField[],
  values: FieldValues,
  isOptional: (field: AccountField) => boolean,
): Promise<{ ok: boolean; errors: FieldErrors; values: FieldValues }> {
  const errors: FieldErrors = {};
  let next = values;
  let ok = true;
  for (const field of fields) {
    const raw = field === 'agreements' ? '' : (values[field] ?? '');
    // A password is checked as typed; every other value trimmed.
    const value = field === 'password' ? raw : raw.trim();
    const result = await FIELDS[field].check(ctx, value, isOptional(field), field);
    if (!result.ok) ok = false;
    if (result.error) errors[field] = result.error;
    if (result.value !== undefined && field !== 'agreements') next = { ...next, [field]: result.value };
  }
  return { ok, errors, values: next };
}

/** For the code input: the validated phone of the step (after showing why not, null). */
export async function validatedPhone(root: ParentNode): Promise<string | null> {
  const input = root.querySelector<CloudPhoneInput>('cloud-phone-input[data-field=phone]');
  if (!input || !(await input.validate())) {
    input?.focus();
    return null;
  }
  return input.value;
}
