import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { backend } from './support/story.ts';
import { click, fill, waitFor } from './support/play.ts';
import { anyError, busy, scope, submit } from './support/flows.ts';
import { FAKE_TOTP, fakeRecoveryCodes } from './support/fake-backend.ts';
import { loginMeta, passwordLogin, signedIn, type LoginArgs } from './support/login.ts';

/**
 * Two-step verification's step of a sign-in (docs/flows.md#two-step-verification): the
 * `default` preset's seeded account `dev@example.com` has an authenticator app set up; the fake
 * app shows `246810`, and `ak7m0-p0q2x` is one of its recovery codes.
 */
const meta = {
  title: 'Flows/cloud-login/Two-step verification',
  component: 'cloud-login',
  ...loginMeta,
  args: { provider: 'default' },
  parameters: {
    ...loginMeta.parameters,
    fake: backend({
      setup: (fake) => {
        fake.accounts.find((a) => a.id === 'acc-default-dev')!.totp = { recoveryCodes: fakeRecoveryCodes() };
      },
    }),
  },
} satisfies Meta<LoginArgs>;
export default meta;
type Story = StoryObj<LoginArgs>;

async function twoStep(canvas: HTMLElement): Promise<ShadowRoot> {
  await passwordLogin(canvas, 'dev@example.com');
  return scope(canvas, 'cloud-totp-step');
}

export const AppCode: Story = {
  name: 'Two-step: the app’s code',
  play: async ({ canvasElement }) => void (await twoStep(canvasElement)),
};

export const ZhTw: Story = {
  name: 'Two-step: the app’s code (zh-TW)',
  args: { locale: 'zh-TW' },
  play: async ({ canvasElement }) => void (await twoStep(canvasElement)),
};

export const CodeRequired: Story = {
  name: 'Two-step: error, code required',
  play: async ({ canvasElement }) => {
    const step = await twoStep(canvasElement);
    await submit(step);
    await anyError(step);
  },
};

export const WrongCode: Story = {
  name: 'Two-step: error, wrong code',
  play: async ({ canvasElement }) => {
    const step = await twoStep(canvasElement);
    await fill(step, 'input#totp', '111111');
    await submit(step);
    await anyError(step);
  },
};

export const Checking: Story = {
  name: 'Two-step: loading',
  parameters: {
    fake: backend({
      setup: (fake) => {
        fake.accounts.find((a) => a.id === 'acc-default-dev')!.totp = { recoveryCodes: fakeRecoveryCodes() };
        fake.hang('/continue');
      },
    }),
  },
  play: async ({ canvasElement }) => {
    const step = await twoStep(canvasElement);
    await fill(step, 'input#totp', FAKE_TOTP);
    await submit(step);
    await busy(step);
  },
};

export const RecoveryCode: Story = {
  name: 'Two-step: a recovery code instead',
  play: async ({ canvasElement }) => {
    const step = await twoStep(canvasElement);
    await click(step, '[part~="switch"]');
    await waitFor(() => step.querySelector('input#recoveryCode'), 'the recovery code field');
  },
};

export const RecoveryCodeWrong: Story = {
  name: 'Two-step: error, recovery code not valid or used',
  play: async ({ canvasElement }) => {
    const step = await twoStep(canvasElement);
    await click(step, '[part~="switch"]');
    await fill(step, 'input#recoveryCode', 'zzzzz-zzzzz');
    await submit(step);
    await anyError(step);
  },
};

export const SignedIn: Story = {
  name: 'Two-step: signed in',
  play: async ({ canvasElement }) => {
    const step = await twoStep(canvasElement);
    await fill(step, 'input#totp', FAKE_TOTP);
    await submit(step);
    await signedIn(canvasElement);
  },
};
