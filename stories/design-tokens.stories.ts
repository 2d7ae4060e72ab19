import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ProviderId } from '@cloud-login/core';
import { PROVIDERS, clientFor, themeOf, type Ctx } from './support/story.ts';

/**
 * The `--cloud-*` custom properties as live controls: each arg writes one token on the
 * elements' wrapper, which is exactly what a site's stylesheet does. An empty control leaves the
 * preset's own value.
 */
interface TokenArgs {
  provider: ProviderId;
  brand: string;
  brandText: string;
  focusRing: string;
  surface: string;
  text: string;
  mutedText: string;
  borderColor: string;
  fieldBg: string;
  error: string;
  radius: number;
  fontSize: number;
  gap: number;
  padding: number;
  maxWidth: number;
  font: string;
}

/** Which token each arg writes, and its unit. */
const TOKENS: { [K in Exclude<keyof TokenArgs, 'provider'>]: [string, string?] } = {
  brand: ['--cloud-brand'],
  brandText: ['--cloud-brand-text'],
  focusRing: ['--cloud-focus-ring'],
  surface: ['--cloud-surface'],
  text: ['--cloud-text'],
  mutedText: ['--cloud-muted-text'],
  borderColor: ['--cloud-border-color'],
  fieldBg: ['--cloud-field-bg'],
  error: ['--cloud-error'],
  radius: ['--cloud-radius', 'px'],
  fontSize: ['--cloud-font-size', 'px'],
  gap: ['--cloud-gap', 'rem'],
  padding: ['--cloud-padding', 'rem'],
  maxWidth: ['--cloud-max-width', 'rem'],
  font: ['--cloud-font'],
};

const FONTS = {
  'The preset’s': '',
  'System sans-serif with CJK': 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  'Serif (Georgia, Songti)': 'Georgia, "Songti SC", "Noto Serif CJK SC", serif',
  Monospace: 'ui-monospace, "SFMono-Regular", Menlo, monospace',
};

function tokenStyle(args: Partial<TokenArgs>): Record<string, string> {
  const style: Record<string, string> = {};
  for (const [arg, [token, unit]] of Object.entries(TOKENS)) {
    const value = args[arg as keyof typeof TOKENS];
    if (value === undefined || value === '') continue;
    style[token] = unit ? `${value}${unit}` : String(value);
  }
  return style;
}

const color = (description: string) => ({ control: { type: 'color' as const }, description });
const range = (description: string, min: number, max: number, step: number) => ({
  control: { type: 'range' as const, min, max, step },
  description,
});

const meta = {
  title: 'Theming/Design tokens',
  parameters: {
    wide: true,
    docs: {
      description: {
        component:
          'Every control writes one `--cloud-*` custom property on the wrapper around the elements, as a site’s stylesheet would; clear a control to get the preset’s own value back. The tokens inherit through the shadow roots, so one rule on a page styles every element under it.',
      },
    },
  },
  argTypes: {
    provider: { control: { type: 'select' }, options: PROVIDERS, description: 'The preset' },
    brand: color('`--cloud-brand`: buttons, selected tab, links'),
    brandText: color('`--cloud-brand-text`: brand-coloured text on the surface'),
    focusRing: color('`--cloud-focus-ring`: the focus outline'),
    surface: color('`--cloud-surface`: the card'),
    text: color('`--cloud-text`'),
    mutedText: color('`--cloud-muted-text`: hints and secondary links'),
    borderColor: color('`--cloud-border-color`: fields'),
    fieldBg: color('`--cloud-field-bg`: fields'),
    error: color('`--cloud-error`: messages'),
    radius: range('`--cloud-radius` (px)', 0, 24, 1),
    fontSize: range('`--cloud-font-size` (px)', 12, 20, 1),
    gap: range('`--cloud-gap` (rem)', 0.25, 2, 0.25),
    padding: range('`--cloud-padding` (rem)', 0, 3, 0.25),
    maxWidth: range('`--cloud-max-width` (rem)', 18, 40, 1),
    font: {
      control: { type: 'select' },
      options: Object.keys(FONTS),
      mapping: FONTS,
      description: '`--cloud-font`',
    },
  },
  args: { provider: 'jdcloud-classic' },
  render: (args, context: Ctx) => {
    const config = { client: clientFor(context) };
    const theme = themeOf(context);
    return html`<div class="cl-grid" style=${styleMap(tokenStyle(args))}>
      <cloud-login provider=${args.provider} theme=${ifDefined(theme)} .config=${config}></cloud-login>
      <cloud-register provider=${args.provider} theme=${ifDefined(theme)} .config=${config}></cloud-register>
    </div>`;
  },
} satisfies Meta<TokenArgs>;
export default meta;
type Story = StoryObj<TokenArgs>;

export const Live: Story = { name: 'Live tokens' };

export const Violet: Story = {
  name: 'A violet console, rounder',
  args: {
    brand: '#6b2bd9',
    brandText: '#5b21b6',
    focusRing: '#c026d3',
    radius: 12,
    font: 'System sans-serif with CJK',
  },
};

export const Compact: Story = {
  name: 'Compact and square',
  args: { radius: 0, fontSize: 13, gap: 0.5, padding: 0.75, maxWidth: 20 },
};
