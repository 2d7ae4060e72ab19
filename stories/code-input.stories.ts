import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { messageForCode } from '@cloud-login/core/messages/index';
import type { CloudCodeInput } from '../packages/elements/src/blocks/code-input/code-input.ts';
import {
  backend,
  clientFor,
  commonArgTypes,
  localeOf,
  themeOf,
  type CommonArgs,
  type Ctx,
} from './support/story.ts';
import { click, deep, errorShown, find, settle, waitFor } from './support/play.ts';
import { FAKE_CODE, PHONES } from './support/fake-backend.ts';

interface Args extends CommonArgs {
  phone: string;
  purpose: 'register' | 'login' | 'bind';
  value: string;
  label?: string;
  error: string;
  required: boolean;
  disabled: boolean;
}

const render = (args: Args, context: Ctx) => html`<cloud-code-input
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  .config=${{ client: clientFor(context) }}
  phone=${args.phone}
  purpose=${args.purpose}
  .value=${args.value}
  label=${ifDefined(args.label)}
  .error=${args.error}
  ?required=${args.required}
  ?disabled=${args.disabled}
></cloud-code-input>`;

const status = (root: HTMLElement) =>
  deep(root, 'cloud-code-input')?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim() ?? '';

async function send(canvasElement: HTMLElement): Promise<CloudCodeInput> {
  const input = await find<CloudCodeInput>(canvasElement, 'cloud-code-input');
  await click(canvasElement, '[part~="send"]');
  return input;
}

async function sent(canvasElement: HTMLElement): Promise<CloudCodeInput> {
  const input = await send(canvasElement);
  await waitFor(() => status(canvasElement), 'the "code sent" status');
  await settle(canvasElement);
  return input;
}

const meta = {
  title: 'Blocks/cloud-code-input',
  component: 'cloud-code-input',
  render,
  args: {
    provider: 'jdcloud',
    phone: PHONES.shared,
    purpose: 'login',
    value: '',
    error: '',
    required: true,
    disabled: false,
  },
  argTypes: {
    ...commonArgTypes,
    purpose: { control: 'inline-radio', options: ['register', 'login', 'bind'] },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A verification-code field with “get code”, the countdown the server asks for (`resendAfter`, or a 429’s `retryAfter`), “resend”, and “get a voice call instead” once the countdown is over. In Storybook the code is always `123456`.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};

export const Filled: Story = { args: { value: FAKE_CODE } };

export const Sending: Story = {
  name: 'Loading: sending the code',
  parameters: { fake: backend({ setup: (fake) => fake.hang('/codes') }) },
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await waitFor(() => deep(canvasElement, '[part~="send"][aria-busy="true"]'), 'the busy send button');
  },
};

export const CodeSent: Story = {
  name: 'Code sent, countdown running',
  play: async ({ canvasElement }) => {
    const input = await sent(canvasElement);
    await waitFor(() => input.remaining > 50, 'the countdown');
  },
};

export const ResendOrVoice: Story = {
  name: 'Countdown over: resend or voice call',
  parameters: { fake: backend({ options: { overrides: { code: { resendAfter: 1 } } } }) },
  play: async ({ canvasElement }) => {
    await sent(canvasElement);
    await find(canvasElement, '[part~="voice"]', 4000);
  },
};

export const VoiceCall: Story = {
  name: 'Voice call requested',
  parameters: { fake: backend({ options: { overrides: { code: { resendAfter: 1 } } } }) },
  play: async ({ canvasElement }) => {
    await sent(canvasElement);
    const smsStatus = status(canvasElement);
    await click(canvasElement, '[part~="voice"]');
    await waitFor(
      () => status(canvasElement) && status(canvasElement) !== smsStatus,
      'the voice call status',
    );
  },
};

export const CooldownError: Story = {
  name: 'Error: cooldown from the server (429 code_cooldown)',
  parameters: {
    fake: backend({ setup: (fake) => fake.failNext('/codes', 'code_cooldown', { retryAfter: 42 }) }),
  },
  play: async ({ canvasElement }) => {
    const input = await send(canvasElement);
    await errorShown(canvasElement);
    await waitFor(() => input.remaining > 30, 'the cooldown countdown');
  },
};

export const RateLimitedError: Story = {
  name: 'Error: daily limit (429 rate_limited)',
  parameters: {
    fake: backend({ setup: (fake) => fake.failNext('/codes', 'rate_limited', { retryAfter: 3600 }) }),
  },
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await errorShown(canvasElement);
  },
};

export const RegionError: Story = {
  name: 'Error: phone refused by the server',
  args: { phone: PHONES.hongKong },
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await errorShown(canvasElement);
  },
};

export const NetworkError: Story = {
  name: 'Error: network',
  parameters: { fake: backend({ setup: (fake) => fake.failNext('/codes', 'network_error') }) },
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await errorShown(canvasElement);
  },
};

export const NoPhoneError: Story = {
  name: 'Error: no phone to send to',
  args: { phone: '' },
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await errorShown(canvasElement);
  },
};

export const FormatError: Story = {
  name: 'Error: not six digits',
  args: { value: '1234' },
  play: async ({ canvasElement }) => {
    const input = await find<CloudCodeInput>(canvasElement, 'cloud-code-input');
    await input.updateComplete;
    input.validate();
    await errorShown(canvasElement);
  },
};

export const WrongCodeError: Story = {
  name: 'Error from the server: wrong code',
  args: { value: '654321' },
  render: (args, context) =>
    render({ ...args, error: messageForCode(localeOf(context), 'invalid_code') }, context),
};

export const ExpiredCodeError: Story = {
  name: 'Error from the server: code expired',
  args: { value: '000000' },
  render: (args, context) =>
    render({ ...args, error: messageForCode(localeOf(context), 'code_expired') }, context),
};

export const TooManyAttemptsError: Story = {
  name: 'Error from the server: too many attempts',
  args: { value: '111111' },
  render: (args, context) =>
    render({ ...args, error: messageForCode(localeOf(context), 'too_many_attempts') }, context),
};

export const Disabled: Story = { args: { disabled: true } };

export const MacaoNumber: Story = {
  name: 'Code sent to a Macao number (JD classic)',
  args: { provider: 'jdcloud-classic', phone: '+85361234567', purpose: 'register' },
  play: async ({ canvasElement }) => {
    await sent(canvasElement);
  },
};
