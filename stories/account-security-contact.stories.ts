import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import { commonArgTypes, type CommonArgs } from './support/story.ts';
import { click, deep, fill, waitFor } from './support/play.ts';
import { anyError, busy, fillPhone, scope, submit } from './support/flows.ts';
import type { FakeBackend } from './support/fake-backend.ts';
import { proveAgain, renderSecurity, signedInAs } from './support/security.ts';

interface Args extends CommonArgs {}

const signedIn = (more?: (fake: FakeBackend) => void) => signedInAs('acc-classic-dev', more);

/**
 * The contact details section of `<cloud-account-security>` (001: "add the contact mailbox (You
 * can also modify it at JD Cloud Account Management - Security Setting page)"), on JD Cloud
 * classic: the contact phone (masked) and email, and editing them — the phone left empty stays,
 * the email left empty is removed, the password asked for (the fake's `Passw0rd!`), the notice once saved.
 */
const meta = {
  title: 'Flows/cloud-account-security/Contact details',
  component: 'cloud-account-security',
  render: renderSecurity,
  decorators: [withActions],
  args: { provider: 'jdcloud-classic' },
  argTypes: { ...commonArgTypes },
  parameters: {
    fake: signedIn(),
    actions: { handles: ['cloud-account-change', 'cloud-step-change', 'cloud-error'] },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

type Section = HTMLElement & { editing: boolean };

async function section(canvas: HTMLElement, editing = false): Promise<ShadowRoot> {
  const el = await waitFor(() => deep<Section>(canvas, 'cloud-contact-settings'), 'the contact section');
  await waitFor(() => el.shadowRoot && el.editing === editing, editing ? 'the form' : 'the details');
  return scope(canvas, 'cloud-contact-settings');
}

async function toForm(canvas: HTMLElement): Promise<ShadowRoot> {
  await click(await section(canvas), '[part~="action"]');
  return section(canvas, true);
}

/** A new Hong Kong phone and the email removed: the server asks for the password. */
async function toProof(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = await toForm(canvas);
  await fillPhone(root, '+852 5123 4567');
  await fill(root, 'input#contactEmail', '');
  await submit(root);
  await waitFor(() => deep(root, '[part~="reauth"]'), 'the current password asked for');
  return root;
}

export const Shown: Story = {
  name: 'Contact details: shown',
  play: async ({ canvasElement }) => void (await section(canvasElement)),
};

export const ShownZhCn: Story = {
  name: 'Contact details: shown (zh-CN)',
  args: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => void (await section(canvasElement)),
};

export const ShownZhTw: Story = {
  name: 'Contact details: shown (zh-TW)',
  args: { locale: 'zh-TW' },
  play: async ({ canvasElement }) => void (await section(canvasElement)),
};

export const Editing: Story = {
  name: 'Contact details: edit',
  play: async ({ canvasElement }) => void (await toForm(canvasElement)),
};

export const FieldError: Story = {
  name: 'Contact details: error, a bad email',
  play: async ({ canvasElement }) => {
    const root = await toForm(canvasElement);
    await fill(root, 'input#contactEmail', 'nope');
    await submit(root);
    await anyError(root);
  },
};

export const PhoneError: Story = {
  name: 'Contact details: error, a phone outside the regions',
  play: async ({ canvasElement }) => {
    const root = await toForm(canvasElement);
    await fillPhone(root, '+1 201 555 0123');
    await submit(root);
    await anyError(root);
  },
};

export const ProofAsked: Story = {
  name: 'Contact details: the password asked for',
  play: async ({ canvasElement }) => void (await toProof(canvasElement)),
};

export const Saving: Story = {
  name: 'Contact details: loading',
  parameters: { fake: signedIn((fake) => fake.hang('/account/contact')) },
  play: async ({ canvasElement }) => {
    const root = await toForm(canvasElement);
    await fill(root, 'input#contactEmail', 'team@example.com');
    await submit(root);
    await busy(root);
  },
};

export const ServerError: Story = {
  name: 'Contact details: error, too many changes',
  parameters: { fake: signedIn((fake) => fake.failNext('/account/contact', 'rate_limited')) },
  play: async ({ canvasElement }) => {
    const root = await toForm(canvasElement);
    await submit(root);
    await anyError(root);
  },
};

export const Saved: Story = {
  name: 'Contact details: saved',
  play: async ({ canvasElement }) => {
    await proveAgain(await toProof(canvasElement));
    await section(canvasElement);
    const security = await scope(canvasElement, 'cloud-account-security');
    await waitFor(() => deep(security, '.status-line')?.textContent?.trim(), 'the notice');
  },
};
