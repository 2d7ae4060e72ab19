/**
 * What the `<cloud-login>` story files share (login*.stories.ts): the element as a story renders
 * it, the base of their `meta`, and the steps their play functions repeat.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import type { PresetOverrides } from '@cloud-login/core';
import type { StringOverrides as SiteStrings } from '../../packages/elements/src/shared/config.ts';
import { clientFor, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './story.ts';
import { fill, find } from './play.ts';
import { fillCode, fillPhone, scope, selectTab, selectTabIfAny, sendCode, submit } from './flows.ts';
import { FAKE_PASSWORD } from './fake-backend.ts';

export interface LoginArgs extends CommonArgs {
  methods?: string;
  returnTo?: string;
  overrides?: PresetOverrides;
  strings?: SiteStrings;
}

const EVENTS = ['cloud-login-success', 'cloud-step-change', 'cloud-error'];

export const renderLogin = (args: LoginArgs, context: Ctx) => html`<cloud-login
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  methods=${ifDefined(args.methods)}
  return-to=${ifDefined(args.returnTo)}
  .config=${{ client: clientFor(context), overrides: args.overrides }}
  .strings=${args.strings}
  @cloud-login-success=${(event: Event) => event.preventDefault() /* stay on the story */}
></cloud-login>`;

/** Everything of a login story file's `meta` but its `title` and `component` (which Storybook reads as written). */
export const loginMeta = {
  render: renderLogin,
  decorators: [withActions],
  args: { provider: 'jdcloud' },
  argTypes: {
    ...commonArgTypes,
    methods: { control: 'text', description: 'Subset and order of the preset’s methods' },
  },
  parameters: { actions: { handles: EVENTS } },
} satisfies Meta<LoginArgs>;

export const panel = (root: HTMLElement, tag: string) => scope(root, tag);

export async function passwordLogin(
  root: HTMLElement,
  identifier: string,
  password = FAKE_PASSWORD,
  send = true,
) {
  await selectTabIfAny(root, 'password');
  const form = await panel(root, 'cloud-password-login');
  await fill(form, 'input#identifier', identifier);
  await fill(form, 'cloud-password-field', password);
  if (send) await submit(form);
  return form;
}

export async function smsLogin(root: HTMLElement, phone: string, code?: string) {
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

export const signedIn = (root: HTMLElement) => find(root, '[part~="done"]');
export const chooser = (root: HTMLElement) => find(root, 'cloud-account-chooser');
