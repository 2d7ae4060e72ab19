import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import { backend, clientFor, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { click, errorShown, fill, find, waitFor } from './support/play.ts';
import { fillCode, scope, selectTabIfAny } from './support/flows.ts';
import { FAKE_PASSWORD, PHONES } from './support/fake-backend.ts';

const render = (args: CommonArgs, context: Ctx) => html`<cloud-login
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  .config=${{ client: clientFor(context) }}
  @cloud-login-success=${(event: Event) => event.preventDefault() /* stay on the story */}
></cloud-login>`;

const meta = {
  title: 'Flows/cloud-login/Forgot password',
  component: 'cloud-login',
  render,
  decorators: [withActions],
  args: { provider: 'jdcloud-classic' },
  argTypes: { ...commonArgTypes },
  parameters: {
    actions: { handles: ['cloud-login-success', 'cloud-step-change', 'cloud-error'] },
    docs: {
      description: {
        component:
          '"Forgot password?" under the password method: identifier and channel → code → account chooser (several accounts on one phone) → new password → signed in. Every code is `123456`; the seeded password is `Passw0rd!`.',
      },
    },
  },
} satisfies Meta<CommonArgs>;
export default meta;
type Story = StoryObj<CommonArgs>;

/** Follows "Forgot password?" and returns the reset steps' shadow root. */
async function openReset(root: HTMLElement): Promise<ShadowRoot> {
  await selectTabIfAny(root, 'password');
  await scope(root, 'cloud-password-login');
  await click(await scope(root, 'cloud-login'), '[part=forgot]');
  return scope(root, 'cloud-password-reset');
}

/** Sends the code to `identifier` and waits for the code step. */
async function toCode(root: HTMLElement, identifier: string): Promise<ShadowRoot> {
  const reset = await openReset(root);
  await fill(reset, '#identifier', identifier);
  await click(reset, 'button[type=submit]');
  await find(reset, 'cloud-code-input');
  return reset;
}

async function toPassword(root: HTMLElement, identifier: string): Promise<ShadowRoot> {
  const reset = await toCode(root, identifier);
  await fillCode(reset);
  await click(reset, 'button[type=submit]');
  if (
    await waitFor(
      () => reset.querySelector('cloud-account-chooser, cloud-password-field'),
      'the next step',
    ).then((el) => el.localName === 'cloud-account-chooser')
  ) {
    await click(reset, 'cloud-account-chooser');
  }
  await find(reset, 'cloud-password-field');
  return reset;
}

export const Identifier: Story = {
  name: 'Step 1: identifier',
  play: ({ canvasElement }) => openReset(canvasElement).then(() => undefined),
};
export const IdentifierChinese: Story = {
  name: 'Step 1: identifier (zh-CN, QingCloud)',
  args: { provider: 'qingcloud', locale: 'zh-CN' },
  play: Identifier.play!,
};
export const Code: Story = {
  name: 'Step 2: code sent',
  play: ({ canvasElement }) => toCode(canvasElement, 'classic-dev').then(() => undefined),
};
export const ChooseAccount: Story = {
  name: 'Step 3: account chooser (QingCloud, one phone, several accounts)',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const reset = await toCode(canvasElement, PHONES.shared);
    await fillCode(reset);
    await click(reset, 'button[type=submit]');
    await find(reset, 'cloud-account-chooser');
  },
};
export const NewPassword: Story = {
  name: 'Step 4: new password',
  play: ({ canvasElement }) => toPassword(canvasElement, 'classic-dev').then(() => undefined),
};

export const WrongCode: Story = {
  name: 'Error: wrong code',
  play: async ({ canvasElement }) => {
    const reset = await toCode(canvasElement, 'classic-dev');
    await fillCode(reset, '000000');
    await click(reset, 'button[type=submit]');
    await errorShown(reset);
  },
};
export const ExpiredCode: Story = {
  name: 'Error: code expired',
  parameters: {
    fake: backend({
      setup: (fake) => fake.failNext('/password-resets/verify', 'code_expired', { field: 'code' }),
    }),
  },
  play: WrongCode.play!,
};
export const Throttled: Story = {
  name: 'Error: too many requests',
  parameters: {
    fake: backend({
      setup: (fake) => fake.failNext('/password-resets', 'rate_limited', { retryAfter: 3600 }),
    }),
  },
  play: async ({ canvasElement }) => {
    const reset = await openReset(canvasElement);
    await fill(reset, '#identifier', 'classic-dev');
    await click(reset, 'button[type=submit]');
    await errorShown(reset);
  },
};
export const SamePassword: Story = {
  name: 'Error: same as the current password',
  play: async ({ canvasElement }) => {
    const reset = await toPassword(canvasElement, 'classic-dev');
    await fill(reset, 'cloud-password-field', FAKE_PASSWORD);
    await click(reset, 'button[type=submit]');
    await errorShown(reset);
  },
};
export const LegacyAccount: Story = {
  name: 'Error: older JD account (use JD login)',
  play: async ({ canvasElement }) => {
    const reset = await toCode(canvasElement, 'jd_legacy_user');
    await fillCode(reset);
    await click(reset, 'button[type=submit]');
    await find(reset, '[part=parent-login]');
  },
};
export const SubAccount: Story = {
  name: 'Error: sub-account (QingCloud)',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const reset = await toCode(canvasElement, 'sub@example.com');
    await fillCode(reset);
    await click(reset, 'button[type=submit]');
    await errorShown(reset);
  },
};
