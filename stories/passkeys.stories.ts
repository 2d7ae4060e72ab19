import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import { backend, commonArgTypes, type CommonArgs, type Ctx } from './support/story.ts';
import { renderLogin } from './support/login.ts';
import { renderSecurity, signedInAs } from './support/security.ts';
import { click, fill, find, waitFor } from './support/play.ts';
import { anyError, busy } from './support/flows.ts';
import { FAKE_PASSWORD, type FakeBackend } from './support/fake-backend.ts';

/**
 * Passkeys (docs/flows.md#passkeys): the "Passkey login" button of `<cloud-login>` and
 * the passkey section of `<cloud-account-security>`. The browser's own WebAuthn dialog is not a
 * state of the elements, so the stories stop before it: they show what the elements show
 * around it, on the fake backend.
 */
interface Args extends CommonArgs {
  element: 'login' | 'security';
}

const render = (args: Args, context: Ctx) =>
  args.element === 'login' ? renderLogin(args, context) : renderSecurity(args, context);

const ACCOUNT = 'acc-default-dev';

/** Signed in as the default preset's seeded account, with `more` arranged on the fake. */
const signedIn = (more?: (fake: FakeBackend) => void) => signedInAs(ACCOUNT, more);

const withPasskeys = signedIn((fake) =>
  fake
    .seedPasskey(ACCOUNT, 'MacBook Touch ID', { lastUsedAt: '2024-05-02T09:30:00.000Z' })
    .seedPasskey(ACCOUNT, 'YubiKey 5C', { backedUp: false }),
);

type Passkeys = HTMLElement & { step: { name: string } };

async function passkeys(canvas: HTMLElement, step = 'list'): Promise<ShadowRoot> {
  const el = await find<Passkeys>(canvas, 'cloud-passkeys');
  await waitFor(() => el.step?.name === step && el.shadowRoot, `the passkeys' "${step}" step`);
  return el.shadowRoot!;
}

/** From the list, `open` (a button) leads to `step`; its root. */
async function opened(canvas: HTMLElement, open: string, step: string): Promise<ShadowRoot> {
  await click(await passkeys(canvas), open);
  return passkeys(canvas, step);
}

/** `step` opened and submitted: the server asks for the account to be proven again. */
async function proofAsked(canvas: HTMLElement, open: string, step: string): Promise<ShadowRoot> {
  const root = await opened(canvas, open, step);
  await click(root, 'button[part~="submit"]');
  await find(root, '[part~="reauth"]');
  return root;
}

const ADD = '[part~="action"]';
const RENAME = '[part~="passkey"] [part~="action"]';
const DELETE = '[part~="passkey"] [part~="action"]:last-of-type';

const meta = {
  title: 'Flows/passkeys',
  render,
  decorators: [withActions],
  args: { provider: 'default', element: 'security' },
  argTypes: {
    ...commonArgTypes,
    element: { control: 'inline-radio', options: ['login', 'security'] },
  },
  parameters: {
    actions: { handles: ['cloud-login-success', 'cloud-step-change', 'cloud-error'] },
    docs: {
      description: {
        component:
          'Passkeys: a “Passkey login” button (and the identifier field’s autofill) in `<cloud-login>`; in `<cloud-account-security>`, the account’s passkeys with when they were added and last used, “Add a passkey” after proving the account again, rename, and delete behind a confirmation.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const LoginButton: Story = {
  name: 'Login: the passkey button',
  args: { element: 'login' },
  play: async ({ canvasElement }) => void (await find(canvasElement, '[data-method="passkeys"]')),
};

export const LoginRefused: Story = {
  name: 'Login: the passkey request timed out',
  args: { element: 'login' },
  parameters: {
    fake: backend({
      setup: (fake) => fake.failNext('/sessions/passkey/options', 'ticket_expired', { field: 'passkey' }),
    }),
  },
  play: async ({ canvasElement }) => {
    await click(canvasElement, '[data-method="passkeys"]');
    await anyError(canvasElement);
  },
};

export const Empty: Story = {
  name: 'Account security: no passkeys yet',
  parameters: { fake: signedIn() },
  play: async ({ canvasElement }) => void (await passkeys(canvasElement)),
};

export const Loading: Story = {
  name: 'Account security: loading the passkeys',
  parameters: { fake: signedIn((fake) => fake.hang('/account/passkeys')) },
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cloud-passkeys');
    await busy(canvasElement);
  },
};

export const List: Story = {
  name: 'Account security: two passkeys',
  parameters: { fake: withPasskeys },
  play: async ({ canvasElement }) => {
    const root = await passkeys(canvasElement);
    await waitFor(() => root.querySelectorAll('[part~="passkey"]').length === 2, 'two passkeys');
  },
};

export const AddProof: Story = {
  name: 'Account security: add — prove it is you',
  parameters: { fake: signedIn() },
  play: async ({ canvasElement }) => void (await proofAsked(canvasElement, ADD, 'add')),
};

export const AddWrongPassword: Story = {
  name: 'Account security: add — wrong current password',
  parameters: { fake: signedIn() },
  play: async ({ canvasElement }) => {
    const root = await proofAsked(canvasElement, ADD, 'add');
    await fill(root, 'cloud-password-field[data-field="reauth"]', `${FAKE_PASSWORD}-not`);
    await click(root, 'button[part~="submit"]');
    await anyError(root);
  },
};

export const Rename: Story = {
  name: 'Account security: rename',
  parameters: { fake: withPasskeys },
  play: async ({ canvasElement }) => void (await opened(canvasElement, RENAME, 'rename')),
};

export const Renamed: Story = {
  name: 'Account security: renamed',
  parameters: { fake: withPasskeys },
  play: async ({ canvasElement }) => {
    const root = await opened(canvasElement, RENAME, 'rename');
    await fill(root, '#passkey-name', 'Work laptop');
    await click(root, 'button[part~="submit"]');
    await passkeys(canvasElement, 'list');
    await waitFor(() => root.querySelector('[part~="notice"]')?.textContent?.trim(), 'the confirmation');
  },
};

export const DeleteConfirm: Story = {
  name: 'Account security: delete — confirm and prove it',
  parameters: { fake: withPasskeys },
  play: async ({ canvasElement }) => void (await proofAsked(canvasElement, DELETE, 'delete')),
};

export const Deleted: Story = {
  name: 'Account security: deleted',
  parameters: { fake: withPasskeys },
  play: async ({ canvasElement }) => {
    const root = await proofAsked(canvasElement, DELETE, 'delete');
    await fill(root, 'cloud-password-field[data-field="reauth"]', FAKE_PASSWORD);
    await click(root, 'button[part~="submit"]');
    await passkeys(canvasElement, 'list');
    await waitFor(() => root.querySelectorAll('[part~="passkey"]').length === 1, 'one passkey left');
  },
};

export const ListFailed: Story = {
  name: 'Account security: the list could not be read',
  parameters: { fake: signedIn((fake) => fake.failNext('/account/passkeys', 'network_error')) },
  play: async ({ canvasElement }) => {
    const root = await passkeys(canvasElement);
    await anyError(root);
  },
};
