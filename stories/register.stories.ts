import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import type { PresetOverrides } from '@cloud-login/core';
import { backend, clientFor, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { click, deep, fill, find, waitFor } from './support/play.ts';
import {
  acceptAgreements,
  anyError,
  busy,
  fillCode,
  fillPhone,
  scope,
  selectTab,
  sendCode,
  submit,
} from './support/flows.ts';
import { PHONES, type FakeBackend } from './support/fake-backend.ts';

interface Args extends CommonArgs {
  methods?: string;
  returnTo?: string;
  overrides?: PresetOverrides;
}

const EVENTS = ['cloud-register-success', 'cloud-step-change', 'cloud-error'];

const render = (args: Args, context: Ctx) => html`<cloud-register
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  methods=${ifDefined(args.methods)}
  return-to=${ifDefined(args.returnTo)}
  .config=${{ client: clientFor(context), overrides: args.overrides }}
  @cloud-register-success=${(event: Event) => event.preventDefault() /* stay on the story */}
></cloud-register>`;

const meta = {
  title: 'Flows/cloud-register',
  component: 'cloud-register',
  render,
  decorators: [withActions],
  args: { provider: 'jdcloud' },
  argTypes: { ...commonArgTypes, methods: { control: 'text' } },
  parameters: {
    actions: { handles: EVENTS },
    docs: {
      description: {
        component:
          'Registration step by step as the preset says: JD (name + password → phone + code + agreements → optional security email), JD classic (phone → name + password → enable service), QingCloud (phone → password), Tencent (email + password → check your mailbox → industry), default (email or phone). Stories use the fake backend: the code is always `123456`; `cloud-dev` is a taken JD name, `dev@example.com` a taken email.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

// --- Helpers ---------------------------------------------------------------------------------

const root = async (canvas: HTMLElement) => scope(canvas, 'cloud-register');
/** Waits for the step whose title id is `step.<id>` to show, by its field. */
const stepWith = (canvas: ParentNode, selector: string) => find(canvas, selector);
const done = (canvas: ParentNode) => find(canvas, '[part~="done"]');

async function jdCredentials(canvas: HTMLElement, name = 'new-user', password = 'Cl0ud-pass!', next = true) {
  const form = await root(canvas);
  await fill(form, 'input#accountName', name);
  await fill(form, 'cloud-password-field', password);
  if (next) {
    await submit(form);
    await stepWith(form, 'cloud-phone-input');
  }
  return form;
}

async function phoneStep(
  form: ShadowRoot,
  phone: string,
  { code = '123456', agree = true, send = true } = {},
) {
  await fillPhone(form, phone);
  await sendCode(form);
  if (code) await fillCode(form, code);
  if (agree && deep(form, 'cloud-agreements')) await acceptAgreements(form);
  if (send) await submit(form);
}

async function jdRegistered(canvas: HTMLElement) {
  const form = await jdCredentials(canvas);
  await phoneStep(form, PHONES.fresh);
  await stepWith(form, 'input#email');
  return form;
}

/** Tencent's "activation link" step: the page opens with `#cl_ticket=…`. */
function arriveWithTicket(fake: FakeBackend): void {
  // The secret this browser kept when it registered: the ticket is redeemed only with it.
  localStorage.setItem(`cloud-login:activation:${fake.baseUrl}`, JSON.stringify({ secret: 'story-secret' }));
  location.hash = `cl_ticket=${encodeURIComponent(fake.activationTicket('acc-tc-dev'))}`;
}

// --- Each preset, first step -----------------------------------------------------------------

export const JdCloud: Story = { name: 'JD Cloud: name and password' };
export const JdCloudClassic: Story = {
  name: 'JD Cloud classic: phone first',
  args: { provider: 'jdcloud-classic' },
};
export const QingCloud: Story = { name: 'QingCloud: phone first', args: { provider: 'qingcloud' } };
export const TencentCloud: Story = {
  name: 'Tencent Cloud: email and password',
  args: { provider: 'tencentcloud' },
};
export const DefaultPreset: Story = { name: 'Default preset: email or phone', args: { provider: 'default' } };

// --- JD Cloud --------------------------------------------------------------------------------

export const JdFilled: Story = {
  name: 'JD: name and password filled (rules ticked)',
  play: async ({ canvasElement }) => {
    await jdCredentials(canvasElement, 'new-user', 'Cl0ud-pass!', false);
  },
};

export const JdRequired: Story = {
  name: 'JD: error, fields required',
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await submit(form);
    await anyError(form);
  },
};

export const JdNameRules: Story = {
  name: 'JD: error, digits-only name and weak password',
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement, '12345678', 'abcdefg', false);
    await submit(form);
    await anyError(form);
  },
};

export const JdPhoneStep: Story = {
  name: 'JD: phone step',
  play: async ({ canvasElement }) => {
    await jdCredentials(canvasElement);
  },
};

export const JdCodeSent: Story = {
  name: 'JD: code sent, countdown',
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement);
    await phoneStep(form, PHONES.fresh, { code: '', agree: false, send: false });
  },
};

