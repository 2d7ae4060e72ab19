import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { backend } from './support/story.ts';
import { fill } from './support/play.ts';
import { anyError, busy, selectTab, submit } from './support/flows.ts';
import { EXPIRED_CODE, FAKE_PASSWORD, PHONES } from './support/fake-backend.ts';
import { chooser, loginMeta, panel, signedIn, smsLogin, type LoginArgs } from './support/login.ts';

/** Sign-in with an SMS code, as a sub-account, and the IAM user link (QingCloud's methods). */
const meta = {
  title: 'Flows/cloud-login/SMS and sub-account',
  component: 'cloud-login',
  ...loginMeta,
} satisfies Meta<LoginArgs>;
export default meta;
type Story = StoryObj<LoginArgs>;

// --- SMS code --------------------------------------------------------------------------------

export const SmsEmpty: Story = {
  name: 'SMS: empty (QingCloud)',
  args: { provider: 'qingcloud' },
  play: ({ canvasElement }) => selectTab(canvasElement, 'sms'),
};

export const SmsRequired: Story = {
  name: 'SMS: error, fields required',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    const form = await panel(canvasElement, 'cloud-sms-login');
    await submit(form);
    await anyError(form);
  },
};

export const SmsCodeSent: Story = {
  name: 'SMS: code sent, countdown',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await smsLogin(canvasElement, PHONES.single);
  },
};

export const SmsCooldown: Story = {
  name: 'SMS: error, resend cooldown',
  args: { provider: 'qingcloud' },
  parameters: {
    fake: backend({ setup: (fake) => fake.failNext('/codes', 'code_cooldown', { retryAfter: 42 }) }),
  },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single);
    await anyError(form);
  },
};

export const SmsWrongCode: Story = {
  name: 'SMS: error, wrong code',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single, '654321');
    await anyError(form);
  },
};

export const SmsExpiredCode: Story = {
  name: 'SMS: error, code expired',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single, EXPIRED_CODE);
    await anyError(form);
  },
};

export const SmsTooManyAttempts: Story = {
  name: 'SMS: error, too many attempts',
  args: { provider: 'qingcloud' },
  parameters: { fake: backend({ setup: (fake) => fake.failNext('/sessions/sms', 'too_many_attempts') }) },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single, '123456');
    await anyError(form);
  },
};

export const SmsUnknownPhone: Story = {
  name: 'SMS: error, no account for this phone',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.fresh, '123456');
    await anyError(form);
  },
};

export const SmsLoading: Story = {
  name: 'SMS: loading',
  args: { provider: 'qingcloud' },
  parameters: { fake: backend({ setup: (fake) => fake.hang('/sessions/sms') }) },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single, '123456');
    await busy(form);
  },
};

export const SmsChooser: Story = {
  name: 'SMS: account chooser (one phone, three accounts)',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await smsLogin(canvasElement, PHONES.shared, '123456');
    await chooser(canvasElement);
  },
};

export const SmsSuccess: Story = {
  name: 'SMS: signed in',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await smsLogin(canvasElement, PHONES.single, '123456');
    await signedIn(canvasElement);
  },
};

export const DefaultSms: Story = {
  name: 'SMS: signed in, any region (default preset)',
  args: { provider: 'default' },
  play: async ({ canvasElement }) => {
    await smsLogin(canvasElement, PHONES.us, '123456');
    await signedIn(canvasElement);
  },
};

// --- Sub-account and IAM link ----------------------------------------------------------------

async function subaccount(root: HTMLElement, email?: string, password = FAKE_PASSWORD) {
  await selectTab(root, 'subaccount');
  const form = await panel(root, 'cloud-subaccount-login');
  if (email !== undefined) {
    await fill(form, 'input#email', email);
    await fill(form, 'cloud-password-field', password);
  }
  await submit(form);
  return form;
}

export const SubaccountRequired: Story = {
  name: 'Sub-account: error, fields required',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => anyError(await subaccount(canvasElement)).then(() => undefined),
};

export const SubaccountWrong: Story = {
  name: 'Sub-account: error, wrong email or password',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) =>
    anyError(await subaccount(canvasElement, 'sub@example.com', 'wrong-password')).then(() => undefined),
};

export const SubaccountSuccess: Story = {
  name: 'Sub-account: signed in',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await subaccount(canvasElement, 'sub@example.com');
    await signedIn(canvasElement);
  },
};

export const IamLink: Story = {
  name: 'IAM user login link (a site’s URL)',
  args: { provider: 'qingcloud', overrides: { iamLoginUrl: 'https://console.example.com/iam/login' } },
};
