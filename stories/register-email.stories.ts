import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { backend } from './support/story.ts';
import { click, deep, fill, find, waitFor } from './support/play.ts';
import { acceptAgreements, anyError, selectTab, submit } from './support/flows.ts';
import { PHONES, type FakeBackend } from './support/fake-backend.ts';
import { done, phoneStep, registerMeta, root, stepWith, type RegisterArgs } from './support/register.ts';

/** Registration on the email-first presets: Tencent Cloud (activation link, industry) and the default preset. */
const meta = {
  title: 'Flows/cloud-register/Email first',
  component: 'cloud-register',
  ...registerMeta,
} satisfies Meta<RegisterArgs>;
export default meta;
type Story = StoryObj<RegisterArgs>;

/** Tencent's "activation link" step: the page opens with `#cl_ticket=…`. */
function arriveWithTicket(fake: FakeBackend): void {
  // The secret this browser kept when it registered: the ticket is redeemed only with it.
  localStorage.setItem(`cloud-login:activation:${fake.baseUrl}`, JSON.stringify({ secret: 'story-secret' }));
  location.hash = `cl_ticket=${encodeURIComponent(fake.activationTicket('acc-tc-dev'))}`;
}
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
