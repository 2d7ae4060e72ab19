import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { messageForCode } from '@cloud-login/core/messages/index';
import type { CloudPasswordField } from '../packages/elements/src/blocks/password-field/password-field.ts';
import { PROVIDERS, localeOf, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { click, fill, find, errorShown, waitFor, deep } from './support/play.ts';

interface Args extends CommonArgs {
  mode: 'new' | 'current';
  value: string;
  accountName: string;
  label?: string;
  hint?: string;
  error: string;
  required: boolean;
  disabled: boolean;
  noChecklist: boolean;
}

const render = (args: Args, context: Ctx) => html`<cloud-password-field
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  mode=${args.mode}
  .value=${args.value}
  account-name=${args.accountName}
  label=${ifDefined(args.label)}
  hint=${ifDefined(args.hint)}
  .error=${args.error}
  ?required=${args.required}
  ?disabled=${args.disabled}
  ?no-checklist=${args.noChecklist}
></cloud-password-field>`;

/** Shows the block's own error, as a flow does before it sends the form. */
async function validate(canvasElement: HTMLElement) {
  const field = await find<CloudPasswordField>(canvasElement, 'cloud-password-field');
  await field.updateComplete;
  field.validate();
  await errorShown(canvasElement);
}

const meta = {
  title: 'Blocks/cloud-password-field',
  component: 'cloud-password-field',
  render,
  args: {
    provider: 'jdcloud',
    mode: 'new',
    value: '',
    accountName: '',
    error: '',
    required: true,
    disabled: false,
    noChecklist: false,
  },
  argTypes: {
    provider: { control: 'select', options: PROVIDERS },
    locale: { control: 'select', options: [undefined, 'en', 'zh-CN'] },
    mode: { control: 'inline-radio', options: ['new', 'current'] },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A password field with show/hide and, for a new password, the live checklist of the preset’s rules. Rules a preset only recommends (JD classic’s “two kinds”) tick but never block.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};

export const Typing: Story = {
  name: 'Typing (rules tick live)',
  play: async ({ canvasElement }) => {
    await fill(canvasElement, 'cloud-password-field', 'cloud7');
    await waitFor(() => deep(canvasElement, '[part~="rule-met"]'), 'a met rule');
  },
};

export const PartlyMet: Story = { args: { value: 'cloud2024' } };

export const AllRulesMet: Story = { args: { value: 'Cl0ud-pass!' } };

export const Shown: Story = {
  name: 'Shown as text (eye toggle pressed)',
  args: { value: 'Cl0ud-pass!' },
  play: async ({ canvasElement }) => {
    await click(canvasElement, '[part~="toggle"]');
    await waitFor(
      () =>
        deep<HTMLInputElement>(canvasElement, 'cloud-password-field')?.shadowRoot?.querySelector(
          'input[type=text]',
        ),
      'the password shown',
    );
  },
};

export const RequiredError: Story = {
  name: 'Error: required',
  play: ({ canvasElement }) => validate(canvasElement),
};

export const TooShortError: Story = {
  name: 'Error: too short',
  args: { value: 'a1!' },
  play: ({ canvasElement }) => validate(canvasElement),
};

export const MissingSymbolError: Story = {
  name: 'Error: missing a symbol (JD)',
  args: { value: 'cloud2024x' },
  play: ({ canvasElement }) => validate(canvasElement),
};

export const SameAsAccountNameError: Story = {
  name: 'Error: same as the account name (JD)',
  args: { accountName: 'cloud-dev1!', value: 'Cloud-Dev1!' },
  play: ({ canvasElement }) => validate(canvasElement),
};

export const NonAsciiError: Story = {
  name: 'Error: characters outside ASCII',
  args: { provider: 'qingcloud', value: 'pässwort12' },
  play: ({ canvasElement }) => validate(canvasElement),
};

export const CommonPasswordError: Story = {
  name: 'Error: a common password (default)',
  args: { provider: 'default', value: 'password123' },
  play: ({ canvasElement }) => validate(canvasElement),
};

export const RecommendationOnly: Story = {
  name: 'Recommendation only (JD classic)',
  args: { provider: 'jdcloud-classic', value: 'abcdefg' },
  play: async ({ canvasElement }) => {
    const field = await find<CloudPasswordField>(canvasElement, 'cloud-password-field');
    await field.updateComplete;
    // One kind of character is only advised against here: the password is still accepted.
    if (!field.validate()) throw new Error('JD classic must accept a one-kind password');
  },
};

export const ServerError: Story = {
  name: 'Error from the server',
  render: (args, context) =>
    render({ ...args, error: messageForCode(localeOf(context), 'password_kinds', { count: 3 }) }, context),
  args: { value: 'abcdefgh' },
};

export const Login: Story = {
  name: 'Current password (log in)',
  args: { mode: 'current', value: '' },
};

export const Disabled: Story = { args: { value: 'Cl0ud-pass!', disabled: true } };

export const AllPresets: Story = {
  name: 'Every preset',
  parameters: { wide: true },
  render: (args, context) => html`<div class="cl-grid">
    ${PROVIDERS.map(
      (provider) => html`<section aria-label=${provider}>
        <h2>${provider}</h2>
        ${render({ ...args, provider, value: 'cloud7' }, context)}
      </section>`,
    )}
  </div>`,
};
