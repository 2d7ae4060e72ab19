import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import type { Idp } from '@cloud-login/core';
import { backend, clientFor, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { click, fill, find } from './support/play.ts';
import { acceptAgreements, anyError, fillCode, fillPhone, scope, sendCode, submit } from './support/flows.ts';
import { FakeBackend, PHONES } from './support/fake-backend.ts';

/**
 * Third-party login (docs/flows.md#third-party-login) from the moment the identity provider hands its ticket back. The page
 * comes back from WeChat / QQ / JD as `#cl_ticket=…` (the redirect used when a popup is
 * blocked), so the stories need no popup: each one arrives with a ticket from the fake, which
 * then walks the preset's first-time steps as the reference server does.
 */
interface Args extends CommonArgs {}

const render = (args: Args, context: Ctx) => html`<cloud-login
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  .config=${{ client: clientFor(context) }}
  @cloud-login-success=${(event: Event) => event.preventDefault()}
></cloud-login>`;

/**
 * Arrives back from `idp` with a connection ticket, as the redirect hand-off does; `nickname` is
 * the name the identity provider gave (WeChat's, 002).
 */
function arriveFrom(idp: Idp, subject?: string, nickname?: string) {
  return backend({
    setup: (fake) => {
      // The mark this tab's redirect leaves (with its flow secret): the ticket is this tab's.
      sessionStorage.setItem(
        'cloud-login:connection',
        JSON.stringify({ idp, api: fake.baseUrl, secret: 'story-flow-secret' }),
      );
      location.hash = `cl_ticket=${encodeURIComponent(fake.connectionTicket(idp, subject, nickname))}`;
    },
  });
}

const meta = {
  title: 'Flows/cloud-login third-party',
  component: 'cloud-login',
  render,
  decorators: [withActions],
  args: { provider: 'jdcloud' },
  argTypes: { ...commonArgTypes },
  parameters: {
    actions: { handles: ['cloud-login-success', 'cloud-step-change', 'cloud-error'] },
    docs: {
      description: {
        component:
          'Third-party login after the identity provider: an identity already bound signs in; a first one walks the preset’s steps — JD Cloud: phone + code, then bind one of the phone’s accounts or create one; QingCloud: phone + code, then bind; Tencent: phone + code → email (WeChat) → industry; JD classic: the enable-service form. Refusals: already bound, an older JD account that must upgrade first, five accounts on one phone.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

const profile = (canvas: HTMLElement) => scope(canvas, 'cloud-profile-form');
const signedIn = (canvas: HTMLElement) => find(canvas, '[part~="done"]');

/** The phone + code step of a first connection (JD's with its agreements, 002). */
async function phoneStep(canvas: HTMLElement, phone: string) {
  const form = await profile(canvas);
  await fillPhone(form, phone);
  await sendCode(form);
  await fillCode(form);
  if (form.querySelector('cloud-agreements')) await acceptAgreements(form);
  await submit(form);
  return form;
}

// --- JD Cloud --------------------------------------------------------------------------------

export const Bound: Story = {
  name: 'WeChat already bound: signed in',
  parameters: { fake: arriveFrom('wechat', FakeBackend.subjectOf('wechat', 'acc-jd-dev')) },
  play: async ({ canvasElement }) => {
    await signedIn(canvasElement);
  },
};

export const JdPhone: Story = {
  name: 'JD: first WeChat login, "Hi, nickname", verify a phone (agreements here)',
  parameters: { fake: arriveFrom('wechat', undefined, '小云') },
  play: async ({ canvasElement }) => {
    await find(await profile(canvasElement), 'cloud-phone-input');
  },
};

export const JdPhoneError: Story = {
  name: 'JD: first WeChat login, error, wrong code',
  parameters: { fake: arriveFrom('wechat') },
  play: async ({ canvasElement }) => {
    const form = await profile(canvasElement);
    await fillPhone(form, PHONES.shared);
    await sendCode(form);
    await fillCode(form, '654321');
    await acceptAgreements(form);
    await submit(form);
    await anyError(form);
  },
};

export const JdChoose: Story = {
  name: 'JD: "Hi, nickname", bind one of the phone’s accounts, or create one',
  parameters: { fake: arriveFrom('wechat', undefined, '小云') },
  play: async ({ canvasElement }) => {
    await phoneStep(canvasElement, PHONES.shared);
    await find(canvasElement, 'cloud-account-chooser');
  },
};

export const JdAlreadyBound: Story = {
  name: 'JD: error, that account has another WeChat',
  parameters: { fake: arriveFrom('wechat') },
  play: async ({ canvasElement }) => {
    await phoneStep(canvasElement, PHONES.shared);
    await click(canvasElement, '[part~="account"]');
    await anyError(canvasElement);
  },
};

export const JdLegacyRefused: Story = {
  name: 'JD: error, an older JD account must upgrade before binding',
  parameters: { fake: arriveFrom('qq') },
  play: async ({ canvasElement }) => {
    await phoneStep(canvasElement, PHONES.single);
    await click(canvasElement, '[part~="account"]');
    await anyError(canvasElement);
  },
};

export const JdCreate: Story = {
  name: 'JD: "create a new account" beside the phone’s: created at once, signed in',
  parameters: { fake: arriveFrom('wechat') },
  play: async ({ canvasElement }) => {
    await phoneStep(canvasElement, PHONES.shared);
    await click(canvasElement, '[part~="create"]');
    await signedIn(canvasElement);
  },
};

export const JdCreated: Story = {
  name: 'JD: a phone without accounts: an account created automatically, signed in (002)',
  parameters: { fake: arriveFrom('wechat', undefined, '小云') },
  play: async ({ canvasElement }) => {
    await phoneStep(canvasElement, PHONES.fresh);
    await signedIn(canvasElement);
  },
};

export const JdLegacyUpgrade: Story = {
  name: 'JD login of an older account: offer to upgrade',
  parameters: { fake: arriveFrom('jd', FakeBackend.subjectOf('jd', 'acc-jd-legacy')) },
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cloud-legacy-upgrade');
  },
};

// --- QingCloud -------------------------------------------------------------------------------

export const QingBind: Story = {
  name: 'QingCloud: first WeChat login, bound to the phone’s account',
  args: { provider: 'qingcloud' },
  parameters: { fake: arriveFrom('wechat') },
  play: async ({ canvasElement }) => {
    await phoneStep(canvasElement, PHONES.single);
    await signedIn(canvasElement);
  },
};

export const QingNoAccount: Story = {
  name: 'QingCloud: error, no account uses this phone',
  args: { provider: 'qingcloud' },
  parameters: { fake: arriveFrom('wechat') },
  play: async ({ canvasElement }) => {
    const form = await phoneStep(canvasElement, PHONES.fresh);
    await anyError(form);
  },
};

// --- Tencent Cloud ---------------------------------------------------------------------------

export const TencentLimit: Story = {
  name: 'Tencent: error, five accounts on this phone already',
  args: { provider: 'tencentcloud' },
  parameters: { fake: arriveFrom('wechat') },
  play: async ({ canvasElement }) => {
    const form = await phoneStep(canvasElement, PHONES.shared);
    await anyError(form);
  },
};

export const TencentEmail: Story = {
  name: 'Tencent: first WeChat login, email',
  args: { provider: 'tencentcloud' },
  parameters: { fake: arriveFrom('wechat') },
  play: async ({ canvasElement }) => {
    await phoneStep(canvasElement, PHONES.fresh);
    await find(await profile(canvasElement), 'input#email');
  },
};

export const TencentIndustry: Story = {
  name: 'Tencent: first QQ login, industry and agreements',
  args: { provider: 'tencentcloud' },
  parameters: { fake: arriveFrom('qq') },
  play: async ({ canvasElement }) => {
    await phoneStep(canvasElement, PHONES.fresh);
    await find(await profile(canvasElement), 'select#industry');
  },
};

// --- JD Cloud classic ------------------------------------------------------------------------

export const ClassicService: Story = {
  name: 'JD classic: first JD login, enable service',
  args: { provider: 'jdcloud-classic' },
  parameters: { fake: arriveFrom('jd') },
  play: async ({ canvasElement }) => {
    await find(await profile(canvasElement), 'input#recommendationCode');
  },
};

export const ClassicServiceErrors: Story = {
  name: 'JD classic: enable service, errors',
  args: { provider: 'jdcloud-classic' },
  parameters: { fake: arriveFrom('jd') },
  play: async ({ canvasElement }) => {
    const form = await profile(canvasElement);
    await fill(form, 'input#recommendationCode', 'no spaces!');
    await submit(form);
    await anyError(form);
  },
};

// --- Failures at the provider ----------------------------------------------------------------

export const ProviderError: Story = {
  name: 'Error handed back by the provider (#cl_error=…)',
  parameters: {
    fake: backend({
      setup: (fake) => {
        sessionStorage.setItem(
          'cloud-login:connection',
          JSON.stringify({ idp: 'wechat', api: fake.baseUrl, secret: 'story-flow-secret' }),
        );
        location.hash = 'cl_error=already_bound';
      },
    }),
  },
  play: async ({ canvasElement }) => {
    await anyError(canvasElement);
  },
};
