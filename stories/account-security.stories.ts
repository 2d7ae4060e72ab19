import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import { backend, commonArgTypes, type CommonArgs } from './support/story.ts';
import { proveAgain, renderSecurity, signedInAs } from './support/security.ts';
import { click, deep, fill, find, waitFor } from './support/play.ts';
import { anyError, busy, scope, submit } from './support/flows.ts';
import { FAKE_PASSWORD, PHONES } from './support/fake-backend.ts';

interface Args extends CommonArgs {}

type Security = HTMLElement & { step: { name: string } };

async function at(canvas: HTMLElement, name: string): Promise<ShadowRoot> {
  const el = await find<Security>(canvas, 'cloud-account-security');
  await waitFor(() => el.step?.name === name, `the "${name}" step`);
  return scope(canvas, 'cloud-account-security');
}

/** The overview's "set / change password" button (the last row of the login details). */
const passwordButton = 'dl[part~="identifiers"] > .row:last-child button';
/** The security email row's button. */
const emailButton = 'dl[part~="identifiers"] > .row:nth-last-child(2) button';
const unbindButton = '[part~="connection-bound"] button';

const meta = {
  title: 'Flows/cloud-account-security',
  component: 'cloud-account-security',
  render: renderSecurity,
  decorators: [withActions],
  args: { provider: 'jdcloud' },
  argTypes: { ...commonArgTypes },
  parameters: {
    fake: signedInAs('acc-jd-dev'),
    actions: { handles: ['cloud-account-change', 'cloud-step-change', 'cloud-error'] },
    docs: {
      description: {
        component:
          'The signed-in account’s security settings: login details and which of them log in, the password (set or change), the security email (verification link), bound third-party logins with “unbind” (a password first when the account could not log in otherwise), and the upgrade of an older JD account.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const Overview: Story = {
  name: 'Overview (JD account with WeChat bound)',
  play: async ({ canvasElement }) => void (await at(canvasElement, 'overview')),
};

export const QingCloud: Story = {
  name: 'Overview (QingCloud)',
  args: { provider: 'qingcloud' },
  parameters: { fake: signedInAs('acc-qc-test') },
  play: async ({ canvasElement }) => void (await at(canvasElement, 'overview')),
};

export const Loading: Story = {
  name: 'Loading the account',
  parameters: { fake: signedInAs('acc-jd-dev', (fake) => fake.hang('/session')) },
  play: async ({ canvasElement }) => void (await at(canvasElement, 'loading')),
};

export const SignedOut: Story = {
  name: 'Signed out',
  // Parameters merge deeply: an explicit no-op replaces the meta's sign-in.
  parameters: { fake: backend({ setup: () => {} }) },
  play: async ({ canvasElement }) => void (await at(canvasElement, 'signed-out')),
};

export const LoadFailed: Story = {
  name: 'Error: the account could not be read',
  parameters: {
    fake: signedInAs('acc-jd-dev', (fake) => fake.failNext('/session', 'rate_limited', { retryAfter: 30 })),
  },
  play: async ({ canvasElement }) => void (await at(canvasElement, 'failed')),
};

export const ChangePassword: Story = {
  name: 'Change password',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), passwordButton);
    await at(canvasElement, 'password');
  },
};

export const WrongCurrentPassword: Story = {
  name: 'Change password: error, current password wrong',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), passwordButton);
    const root = await at(canvasElement, 'password');
    await fill(root, 'cloud-password-field[data-field="currentPassword"]', 'not-it');
    await fill(root, 'cloud-password-field[data-field="newPassword"]', 'N3w-pass!');
    await submit(root);
    await anyError(root);
  },
};

export const PasswordChanged: Story = {
  name: 'Change password: done',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), passwordButton);
    const root = await at(canvasElement, 'password');
    await fill(root, 'cloud-password-field[data-field="currentPassword"]', 'Passw0rd!');
    await fill(root, 'cloud-password-field[data-field="newPassword"]', 'N3w-pass!');
    await submit(root);
    const overview = await at(canvasElement, 'overview');
    await waitFor(
      () => deep(overview, '[part~="notice"][role="status"]')?.textContent?.trim(),
      'the "password changed" notice',
    );
  },
};

export const SecurityEmail: Story = {
  name: 'Security email: change',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), emailButton);
    await at(canvasElement, 'email');
  },
};

export const SecurityEmailInvalid: Story = {
  name: 'Security email: error, invalid address',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), emailButton);
    const root = await at(canvasElement, 'email');
    await fill(root, 'input#email', 'nope');
    await submit(root);
    await anyError(root);
  },
};

export const SecurityEmailSending: Story = {
  name: 'Security email: loading',
  parameters: { fake: signedInAs('acc-jd-dev', (fake) => fake.hang('/account/email')) },
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), emailButton);
    const root = await at(canvasElement, 'email');
    await fill(root, 'input#email', 'me@example.com');
    await submit(root);
    await busy(root);
  },
};

export const SecurityEmailSent: Story = {
  name: 'Security email: link sent',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), emailButton);
    const root = await at(canvasElement, 'email');
    await fill(root, 'input#email', 'me@example.com');
    await submit(root);
    await proveAgain(root);
    await at(canvasElement, 'email-sent');
  },
};

export const Unbind: Story = {
  name: 'Unbind WeChat: confirm, listing the login methods that remain (002)',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), unbindButton);
    await at(canvasElement, 'unbind');
  },
};

