import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { backend } from './support/story.ts';
import { click, deep, fill, waitFor } from './support/play.ts';
import { anyError, busy, submit } from './support/flows.ts';
import { PHONES } from './support/fake-backend.ts';
import {
  done,
  phoneStep,
  registerMeta,
  renderRegister,
  root,
  stepWith,
  type RegisterArgs,
} from './support/register.ts';

/**
 * Registration with `<cloud-register>`: each preset's first step, JD Cloud's steps, both
 * locales. The phone-first presets (JD classic, QingCloud) are in
 * register-phone-first.stories.ts, the email-first ones (Tencent, default) in
 * register-email.stories.ts.
 */
const meta = {
  title: 'Flows/cloud-register',
  component: 'cloud-register',
  ...registerMeta,
  parameters: {
    ...registerMeta.parameters,
    docs: {
      description: {
        component:
          'Registration step by step as the preset says: JD (name + password → phone + code + agreements → optional security email), JD classic (phone → name + password → enable service), QingCloud (phone → password), Tencent (email + password → check your mailbox → industry), default (email or phone). Stories use the fake backend: the code is always `123456`; `cloud-dev` is a taken JD name, `dev@example.com` a taken email.',
      },
    },
  },
} satisfies Meta<RegisterArgs>;
export default meta;
type Story = StoryObj<RegisterArgs>;

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

async function jdRegistered(canvas: HTMLElement) {
  const form = await jdCredentials(canvas);
  await phoneStep(form, PHONES.fresh);
  await stepWith(form, 'input#email');
  return form;
}

// --- Each preset, first step -----------------------------------------------------------------

export const JdCloud: Story = { name: 'JD Cloud: name and password' };
export const JdCloudClassic: Story = {
  name: 'JD Cloud classic: phone first',
  args: { provider: 'jdcloud-classic' },
};
export const QingCloud: Story = { name: 'QingCloud: phone first', args: { provider: 'qingcloud' } };
export const TencentCloud: Story = {
  name: 'Tencent Cloud: email and password, with the enterprise and outside-the-mainland advice (004)',
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
  name: 'JD: phone step, with the secondary-number advice (000)',
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

export const BothLocales: Story = {
  name: 'English and Chinese side by side (locale attribute)',
  args: { provider: 'tencentcloud' },
  parameters: { wide: true },
  render: (args, context) => html`<div class="cl-grid">
    <section aria-label="en">${renderRegister({ ...args, locale: 'en' }, context)}</section>
    <section aria-label="zh-CN">${renderRegister({ ...args, locale: 'zh-CN' }, context)}</section>
  </div>`,
  play: async ({ canvasElement }) => {
    for (const section of canvasElement.querySelectorAll('section')) {
      const form = await root(section as HTMLElement);
      await submit(form);
      await anyError(form);
    }
  },
};
