import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import { clientFor, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';

interface Args extends CommonArgs {
  returnTo?: string;
}

const render = (args: Args, context: Ctx) => html`<cloud-auth
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  return-to=${ifDefined(args.returnTo)}
  .config=${{ client: clientFor(context) }}
>
  <div class="cl-grid">
    <cloud-login theme=${ifDefined(themeOf(context))} @cloud-login-success=${(e: Event) => e.preventDefault()}></cloud-login>
    <cloud-register theme=${ifDefined(themeOf(context))} @cloud-register-success=${(e: Event) => e.preventDefault()}></cloud-register>
  </div>
</cloud-auth>`;

const meta = {
  title: 'Config/cloud-auth',
  component: 'cloud-auth',
  render,
  decorators: [withActions],
  args: { provider: 'qingcloud' },
  argTypes: { ...commonArgTypes },
  parameters: {
    wide: true,
    actions: {
      handles: ['cloud-login-success', 'cloud-register-success', 'cloud-step-change', 'cloud-error'],
    },
    docs: {
      description: {
        component:
          'An optional wrapper that provides one configuration (provider, api, locale, overrides, strings, client) to every element inside it through `@lit/context`. Each element’s own attributes win.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const SharedConfiguration: Story = { name: 'One configuration for login and registration' };

export const LocaleFromWrapper: Story = {
  name: 'Locale set on the wrapper (zh-CN whatever the page says)',
  args: { provider: 'tencentcloud', locale: 'zh-CN' },
};

export const OwnAttributesWin: Story = {
  name: 'An element’s own attributes win over the wrapper',
  render: (args, context) => html`<cloud-auth provider="qingcloud" .config=${{ client: clientFor(context) }}>
    <div class="cl-grid">
      <section aria-label="inherits qingcloud">
        <h2>inherits <code>qingcloud</code></h2>
        <cloud-login theme=${ifDefined(themeOf(context))}></cloud-login>
      </section>
      <section aria-label="own provider default">
        <h2>own <code>provider="default"</code></h2>
        <cloud-login provider="default" theme=${ifDefined(themeOf(context))}></cloud-login>
      </section>
    </div>
  </cloud-auth>`,
};
