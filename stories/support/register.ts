/**
 * What the `<cloud-register>` story files share (register*.stories.ts): the element as a story
 * renders it, the base of their `meta`, and the steps their play functions repeat.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import type { PresetOverrides } from '@cloud-login/core';
import { clientFor, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './story.ts';
import { deep, find } from './play.ts';
import { acceptAgreements, fillCode, fillPhone, scope, sendCode, submit } from './flows.ts';

export interface RegisterArgs extends CommonArgs {
  methods?: string;
  returnTo?: string;
  overrides?: PresetOverrides;
}

const EVENTS = ['cloud-register-success', 'cloud-step-change', 'cloud-error'];

export const renderRegister = (args: RegisterArgs, context: Ctx) => html`<cloud-register
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  methods=${ifDefined(args.methods)}
  return-to=${ifDefined(args.returnTo)}
  .config=${{ client: clientFor(context), overrides: args.overrides }}
  @cloud-register-success=${(event: Event) => event.preventDefault() /* stay on the story */}
></cloud-register>`;

/** Everything of a registration story file's `meta` but its `title` and `component` (which Storybook reads as written). */
export const registerMeta = {
  render: renderRegister,
  decorators: [withActions],
  args: { provider: 'jdcloud' },
  argTypes: { ...commonArgTypes, methods: { control: 'text' } },
  parameters: { actions: { handles: EVENTS } },
} satisfies Meta<RegisterArgs>;

export const root = async (canvas: HTMLElement) => scope(canvas, 'cloud-register');
/** Waits for the step whose title id is `step.<id>` to show, by its field. */
export const stepWith = (canvas: ParentNode, selector: string) => find(canvas, selector);
export const done = (canvas: ParentNode) => find(canvas, '[part~="done"]');

/** Phone, code and agreements, then "next" (each part can be left out). */
export async function phoneStep(
  form: ShadowRoot,
  phone: string,
  { code = '123456', agree = true, send = true } = {},
) {
  await fillPhone(form, phone);
  await sendCode(form);
  if (code) await fillCode(form, code);
  if (agree && deep(form, 'cloud-agreements')) await acceptAgreements(form);
  if (send) await submit(form);
}