export const JdPhoneRequired: Story = {
  name: 'JD: error, phone, code and agreements required',
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement);
    await submit(form);
    await anyError(form);
  },
};

export const JdAgreementsRequired: Story = {
  name: 'JD: error, agreements not accepted',
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement);
    await phoneStep(form, PHONES.fresh, { agree: false });
    await anyError(form);
  },
};

export const JdWrongCode: Story = {
  name: 'JD: error, wrong code',
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement);
    await phoneStep(form, PHONES.fresh, { code: '654321' });
    await anyError(form);
  },
};

export const JdNameTaken: Story = {
  name: 'JD: error, account name taken (back on step 1)',
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement, 'cloud-dev');
    await phoneStep(form, PHONES.fresh);
    await stepWith(form, 'input#accountName[aria-invalid="true"]');
  },
};

export const JdServerValidation: Story = {
  name: 'JD: error, the server’s rule differs (validation_failed)',
  parameters: {
    fake: backend({
      setup: (fake) =>
        fake.failNext('/accounts', 'validation_failed', {
          issues: [{ path: 'password', code: 'password_common', message: 'too common' }],
        }),
    }),
  },
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement);
    await phoneStep(form, PHONES.fresh);
    await anyError(form);
  },
};

export const JdCodeRateLimited: Story = {
  name: 'JD: error, too many codes today',
  parameters: {
    fake: backend({ setup: (fake) => fake.failNext('/codes', 'rate_limited', { retryAfter: 3600 }) }),
  },
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement);
    await phoneStep(form, PHONES.fresh, { code: '', agree: false, send: false });
    await anyError(form);
  },
};

export const JdCreating: Story = {
  name: 'JD: loading, creating the account',
  parameters: { fake: backend({ setup: (fake) => fake.hang('/accounts') }) },
  play: async ({ canvasElement }) => {
    const form = await jdCredentials(canvasElement);
    await phoneStep(form, PHONES.fresh);
    await busy(form);
  },
};

export const JdSecurityEmail: Story = {
  name: 'JD: registered, add a security email (skippable)',
  play: async ({ canvasElement }) => {
    await jdRegistered(canvasElement);
  },
};

export const JdSecurityEmailInvalid: Story = {
  name: 'JD: security email, error, invalid address',
  play: async ({ canvasElement }) => {
    const form = await jdRegistered(canvasElement);
    await fill(form, 'input#email', 'not-an-email');
    await submit(form);
    await anyError(form);
  },
};

export const JdSecurityEmailRateLimited: Story = {
  name: 'JD: security email, error from the server',
  parameters: {
    fake: backend({ setup: (fake) => fake.failNext('/account/email', 'rate_limited', { retryAfter: 600 }) }),
  },
  play: async ({ canvasElement }) => {
    const form = await jdRegistered(canvasElement);
    await fill(form, 'input#email', 'me@example.com');
    await submit(form);
    await anyError(form);
  },
};

export const JdSecurityEmailSent: Story = {
  name: 'JD: security email sent (link valid 2 hours)',
  play: async ({ canvasElement }) => {
    const form = await jdRegistered(canvasElement);
    await fill(form, 'input#email', 'me@example.com');
    await submit(form);
    await waitFor(
      () => !deep(form, 'input#email') && deep(form, '[part~="notice"]'),
      'the "verify your email" notice',
    );
  },
};

