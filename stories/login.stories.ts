import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import type { PresetOverrides } from '@cloud-login/core';
import type { StringOverrides as SiteStrings } from '../packages/elements/src/shared/config.ts';
import { loginParts } from '../packages/elements/src/flows/login/login.ts';
import {
  defineLoginMethod,
  loginMethod,
  type LoginMethodDefinition,
} from '../packages/elements/src/flows/login/methods/index.ts';
import { backend, clientFor, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { click, deep, fill, find, waitFor } from './support/play.ts';
import {
  anyError,
  busy,
  fillCode,
  fillPhone,
  scope,
  selectTab,
  selectTabIfAny,
  sendCode,
  submit,
} from './support/flows.ts';
import { EXPIRED_CODE, FAKE_PASSWORD, PHONES } from './support/fake-backend.ts';

interface Args extends CommonArgs {
  methods?: string;
  returnTo?: string;
  overrides?: PresetOverrides;
  strings?: SiteStrings;
}

const EVENTS = ['cloud-login-success', 'cloud-step-change', 'cloud-error'];

const render = (args: Args, context: Ctx) => html`<cloud-login
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  methods=${ifDefined(args.methods)}
  return-to=${ifDefined(args.returnTo)}
  .config=${{ client: clientFor(context), overrides: args.overrides }}
  .strings=${args.strings}
  @cloud-login-success=${(event: Event) => event.preventDefault() /* stay on the story */}
></cloud-login>`;

const meta = {
  title: 'Flows/cloud-login',
  component: 'cloud-login',
  render,
  decorators: [withActions],
  args: { provider: 'jdcloud' },
  argTypes: {
    ...commonArgTypes,
    methods: { control: 'text', description: 'Subset and order of the preset’s methods' },
  },
  parameters: {
    actions: { handles: EVENTS },
    docs: {
      description: {
        component:
          'Sign-in: the preset’s login methods in the preset’s order (tabs and links), the account chooser when a phone or a password matches several accounts, and the signed-in state. Stories talk to an in-memory fake of the HTTP contract: every code is `123456`, every seeded password `Passw0rd!`.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

// --- Helpers ---------------------------------------------------------------------------------

const panel = (root: HTMLElement, tag: string) => scope(root, tag);

async function passwordLogin(root: HTMLElement, identifier: string, password = FAKE_PASSWORD, send = true) {
  await selectTabIfAny(root, 'password');
  const form = await panel(root, 'cloud-password-login');
  await fill(form, 'input#identifier', identifier);
  await fill(form, 'cloud-password-field', password);
  if (send) await submit(form);
  return form;
}

async function smsLogin(root: HTMLElement, phone: string, code?: string) {
  await selectTab(root, 'sms');
  const form = await panel(root, 'cloud-sms-login');
  await fillPhone(form, phone);
  await sendCode(form);
  if (code !== undefined) {
    await fillCode(form, code);
    await submit(form);
  }
  return form;
}

const signedIn = (root: HTMLElement) => find(root, '[part~="done"]');
const chooser = (root: HTMLElement) => find(root, 'cloud-account-chooser');

/** A story where the next call to `path` fails with `code`, after a password login attempt. */
function passwordRefusal(
  code: Parameters<import('./support/fake-backend.ts').FakeBackend['failNext']>[1],
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
export const QingCloud: Story = { args: { provider: 'qingcloud' } };
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
  name: 'Password: error, too many attempts',
  ...passwordRefusal('too_many_attempts'),
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

// --- SMS code --------------------------------------------------------------------------------

export const SmsEmpty: Story = {
  name: 'SMS: empty (QingCloud)',
  args: { provider: 'qingcloud' },
  play: ({ canvasElement }) => selectTab(canvasElement, 'sms'),
};

export const SmsRequired: Story = {
  name: 'SMS: error, fields required',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    const form = await panel(canvasElement, 'cloud-sms-login');
    await submit(form);
    await anyError(form);
  },
};

export const SmsCodeSent: Story = {
  name: 'SMS: code sent, countdown',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await smsLogin(canvasElement, PHONES.single);
  },
};

export const SmsCooldown: Story = {
  name: 'SMS: error, resend cooldown',
  args: { provider: 'qingcloud' },
  parameters: {
    fake: backend({ setup: (fake) => fake.failNext('/codes', 'code_cooldown', { retryAfter: 42 }) }),
  },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single);
    await anyError(form);
  },
};

export const SmsWrongCode: Story = {
  name: 'SMS: error, wrong code',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single, '654321');
    await anyError(form);
  },
};

export const SmsExpiredCode: Story = {
  name: 'SMS: error, code expired',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single, EXPIRED_CODE);
    await anyError(form);
  },
};

export const SmsTooManyAttempts: Story = {
  name: 'SMS: error, too many attempts',
  args: { provider: 'qingcloud' },
  parameters: { fake: backend({ setup: (fake) => fake.failNext('/sessions/sms', 'too_many_attempts') }) },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single, '123456');
    await anyError(form);
  },
};

