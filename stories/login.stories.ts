import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { backend, clientFor, themeOf } from './support/story.ts';
import { click, deep, waitFor } from './support/play.ts';
import { anyError, busy, selectTabIfAny, submit } from './support/flows.ts';
import { FAKE_PASSWORD, PHONES, type FakeBackend } from './support/fake-backend.ts';
import {
  chooser,
  loginMeta,
  panel,
  passwordLogin,
  renderLogin,
  signedIn,
  type LoginArgs,
} from './support/login.ts';

/**
 * Sign-in with `<cloud-login>`: each preset, the app QR, the password, the account chooser and
 * a site's configuration. The SMS code and sub-account stories are in login-sms.stories.ts,
 * the parts loaded on demand in login-lazy-parts.stories.ts.
 */
const meta = {
  title: 'Flows/cloud-login',
  component: 'cloud-login',
  ...loginMeta,
  parameters: {
    ...loginMeta.parameters,
    docs: {
      description: {
        component:
          'Sign-in: the preset’s login methods in the preset’s order (tabs and links), the account chooser when a phone or a password matches several accounts, and the signed-in state. Stories talk to an in-memory fake of the HTTP contract: every code is `123456`, every seeded password `Passw0rd!`.',
      },
    },
  },
} satisfies Meta<LoginArgs>;
export default meta;
type Story = StoryObj<LoginArgs>;

/** A story where the next call to `path` fails with `code`, after a password login attempt. */
function passwordRefusal(
  code: Parameters<FakeBackend['failNext']>[1],
  identifier = 'cloud-dev',
  extra = {},
): Story {
  return {
    parameters: { fake: backend({ setup: (fake) => fake.failNext('/sessions', code, extra) }) },
    play: async ({ canvasElement }) => {
      const form = await passwordLogin(canvasElement, identifier);
      await anyError(form);
    },
  };
}

// --- Each preset, untouched ------------------------------------------------------------------

export const JdCloud: Story = { name: 'JD Cloud' };
export const JdCloudClassic: Story = { name: 'JD Cloud classic', args: { provider: 'jdcloud-classic' } };
export const QingCloud: Story = {
  name: 'QingCloud: WeChat QR as the corner toggle, IAM user login link (003)',
  args: { provider: 'qingcloud' },
};
export const TencentCloud: Story = { args: { provider: 'tencentcloud' } };
export const DefaultPreset: Story = { name: 'Default preset', args: { provider: 'default' } };

// --- App QR, JD's first method ---------------------------------------------------------------

type QrPanel = HTMLElement & { state: { name: string } };
async function qrState(root: HTMLElement, name: string): Promise<void> {
  await waitFor(
    () => deep<QrPanel>(root, 'cloud-qr-panel')?.state?.name === name,
    `the QR "${name}" state`,
    8000,
  );
}

export const QrScanned: Story = {
  name: 'App QR: scanned, confirm on the phone',
  parameters: { fake: backend({ options: { qrScript: ['scanned'] } }) },
  play: ({ canvasElement }) => qrState(canvasElement, 'scanned'),
};

export const QrSignedIn: Story = {
  name: 'App QR: confirmed, signed in',
  parameters: { fake: backend({ options: { qrScript: ['scanned', 'confirmed'] } }) },
  play: ({ canvasElement }) => signedIn(canvasElement).then(() => undefined),
};

export const QrExpired: Story = {
  name: 'App QR: expired',
  parameters: { fake: backend({ options: { qrScript: ['expired'] } }) },
  play: ({ canvasElement }) => qrState(canvasElement, 'expired'),
};

// --- Password login --------------------------------------------------------------------------

export const PasswordFilled: Story = {
  name: 'Password: filled',
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, 'cloud-dev', FAKE_PASSWORD, false);
  },
};

export const PasswordRequired: Story = {
  name: 'Password: error, fields required',
  play: async ({ canvasElement }) => {
    await selectTabIfAny(canvasElement, 'password');
    const form = await panel(canvasElement, 'cloud-password-login');
    await submit(form);
    await anyError(form);
  },
};

export const PasswordLoading: Story = {
  name: 'Password: loading',
  parameters: { fake: backend({ setup: (fake) => fake.hang('/sessions') }) },
  play: async ({ canvasElement }) => {
    const form = await passwordLogin(canvasElement, 'cloud-dev');
    await busy(form);
  },
};

export const PasswordWrong: Story = {
  name: 'Password: error, wrong name or password',
  play: async ({ canvasElement }) => {
    const form = await passwordLogin(canvasElement, 'cloud-dev', 'not-the-password');
    await anyError(form);
  },
};

export const PasswordNotLoginable: Story = {
  name: 'Password: error, this email cannot log in (JD)',
  play: async ({ canvasElement }) => {
    const form = await passwordLogin(canvasElement, 'ops@example.com');
    await anyError(form);
  },
};

export const PasswordUseJdLogin: Story = {
  name: 'Password: error, legacy account must use JD login',
  play: async ({ canvasElement }) => {
    const form = await passwordLogin(canvasElement, 'jd_legacy_user');
    await anyError(form);
  },
};

