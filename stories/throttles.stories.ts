import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import { commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { throttledClientFor, type ThrottleMode } from './support/throttles.ts';
import { deep, fill, waitFor } from './support/play.ts';
import { fillPhone, scope, selectTab, selectTabIfAny, submit } from './support/flows.ts';
import { FAKE_PASSWORD, PHONES } from './support/fake-backend.ts';

interface Args extends CommonArgs {
  element: 'cloud-login' | 'cloud-register';
  mode: ThrottleMode;
}

const render = (args: Args, context: Ctx) => {
  const config = { client: throttledClientFor(context, args.mode) };
  const stay = (event: Event) => event.preventDefault();
  return args.element === 'cloud-register'
    ? html`<cloud-register
        provider=${ifDefined(args.provider)}
        locale=${ifDefined(args.locale)}
        theme=${ifDefined(themeOf(context))}
        .config=${config}
        @cloud-register-success=${stay}
      ></cloud-register>`
    : html`<cloud-login
        provider=${ifDefined(args.provider)}
        locale=${ifDefined(args.locale)}
        theme=${ifDefined(themeOf(context))}
        .config=${config}
        @cloud-login-success=${stay}
      ></cloud-login>`;
};

const meta = {
  title: 'Flows/Throttles',
  render,
  decorators: [withActions],
  args: { provider: 'jdcloud', element: 'cloud-login', mode: 'under-attack' },
  argTypes: {
    ...commonArgTypes,
    element: { control: 'select', options: ['cloud-login', 'cloud-register'] },
    mode: { control: 'select', options: ['under-attack', 'challenge'] },
  },
  parameters: {
    actions: {
      handles: ['cloud-login-success', 'cloud-register-success', 'cloud-step-change', 'cloud-error'],
    },
    docs: {
      description: {
        component:
          'What the reference server’s throttles look like in the elements. An account under attack: the right password from a new address gets a code step (the code `123456` goes to the account’s phone or email). Too many codes to a phone or from an address: the code button asks for a challenge first — in dev mode a simulated slider (`CHALLENGE=slider`); other kinds fire `cloud-challenge` for the site to render.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

/** Presses "get code" and waits for the challenge dialog. */
async function askForCode(root: ParentNode): Promise<void> {
  const input = await waitFor(() => deep<HTMLElement>(root, 'cloud-code-input'), 'the code field');
  const send = await waitFor(
    () => input.shadowRoot?.querySelector<HTMLButtonElement>('[part~="send"]'),
    'the send button',
  );
  send.click();
  await waitFor(() => deep(root, '[part~="challenge"]'), 'the slider challenge');
}

export const CodeStep: Story = {
  name: 'Sign-in: code step of an account under attack',
  play: async ({ canvasElement }) => {
    await selectTabIfAny(canvasElement, 'password');
    const form = await scope(canvasElement, 'cloud-password-login');
    await fill(form, 'input#identifier', 'cloud-dev');
    await fill(form, 'cloud-password-field', FAKE_PASSWORD);
    await submit(form);
    await waitFor(() => deep(canvasElement, 'cloud-profile-form'), 'the code step');
  },
};

export const LoginChallenge: Story = {
  name: 'SMS login: slider challenge before the code',
  args: { provider: 'qingcloud', mode: 'challenge' },
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    const form = await scope(canvasElement, 'cloud-sms-login');
    await fillPhone(form, PHONES.single);
    await askForCode(form);
  },
};

export const RegisterChallenge: Story = {
  name: 'Registration: slider challenge before the code',
  args: { provider: 'qingcloud', mode: 'challenge', element: 'cloud-register' },
  play: async ({ canvasElement }) => {
    const form = await scope(canvasElement, 'cloud-register');
    await fillPhone(form, PHONES.fresh);
    await askForCode(form);
  },
};

export const RegisterChallengeSolved: Story = {
  name: 'Registration: slider solved, code sent',
  args: { provider: 'qingcloud', mode: 'challenge', element: 'cloud-register' },
  play: async (context) => {
    await RegisterChallenge.play!(context);
    const slider = await waitFor(
      () => deep<HTMLInputElement>(context.canvasElement, '[part~="challenge-slider"]'),
      'the slider',
    );
    slider.value = '100';
    slider.dispatchEvent(new Event('change'));
    await waitFor(
      () =>
        deep(context.canvasElement, 'cloud-code-input')
          ?.shadowRoot?.querySelector('[part~="status"]')
          ?.textContent?.trim(),
      'the code sent',
    );
  },
};
