import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import { commonArgTypes, type CommonArgs } from './support/story.ts';
import { proveAgain, renderSecurity, signedInAs } from './support/security.ts';
import { click, deep, fill, waitFor } from './support/play.ts';
import { anyError, scope, submit } from './support/flows.ts';
import { FAKE_TOTP, fakeRecoveryCodes, type FakeBackend } from './support/fake-backend.ts';

interface Args extends CommonArgs {}

const signedIn = (more?: (fake: FakeBackend) => void) => signedInAs('acc-default-dev', more);
/** TOTP on, with `left` of the ten recovery codes unused. */
const withTotp = (left = 10) =>
  signedIn((fake) => {
    fake.accounts.find((a) => a.id === 'acc-default-dev')!.totp = {
      recoveryCodes: fakeRecoveryCodes().slice(0, left),
    };
  });

/**
 * The two-step verification section of `<cloud-account-security>` (docs/flows.md#two-step-verification),
 * on the `default` preset: turning it on (the password as proof, the QR and key, the app's first
 * code — the fake app shows `246810`), the recovery codes shown once, new codes, turning it off.
 */
const meta = {
  title: 'Flows/cloud-account-security/Two-step verification',
  component: 'cloud-account-security',
  render: renderSecurity,
  decorators: [withActions],
  args: { provider: 'default' },
  argTypes: { ...commonArgTypes },
  parameters: {
    fake: signedIn(),
    actions: { handles: ['cloud-account-change', 'cloud-step-change', 'cloud-error'] },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

type Section = HTMLElement & { state: { name: string } };

async function section(canvas: HTMLElement, state = 'idle'): Promise<ShadowRoot> {
  const el = await waitFor(() => deep<Section>(canvas, 'cloud-totp-settings'), 'the two-step section');
  await waitFor(() => el.shadowRoot && el.state?.name === state, `the "${state}" state`);
  return scope(canvas, 'cloud-totp-settings');
}

const button = (root: ShadowRoot, n: number) => `[part~="action"]:nth-of-type(${n})`;

/** "Turn on", the password asked for and given: the QR and the key. */
async function toSetup(canvas: HTMLElement): Promise<ShadowRoot> {
  await click(await section(canvas), '[part~="action"]');
  const root = await section(canvas, 'start');
  await proveAgain(root);
  return section(canvas, 'setup');
}

async function toCodes(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = await toSetup(canvas);
  await fill(root, 'input#totp', FAKE_TOTP);
  await submit(root);
  return section(canvas, 'codes');
}

export const Off: Story = {
  name: 'Two-step: off',
  play: async ({ canvasElement }) => void (await section(canvasElement)),
};

export const ProofAsked: Story = {
  name: 'Two-step: turn on, the password asked for',
  play: async ({ canvasElement }) => {
    await click(await section(canvasElement), '[part~="action"]');
    const root = await section(canvasElement, 'start');
    await waitFor(() => deep(root, '[part~="reauth"]'), 'the current password asked for');
  },
};

export const Setup: Story = {
  name: 'Two-step: scan the QR code',
  play: async ({ canvasElement }) => void (await toSetup(canvasElement)),
};

export const SetupZhCn: Story = {
  name: 'Two-step: scan the QR code (zh-CN)',
  args: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => void (await toSetup(canvasElement)),
};

export const SetupWrongCode: Story = {
  name: 'Two-step: error, wrong first code',
  play: async ({ canvasElement }) => {
    const root = await toSetup(canvasElement);
    await fill(root, 'input#totp', '111111');
    await submit(root);
    await anyError(root);
  },
};

export const RecoveryCodes: Story = {
  name: 'Two-step: the recovery codes, shown once',
  play: async ({ canvasElement }) => void (await toCodes(canvasElement)),
};

export const On: Story = {
  name: 'Two-step: on',
  parameters: { fake: withTotp() },
  play: async ({ canvasElement }) => void (await section(canvasElement)),
};

/** Few recovery codes left: the section says so and offers new ones. */
async function warned(canvas: HTMLElement): Promise<void> {
  const root = await section(canvas);
  await waitFor(() => deep(root, '[part~="warning"]'), 'the warning');
}

export const FewCodes: Story = {
  name: 'Two-step: on, 2 recovery codes left (make new ones)',
  parameters: { fake: withTotp(2) },
  play: ({ canvasElement }) => warned(canvasElement),
};

export const NoCodesZhTw: Story = {
  name: 'Two-step: on, no recovery codes left (zh-TW)',
  args: { locale: 'zh-TW' },
  parameters: { fake: withTotp(0) },
  play: ({ canvasElement }) => warned(canvasElement),
};

export const TurnedOn: Story = {
  name: 'Two-step: turned on (the codes saved)',
  play: async ({ canvasElement }) => {
    const root = await toCodes(canvasElement);
    await click(root, 'button[part~="submit"]');
    await section(canvasElement);
  },
};

export const NewCodes: Story = {
  name: 'Two-step: new recovery codes?',
  parameters: { fake: withTotp() },
  play: async ({ canvasElement }) => {
    const root = await section(canvasElement);
    await click(root, button(root, 1));
    await section(canvasElement, 'regenerate');
  },
};

export const TurnOff: Story = {
  name: 'Two-step: turn off?',
  parameters: { fake: withTotp() },
  play: async ({ canvasElement }) => {
    const root = await section(canvasElement);
    await click(root, button(root, 2));
    await section(canvasElement, 'disable');
  },
};

export const TurnOffProof: Story = {
  name: 'Two-step: turn off, the password asked for',
  parameters: { fake: withTotp() },
  play: async ({ canvasElement }) => {
    const root = await section(canvasElement);
    await click(root, button(root, 2));
    const form = await section(canvasElement, 'disable');
    await submit(form);
    await waitFor(() => deep(form, '[part~="reauth"]'), 'the current password asked for');
  },
};