export const PasswordRateLimited: Story = {
  name: 'Password: error, rate limited',
  ...passwordRefusal('rate_limited', 'cloud-dev', { retryAfter: 300 }),
};
export const PasswordTooManyAttempts: Story = {
  name: 'Password: error, too many attempts (with the wait)',
  ...passwordRefusal('too_many_attempts', 'cloud-dev', { retryAfter: 900 }),
};
export const PasswordMethodDisabled: Story = {
  name: 'Password: error, method disabled',
  ...passwordRefusal('method_disabled'),
};
export const PasswordOriginNotAllowed: Story = {
  name: 'Password: error, origin not allowed',
  ...passwordRefusal('origin_not_allowed'),
};
export const PasswordServerValidation: Story = {
  name: 'Password: error, server validation',
  ...passwordRefusal('validation_failed', 'cloud-dev', {
    issues: [{ path: 'identifier', code: 'field_required', message: 'identifier is required' }],
  }),
};
export const PasswordNetworkError: Story = {
  name: 'Password: error, network',
  ...passwordRefusal('network_error'),
};

export const PasswordSuccess: Story = {
  name: 'Password: signed in',
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, 'cloud-dev');
    await signedIn(canvasElement);
  },
};

export const PasswordByPhone: Story = {
  name: 'Password: signed in with a phone (JD, first owner)',
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, '138 0013 8000');
    await signedIn(canvasElement);
  },
};

export const ClassicPassword: Story = {
  name: 'Password: signed in (JD classic)',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, 'classic-dev');
    await signedIn(canvasElement);
  },
};

export const TencentPassword: Story = {
  name: 'Password: signed in with email (Tencent)',
  args: { provider: 'tencentcloud' },
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, 'dev@example.com');
    await signedIn(canvasElement);
  },
};

// --- Account chooser (QingCloud) -------------------------------------------------------------

export const PasswordChooser: Story = {
  name: 'Account chooser: a password matching several accounts (QingCloud)',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await chooser(canvasElement);
  },
};

export const ChooserLoading: Story = {
  name: 'Account chooser: loading',
  args: { provider: 'qingcloud' },
  parameters: { fake: backend({ setup: (fake) => fake.hang('/continue') }) },
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await chooser(canvasElement);
    await click(canvasElement, '[part~="account"]');
    await busy(canvasElement);
  },
};

export const ChooserTicketExpired: Story = {
  name: 'Account chooser: error, ticket expired',
  args: { provider: 'qingcloud' },
  parameters: { fake: backend({ setup: (fake) => fake.failNext('/continue', 'ticket_expired') }) },
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await chooser(canvasElement);
    await click(canvasElement, '[part~="account"]');
    await anyError(canvasElement);
  },
};

export const ChooserError: Story = {
  name: 'Account chooser: error, rate limited',
  args: { provider: 'qingcloud' },
  parameters: {
    fake: backend({ setup: (fake) => fake.failNext('/continue', 'rate_limited', { retryAfter: 60 }) }),
  },
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await chooser(canvasElement);
    await click(canvasElement, '[part~="account"]');
    await anyError(canvasElement);
  },
};

export const ChooserPicked: Story = {
  name: 'Account chooser: signed in after the pick',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await chooser(canvasElement);
    await click(canvasElement, '[part~="account"]');
    await signedIn(canvasElement);
  },
};

// --- Configuration ---------------------------------------------------------------------------

export const MethodsSubset: Story = {
  name: 'Methods narrowed and reordered (methods="sms password")',
  args: { provider: 'qingcloud', methods: 'sms password' },
};

export const StringOverrides: Story = {
  name: 'A site’s own wording',
  args: {
    strings: {
      en: { 'login.heading': 'Sign in to Example Console', 'action.login': 'Continue' },
      'zh-CN': { 'login.heading': '登录 Example 控制台', 'action.login': '继续' },
    },
  },
};

export const Slots: Story = {
  name: 'Heading and footer slots',
  render: (args, context) => html`<cloud-login
    provider=${ifDefined(args.provider)}
    theme=${ifDefined(themeOf(context))}
    .config=${{ client: clientFor(context) }}
  >
    <h1 slot="heading" style="margin:0 0 .5rem;font-size:1.375rem">Example Console</h1>
    <p slot="footer" style="margin:1rem 0 0">New here? <a href="#register">Create an account</a></p>
  </cloud-login>`,
};

export const HeaderSlot: Story = {
  name: 'Header slot: a logo and title in the card',
  render: (args, context) => html`<cloud-login
    provider=${ifDefined(args.provider)}
    locale=${ifDefined(args.locale)}
    theme=${ifDefined(themeOf(context))}
    .config=${{ client: clientFor(context) }}
  >
    <div slot="header" style="display:flex;align-items:center;gap:.5rem;font-weight:600">
      <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true"><rect width="28" height="28" rx="6" fill="currentColor" /></svg>
      Example Console
    </div>
  </cloud-login>`,
};

export const BothLocales: Story = {
  name: 'English and Chinese side by side (locale attribute)',
  parameters: { wide: true },
  render: (args, context) => html`<div class="cl-grid">
    <section aria-label="en">${renderLogin({ ...args, locale: 'en' }, context)}</section>
    <section aria-label="zh-CN">${renderLogin({ ...args, locale: 'zh-CN' }, context)}</section>
  </div>`,
  play: async ({ canvasElement }) => {
    // Both refuse the same empty form, each in its own language.
    for (const section of canvasElement.querySelectorAll('section')) {
      await selectTabIfAny(section, 'password');
      const form = await panel(section as HTMLElement, 'cloud-password-login');
      await submit(form);
      await anyError(form);
    }
  },
};
