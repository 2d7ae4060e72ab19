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

// Entries as the server masks them (`ChooseAccount` in packages/server/README.md).
const QINGCLOUD: ChooserAccount[] = [
  {
    id: 'acc-qc-dev',
    label: 'd***v@example.com',
    detail: '+86 138****8000',
    createdAt: '2024-03-01T08:00:00.000Z',
    lastSignInAt: '2024-11-20T01:15:00.000Z',
  },
  {
    id: 'acc-qc-ops',
    label: 'o***s@example.com',
    detail: '+86 138****8000',
    createdAt: '2024-03-01T08:00:00.000Z',
  },
  {
    id: 'acc-qc-test',
    label: 't***t@example.com',
    detail: '+86 138****8000',
    createdAt: '2024-03-01T08:00:00.000Z',
  },
];
/** Two accounts with one phone and nothing else: told apart by id, creation time and last sign-in. */
const PHONE_ONLY: ChooserAccount[] = [
  {
    id: 'acc-qc-7f3a',
    label: '+86 138****0003',
    createdAt: '2024-12-04T02:05:00.000Z',
    lastSignInAt: '2024-12-18T09:40:00.000Z',
  },
  { id: 'acc-qc-c91e', label: '+86 138****0003', createdAt: '2024-12-04T06:30:00.000Z' },
];
const JD: ChooserAccount[] = [
  {
    id: 'acc-jd-dev',
    label: 'c*******v',
    detail: 'd***v@example.com',
    createdAt: '2024-03-01T08:00:00.000Z',
  },
  { id: 'acc-jd-ops', label: '云***队', detail: '+86 138****8000', createdAt: '2023-07-12T03:20:00.000Z' },
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
          'The accounts a phone (or a password) matched, to pick the one to sign in to. Each shows the server’s masked name and what tells it from the others (masked email or phone, the end of its id, when it was created and last signed in), as text. “Create a new account” is a row of its own. Fires `cloud-account-select` with `{accountId}` or `{createNew: true}`.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const SeveralAccounts: Story = {};

export const PhoneOnlyAccounts: Story = {
  name: 'Several accounts on one phone, nothing else',
  args: { accounts: PHONE_ONLY },
};

export const ManyAccountsChinese: Story = {
  name: 'Several accounts (zh-CN)',
  args: { locale: 'zh-CN', accounts: [...QINGCLOUD, ...PHONE_ONLY] },
};

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