export const JdSkipped: Story = {
  name: 'JD: signed in (security email skipped)',
  play: async ({ canvasElement }) => {
    const form = await jdRegistered(canvasElement);
    await click(form, '[part~="skip"]');
    await done(canvasElement);
  },
};

// --- JD Cloud classic ------------------------------------------------------------------------

async function classicPhone(canvas: HTMLElement) {
  const form = await root(canvas);
  await phoneStep(form, PHONES.hongKong);
  await stepWith(form, 'input#accountName');
  return form;
}

async function classicCredentials(canvas: HTMLElement) {
  const form = await classicPhone(canvas);
  await fill(form, 'input#accountName', 'classic-new');
  await fill(form, 'cloud-password-field', 'abc12345');
  await submit(form);
  await stepWith(form, 'input#recommendationCode');
  return form;
}

export const ClassicCodeSent: Story = {
  name: 'JD classic: Hong Kong number, code sent',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.hongKong, { code: '', agree: false, send: false });
  },
};

export const ClassicCredentials: Story = {
  name: 'JD classic: name and password (two kinds recommended)',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    const form = await classicPhone(canvasElement);
    await fill(form, 'cloud-password-field', 'abcdefg');
  },
};

export const ClassicEnableService: Story = {
  name: 'JD classic: enable service (contact phone prefilled)',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    await classicCredentials(canvasElement);
  },
};

export const ClassicEnableServiceErrors: Story = {
  name: 'JD classic: enable service, errors',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    const form = await classicCredentials(canvasElement);
    await fill(form, 'input#contactEmail', 'nope');
    await fill(form, 'input#recommendationCode', 'no spaces!');
    await submit(form);
    await anyError(form);
  },
};

export const ClassicDone: Story = {
  name: 'JD classic: signed in',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    const form = await classicCredentials(canvasElement);
    await fill(form, 'input#recommendationCode', 'SALES-042');
    await submit(form);
    await done(canvasElement);
  },
};

// --- QingCloud -------------------------------------------------------------------------------

export const QingCodeSent: Story = {
  name: 'QingCloud: code sent',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.fresh, { code: '', send: false });
  },
};

export const QingRegionError: Story = {
  name: 'QingCloud: error, phone outside the mainland',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await fillPhone(form, PHONES.hongKong);
    await submit(form);
    await anyError(form);
  },
};

export const QingPassword: Story = {
  name: 'QingCloud: password and agreements',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.fresh);
    await stepWith(form, 'cloud-password-field');
  },
};

export const QingDone: Story = {
  name: 'QingCloud: signed in',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.fresh);
    await fill(
      await stepWith(form, 'cloud-password-field').then(() => form),
      'cloud-password-field',
      'qing2024pass',
    );
    await acceptAgreements(form);
    await submit(form);
    await done(canvasElement);
  },
};

// --- Tencent Cloud ---------------------------------------------------------------------------

async function tencentCredentials(canvas: HTMLElement, email = 'new@example.com') {
  const form = await root(canvas);
  await fill(form, 'input#email', email);
  await fill(form, 'cloud-password-field', 'tencent2024');
  await acceptAgreements(form);
  await submit(form);
  return form;
}

export const TencentEmailTaken: Story = {
  name: 'Tencent: error, email taken',
  args: { provider: 'tencentcloud' },
  play: async ({ canvasElement }) => {
    const form = await tencentCredentials(canvasElement, 'dev@example.com');
    await anyError(form);
  },
};

export const TencentActivationSent: Story = {
  name: 'Tencent: check your mailbox (resend after a countdown)',
  args: { provider: 'tencentcloud' },
  play: async ({ canvasElement }) => {
    const form = await tencentCredentials(canvasElement);
    await waitFor(
      () => !deep(form, 'input#email') && deep(form, '[part~="notice"]'),
      'the "check your mailbox" step',
    );
  },
};

// The element counts its own resend cooldown from the preset; one second here, so the story
// need not wait a minute before "resend" can be pressed.
const quickResend = { code: { resendAfter: 1 } };

async function resend(canvasElement: HTMLElement) {
  const form = await tencentCredentials(canvasElement);
  await find(form, '[part~="notice"]');
  await click(form, 'button[part~="submit"]');
  return form;
}