export const SmsUnknownPhone: Story = {
  name: 'SMS: error, no account for this phone',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.fresh, '123456');
    await anyError(form);
  },
};

export const SmsLoading: Story = {
  name: 'SMS: loading',
  args: { provider: 'qingcloud' },
  parameters: { fake: backend({ setup: (fake) => fake.hang('/sessions/sms') }) },
  play: async ({ canvasElement }) => {
    const form = await smsLogin(canvasElement, PHONES.single, '123456');
    await busy(form);
  },
};

export const SmsChooser: Story = {
  name: 'SMS: account chooser (one phone, three accounts)',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await smsLogin(canvasElement, PHONES.shared, '123456');
    await chooser(canvasElement);
  },
};

export const SmsSuccess: Story = {
  name: 'SMS: signed in',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await smsLogin(canvasElement, PHONES.single, '123456');
    await signedIn(canvasElement);
  },
};

export const DefaultSms: Story = {
  name: 'SMS: signed in, any region (default preset)',
  args: { provider: 'default' },
  play: async ({ canvasElement }) => {
    await smsLogin(canvasElement, PHONES.us, '123456');
    await signedIn(canvasElement);
  },
};

// --- Sub-account and IAM link ----------------------------------------------------------------

async function subaccount(root: HTMLElement, email?: string, password = FAKE_PASSWORD) {
  await selectTab(root, 'subaccount');
  const form = await panel(root, 'cloud-subaccount-login');
  if (email !== undefined) {
    await fill(form, 'input#email', email);
    await fill(form, 'cloud-password-field', password);
  }
  await submit(form);
  return form;
}

export const SubaccountRequired: Story = {
  name: 'Sub-account: error, fields required',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => anyError(await subaccount(canvasElement)).then(() => undefined),
};

export const SubaccountWrong: Story = {
  name: 'Sub-account: error, wrong email or password',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) =>
    anyError(await subaccount(canvasElement, 'sub@example.com', 'wrong-password')).then(() => undefined),
};

export const SubaccountSuccess: Story = {
  name: 'Sub-account: signed in',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    await subaccount(canvasElement, 'sub@example.com');
    await signedIn(canvasElement);
  },
};

export const IamLink: Story = {
  name: 'IAM user login link (a site’s URL)',
  args: { provider: 'qingcloud', overrides: { iamLoginUrl: 'https://console.example.com/iam/login' } },
};

// --- Parts loaded on demand ------------------------------------------------------------------
// A tab's panel and the account chooser are chunks `<cloud-login>` loads when it shows them. Here
// the chunk never comes (the placeholder, `aria-busy`) or cannot be fetched ("try again"): the
// story gives the part another loader until it ends. Not on the docs page, where every story
// renders at once and would share the swapped loader.

type Load = () => Promise<unknown>;
const pending: () => Load = () => () => new Promise(() => {});
const unreachable: () => Load = () => () =>
  Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
/** Fails once, then loads (the module is in the page already): "try again" works. */
const flaky: () => Load = () => {
  let calls = 0;
  return () =>
    calls++ === 0
      ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
      : Promise.resolve();
};

/** `beforeEach` that gives method `id`'s panel the loader `make()` makes, for the story's length. */
const panelLoad = (id: string, make: () => Load) => () => {
  const original = loginMethod(id)!;
  defineLoginMethod({ ...original, load: make() } as LoginMethodDefinition);
  return () => defineLoginMethod(original);
};

const chooserLoad = (make: () => Load) => () => {
  const original = loginParts.chooser;
  loginParts.chooser = make();
  return () => {
    loginParts.chooser = original;
  };
};

const retryShown = (root: HTMLElement) => find(root, '[part="retry"]');

export const SmsPanelLoading: Story = {
  name: 'SMS tab: its panel loading',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: panelLoad('sms', pending),
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    await find(canvasElement, '#panel-sms[aria-busy="true"] [part="loading"]');
  },
};

export const SmsPanelLoadFailed: Story = {
  name: 'SMS tab: its panel could not be loaded',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: panelLoad('sms', unreachable),
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    await retryShown(canvasElement);
  },
};

export const SmsPanelRetried: Story = {
  name: 'SMS tab: loaded on “try again”',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: panelLoad('sms', flaky),
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    await click(canvasElement, '[part="retry"]');
    await panel(canvasElement, 'cloud-sms-login');
  },
};

export const ChooserPartLoading: Story = {
  name: 'Account chooser: its code loading',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: chooserLoad(pending),
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await find(canvasElement, '[part="loading"][aria-busy="true"]');
  },
};

export const ChooserPartLoadFailed: Story = {
  name: 'Account chooser: its code could not be loaded',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: chooserLoad(unreachable),
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await retryShown(canvasElement);
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

export const BothLocales: Story = {
  name: 'English and Chinese side by side (locale attribute)',
  parameters: { wide: true },
  render: (args, context) => html`<div class="cl-grid">
    <section aria-label="en">${render({ ...args, locale: 'en' }, context)}</section>
    <section aria-label="zh-CN">${render({ ...args, locale: 'zh-CN' }, context)}</section>
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
