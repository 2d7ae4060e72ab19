import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ChooserAccount } from '../packages/elements/src/blocks/account-chooser/account-chooser.ts';
import { commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { click, waitFor } from './support/play.ts';

interface Args extends CommonArgs {
  accounts: ChooserAccount[];
  allowCreate: boolean;
  heading?: string;
  disabled: boolean;
}

// Labels as the server masks them (the server README: "the masked account name or email").
const QINGCLOUD: ChooserAccount[] = [
  { id: 'acc-qc-dev', label: 'd***v@example.com' },
  { id: 'acc-qc-ops', label: 'o***s@example.com' },
  { id: 'acc-qc-test', label: 't***t@example.com' },
];
const JD: ChooserAccount[] = [
  { id: 'acc-jd-dev', label: 'c*******v' },
  { id: 'acc-jd-ops', label: '云***队' },
];

const render = (args: Args, context: Ctx) => html`<cloud-account-chooser
    provider=${ifDefined(args.provider)}
    locale=${ifDefined(args.locale)}
    theme=${ifDefined(themeOf(context))}
    .accounts=${args.accounts}
    ?allow-create=${args.allowCreate}
    heading=${ifDefined(args.heading)}
    ?disabled=${args.disabled}
    @cloud-account-select=${(event: CustomEvent) => {
      const out = (event.currentTarget as HTMLElement).nextElementSibling as HTMLOutputElement;
      out.value = `cloud-account-select ${JSON.stringify(event.detail)}`;
    }}
  ></cloud-account-chooser>
  <output class="cl-note" aria-live="polite"></output>`;

const meta = {
  title: 'Blocks/cloud-account-chooser',
  component: 'cloud-account-chooser',
  render,
  args: { provider: 'qingcloud', accounts: QINGCLOUD, allowCreate: false, disabled: false },
  argTypes: { ...commonArgTypes },
  parameters: {
    docs: {
      description: {
        component:
          'The accounts a phone (or a password) matched, to pick the one to sign in to. Labels are the server’s masked names, shown as text. Fires `cloud-account-select` with `{accountId}` or `{createNew: true}`.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const SeveralAccounts: Story = {};

export const WithCreateNew: Story = {
  name: 'With “create a new account”',
  args: { provider: 'jdcloud', accounts: JD, allowCreate: true },
};

export const Picked: Story = {
  name: 'Picked (event fired)',
  play: async ({ canvasElement }) => {
    await click(canvasElement, '[part~="account"]');
    await waitFor(() => canvasElement.querySelector('output')?.value, 'the select event');
  },
};

export const Busy: Story = {
  name: 'Loading: sending the pick',
  args: { disabled: true },
};

export const OneAccount: Story = { args: { accounts: QINGCLOUD.slice(0, 1) } };
