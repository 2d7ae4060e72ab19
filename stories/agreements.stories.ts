import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { PresetOverrides } from '@cloud-login/core';
import type { CloudAgreements } from '../packages/elements/src/blocks/agreements/agreements.ts';
import { PROVIDERS, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { errorShown, find } from './support/play.ts';

interface Args extends CommonArgs {
  checked: boolean;
  label?: string;
  error: string;
  disabled: boolean;
  overrides?: PresetOverrides;
}

const render = (args: Args, context: Ctx) => html`<cloud-agreements
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  .config=${args.overrides ? { overrides: args.overrides } : undefined}
  ?checked=${args.checked}
  label=${ifDefined(args.label)}
  .error=${args.error}
  ?disabled=${args.disabled}
></cloud-agreements>`;

const meta = {
  title: 'Blocks/cloud-agreements',
  component: 'cloud-agreements',
  render,
  args: { provider: 'jdcloud', checked: false, error: '', disabled: false },
  argTypes: { ...commonArgTypes },
  parameters: {
    docs: {
      description: {
        component:
          '“I have read and agree to …” with the preset’s agreement links (a site replaces them through `config.overrides.agreements`). Links open in a new tab. Renders nothing, and is always satisfied, when the preset has no agreements (`default`).',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const JdCloud: Story = { name: 'JD Cloud (two links)' };
export const JdCloudClassic: Story = {
  name: 'JD Cloud classic (three links)',
  args: { provider: 'jdcloud-classic' },
};
export const QingCloud: Story = { args: { provider: 'qingcloud' } };
export const TencentCloud: Story = { args: { provider: 'tencentcloud' } };

export const DefaultPreset: Story = {
  name: 'Default preset (nothing to accept)',
  args: { provider: 'default' },
  render: (
    args,
    context,
  ) => html`<p class="cl-note">The default preset has no agreements: the element renders nothing.</p>
    ${render(args, context)}`,
};

export const Checked: Story = { args: { checked: true } };

export const RequiredError: Story = {
  name: 'Error: not accepted',
  play: async ({ canvasElement }) => {
    const agreements = await find<CloudAgreements>(canvasElement, 'cloud-agreements');
    await agreements.updateComplete;
    agreements.validate();
    await errorShown(canvasElement);
  },
};

export const SiteLinks: Story = {
  name: 'A site’s own agreement links',
  args: {
    overrides: {
      agreements: [
        {
          id: 'terms',
          label: { en: 'Example Corp Terms', 'zh-CN': 'Example 公司条款' },
          href: 'https://example.com/terms',
        },
        {
          id: 'privacy',
          label: { en: 'Example Corp Privacy Notice', 'zh-CN': 'Example 公司隐私声明' },
          href: 'https://example.com/privacy',
        },
      ],
    },
  },
};

export const Disabled: Story = { args: { checked: true, disabled: true } };

export const AllPresets: Story = {
  name: 'Every preset',
  parameters: { wide: true },
  render: (args, context) => html`<div class="cl-grid">
    ${PROVIDERS.map(
      (provider) => html`<section aria-label=${provider}>
        <h2>${provider}</h2>
        ${render({ ...args, provider }, context)}
      </section>`,
    )}
  </div>`,
};