export const TencentResent: Story = {
  name: 'Tencent: activation email sent again',
  args: { provider: 'tencentcloud', overrides: quickResend },
  parameters: { fake: backend({ options: { overrides: quickResend } }) },
  play: async ({ canvasElement }) => {
    const form = await resend(canvasElement);
    await waitFor(() => deep(form, '[role="status"]')?.textContent?.trim(), 'the "sent again" notice');
  },
};

export const TencentResendCooldown: Story = {
  name: 'Tencent: resend, refused with a cooldown',
  args: { provider: 'tencentcloud', overrides: quickResend },
  parameters: {
    fake: backend({
      setup: (fake) =>
        fake.failNext('POST /accounts', 'code_cooldown', { retryAfter: 45, field: 'email', skip: 1 }),
    }),
  },
  play: async ({ canvasElement }) => {
    const form = await resend(canvasElement);
    await waitFor(
      () => deep<HTMLButtonElement>(form, 'button[part~="submit"]:disabled'),
      'the resend countdown',
    );
  },
};

export const TencentIndustry: Story = {
  name: 'Tencent: after the activation link, industry',
  args: { provider: 'tencentcloud' },
  parameters: { fake: backend({ setup: arriveWithTicket }) },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await stepWith(form, 'select#industry');
  },
};

export const TencentIndustryRequired: Story = {
  name: 'Tencent: industry, error, required',
  args: { provider: 'tencentcloud' },
  parameters: { fake: backend({ setup: arriveWithTicket }) },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await stepWith(form, 'select#industry');
    await submit(form);
    await anyError(form);
  },
};

export const TencentTicketExpired: Story = {
  name: 'Tencent: industry, error, link expired',
  args: { provider: 'tencentcloud' },
  parameters: {
    fake: backend({
      setup: (fake) => (arriveWithTicket(fake), fake.failNext('/continue', 'ticket_expired')),
    }),
  },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    const select = (await stepWith(form, 'select#industry')) as HTMLSelectElement;
    select.value = 'gaming';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await submit(form);
    await anyError(form);
  },
};

export const TencentDone: Story = {
  name: 'Tencent: signed in',
  args: { provider: 'tencentcloud' },
  parameters: { fake: backend({ setup: arriveWithTicket }) },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    const select = (await stepWith(form, 'select#industry')) as HTMLSelectElement;
    select.value = 'gaming';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await submit(form);
    await done(canvasElement);
  },
};

// --- Default preset --------------------------------------------------------------------------

export const DefaultEmailDone: Story = {
  name: 'Default: email, signed in',
  args: { provider: 'default' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await fill(form, 'input#email', 'new@example.com');
    await fill(form, 'cloud-password-field', 'correct horse battery');
    await submit(form);
    await done(canvasElement);
  },
};

export const DefaultCommonPassword: Story = {
  name: 'Default: error, a common password',
  args: { provider: 'default' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await fill(form, 'input#email', 'new@example.com');
    await fill(form, 'cloud-password-field', 'password123');
    await submit(form);
    await anyError(form);
  },
};

export const DefaultPhoneTab: Story = {
  name: 'Default: phone tab',
  args: { provider: 'default' },
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'phone');
  },
};

export const DefaultPhoneLimit: Story = {
  name: 'Default: error, phone already has an account',
  args: { provider: 'default' },
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'phone');
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.us);
    await fill(
      await stepWith(form, 'cloud-password-field').then(() => form),
      'cloud-password-field',
      'correct horse battery',
    );
    await submit(form);
    await anyError(form);
  },
};

export const BothLocales: Story = {
  name: 'English and Chinese side by side (locale attribute)',
  args: { provider: 'tencentcloud' },
  parameters: { wide: true },
  render: (args, context) => html`<div class="cl-grid">
    <section aria-label="en">${render({ ...args, locale: 'en' }, context)}</section>
    <section aria-label="zh-CN">${render({ ...args, locale: 'zh-CN' }, context)}</section>
  </div>`,
  play: async ({ canvasElement }) => {
    for (const section of canvasElement.querySelectorAll('section')) {
      const form = await root(section as HTMLElement);
      await submit(form);
      await anyError(form);
    }
  },
};