export const Unbound: Story = {
  name: 'Unbind WeChat: done',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), unbindButton);
    const root = await at(canvasElement, 'unbind');
    await submit(root);
    await proveAgain(root);
    const overview = await at(canvasElement, 'overview');
    await waitFor(() => !deep(overview, '[part~="connection-bound"]'), 'WeChat unbound');
  },
};

export const UnbindReauth: Story = {
  name: 'Unbind WeChat: current password asked for',
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), unbindButton);
    const root = await at(canvasElement, 'unbind');
    await submit(root);
    await waitFor(() => deep(root, '[part~="reauth"]'), 'the current password asked for');
  },
};

export const UnbindNeedsPassword: Story = {
  name: 'Unbind WeChat: set a password first',
  parameters: { fake: signedInAs('acc-jd-wx') },
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), unbindButton);
    await submit(await at(canvasElement, 'unbind'));
    await at(canvasElement, 'password');
  },
};

/** The bind step as it stands once the popup handed its ticket back (the stories have no popup). */
async function bindWithTicket(canvas: HTMLElement): Promise<ShadowRoot> {
  const overview = await at(canvas, 'overview');
  const rows = [
    ...overview.querySelectorAll<HTMLElement>('[part~="connection"]:not([part~="connection-bound"])'),
  ];
  rows[0]!.querySelector('button')!.click();
  const root = await at(canvas, 'bind');
  const el = await find<Security & { step: { name: string; idp?: string } }>(
    canvas,
    'cloud-account-security',
  );
  (el as unknown as { step: object }).step = { ...el.step, ticket: `story-bind-${el.step.idp}` };
  return root;
}

export const Bind: Story = {
  name: 'Bind JD login: before the popup',
  play: async ({ canvasElement }) => {
    const overview = await at(canvasElement, 'overview');
    overview
      .querySelector<HTMLButtonElement>('[part~="connection"]:not([part~="connection-bound"]) button')!
      .click();
    await at(canvasElement, 'bind');
  },
};

export const BindReauth: Story = {
  name: 'Bind JD login: current password asked for',
  play: async ({ canvasElement }) => {
    const root = await bindWithTicket(canvasElement);
    await click(root, '[part~="submit"]');
    await waitFor(() => deep(root, '[part~="reauth"]'), 'the current password asked for');
  },
};

export const Bound: Story = {
  name: 'Bind JD login: done',
  play: async ({ canvasElement }) => {
    const root = await bindWithTicket(canvasElement);
    await click(root, '[part~="submit"]');
    await waitFor(() => deep(root, '[part~="reauth"]'), 'the current password asked for');
    await fill(root, 'cloud-password-field[data-field="reauth"]', FAKE_PASSWORD);
    await click(root, '[part~="submit"]');
    const overview = await at(canvasElement, 'overview');
    await waitFor(() => overview.querySelectorAll('[part~="connection-bound"]').length === 2, 'JD bound');
  },
};

export const LegacyAccount: Story = {
  name: 'Older JD account: upgrade offered',
  parameters: { fake: signedInAs('acc-jd-legacy') },
  play: async ({ canvasElement }) => void (await at(canvasElement, 'overview')),
};

/** An account a WeChat login created (002): a generated name, no password, the nickname kept. */
const createdByWechat = signedInAs('acc-jd-auto', (fake) =>
  fake.accounts.push({
    id: 'acc-jd-auto',
    accountName: 'wx_k3m9q2ta7c',
    accountNameGenerated: true,
    phone: PHONES.fresh,
    emailVerified: false,
    loginIdentifiers: ['accountName', 'phone'],
    connections: ['wechat'],
    connectionNames: [{ idp: 'wechat', nickname: '小云' }],
    kind: 'main',
    legacy: false,
    createdAt: '2024-03-01T08:00:00.000Z',
  }),
);
const chooseNameButton = 'dl[part~="identifiers"] > .row:first-child button';

export const CreatedByWechat: Story = {
  name: 'Created by WeChat: generated name, nickname, no password (002)',
  parameters: { fake: createdByWechat },
  play: async ({ canvasElement }) => {
    const root = await at(canvasElement, 'overview');
    await waitFor(() => deep(root, '[part~="nickname"]'), 'the WeChat nickname');
  },
};

export const ChooseName: Story = {
  name: 'Choose an account name in place of the generated one',
  parameters: { fake: createdByWechat },
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), chooseNameButton);
    await find(await at(canvasElement, 'rename'), 'input#accountName');
  },
};

export const ChooseNameCode: Story = {
  name: 'Choose an account name: a code asked for (no password)',
  parameters: { fake: createdByWechat },
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), chooseNameButton);
    const root = await at(canvasElement, 'rename');
    await fill(root, 'input#accountName', 'cloud-newcomer');
    await submit(root);
    await waitFor(() => deep(root, '[part~="reauth"]'), 'a code asked for');
  },
};

export const ChooseNameInvalid: Story = {
  name: 'Choose an account name: error, the name breaks a rule',
  parameters: { fake: createdByWechat },
  play: async ({ canvasElement }) => {
    await click(await at(canvasElement, 'overview'), chooseNameButton);
    const root = await at(canvasElement, 'rename');
    await fill(root, 'input#accountName', '12345');
    await submit(root);
    await anyError(root);
  },
};
