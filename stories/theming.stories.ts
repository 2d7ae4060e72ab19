import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { PROVIDERS, clientFor, type Ctx } from './support/story.ts';
import { fill, find } from './support/play.ts';
import { anyError, scope, selectTabIfAny, submit } from './support/flows.ts';

/**
 * How a site restyles the elements: `--cloud-*` custom properties for the look (inherited
 * through shadow roots), `::part()` for anything else, and `theme="dark"` (or the page's
 * `prefers-color-scheme`) for the dark scheme.
 */
const meta = {
  title: 'Theming/Site styles',
  parameters: {
    wide: true,
    docs: {
      description: {
        component:
          'A site restyles the elements with `--cloud-*` custom properties (brand, surface, text, border, radius, font…) and `::part()` (`base`, `heading`, `tab`, `tab-selected`, `form`, `input`, `submit`, …). `theme="dark"` (or the page’s `prefers-color-scheme`) switches to the dark scheme; each preset brings its own brand colour, nudged to AA contrast.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const login = (context: Ctx, provider: string, theme?: 'dark') =>
  html`<cloud-login provider=${provider} theme=${ifDefined(theme)} .config=${{ client: clientFor({ ...context, args: { provider } } as Ctx) }}></cloud-login>`;
const register = (context: Ctx, provider: string, theme?: 'dark') =>
  html`<cloud-register provider=${provider} theme=${ifDefined(theme)} .config=${{ client: clientFor({ ...context, args: { provider } } as Ctx) }}></cloud-register>`;

export const PresetLooks: Story = {
  name: 'Each preset’s brand look',
  render: (_args, context) => html`<div class="cl-grid">
    ${PROVIDERS.map((p) => html`<section aria-label=${p}><h2>${p}</h2>${login(context, p)}</section>`)}
  </div>`,
};

export const DarkMode: Story = {
  name: 'Dark mode, every preset',
  parameters: { theme: 'dark' },
  render: (_args, context) => html`<div class="cl-grid">
    ${PROVIDERS.map((p) => html`<section aria-label=${p}><h2>${p}</h2>${login(context, p, 'dark')}</section>`)}
  </div>`,
};

// One registration at a time: several on one page would be form landmarks with the same name.
export const DarkModeRegister: StoryObj<{ provider: string }> = {
  name: 'Dark mode, registration',
  parameters: { theme: 'dark' },
  argTypes: { provider: { control: { type: 'select' }, options: PROVIDERS } },
  args: { provider: 'jdcloud-classic' },
  render: (args, context) => register(context, args.provider, 'dark'),
};

export const DarkModeErrors: Story = {
  name: 'Dark mode with errors shown',
  parameters: { theme: 'dark' },
  render: (_args, context) => html`${login(context, 'jdcloud', 'dark')}`,
  play: async ({ canvasElement }) => {
    await selectTabIfAny(canvasElement, 'password');
    const form = await scope(canvasElement, 'cloud-password-login');
    await fill(form, 'input#identifier', 'cloud-dev');
    await fill(form, 'cloud-password-field', 'wrong-password');
    await submit(form);
    await anyError(form);
  },
};

// A site's own design: what an "Acme" console would put in its stylesheet.
const acme = html`<style>
  .acme {
    --cloud-brand: #5b21b6;
    --cloud-brand-contrast: #ffffff;
    --cloud-brand-text: #5b21b6;
    --cloud-focus-ring: #c026d3;
    --cloud-surface: #fdfcff;
    --cloud-text: #1e1b2e;
    --cloud-muted-text: #4c4766;
    --cloud-border-color: #6b6490;
    --cloud-field-bg: #ffffff;
    --cloud-radius: 10px;
    --cloud-font: Georgia, 'Songti SC', serif;
    --cloud-max-width: 24rem;
  }
  .acme cloud-login::part(base),
  .acme cloud-register::part(base) {
    border: none;
    box-shadow: 0 10px 30px rgb(40 20 90 / 18%);
  }
  .acme cloud-login::part(heading),
  .acme cloud-register::part(heading) {
    font-size: 1.5rem;
    letter-spacing: 0.02em;
  }
  .acme cloud-login::part(tab-selected) {
    border-bottom-width: 4px;
  }
  .acme cloud-register::part(submit) {
    text-transform: uppercase;
    letter-spacing: 0.06em;
  }
  .acme-dark {
    --cloud-brand: #c4b5fd;
    --cloud-brand-contrast: #1e1b2e;
    --cloud-brand-text: #c4b5fd;
    --cloud-focus-ring: #f0abfc;
    --cloud-surface: #1e1b2e;
    --cloud-text: #f1effa;
    --cloud-muted-text: #c9c4e0;
    --cloud-border-color: #9d96c2;
    --cloud-field-bg: #2a2640;
  }
</style>`;

export const SiteOverrides: Story = {
  name: 'A site’s --cloud-* tokens and ::part() rules',
  render: (_args, context) => html`${acme}
    <div class="acme cl-grid">${login(context, 'qingcloud')} ${register(context, 'jdcloud')}</div>`,
};

export const SiteOverridesDark: Story = {
  name: 'A site’s tokens in dark mode',
  parameters: { theme: 'dark' },
  render: (_args, context) => html`${acme}
    <div class="acme acme-dark cl-grid">${login(context, 'qingcloud', 'dark')} ${register(context, 'jdcloud', 'dark')}</div>`,
};

export const SiteOverridesErrors: Story = {
  name: 'A site’s tokens with errors shown',
  render: (_args, context) => html`${acme}
    <div class="acme cl-grid">${register(context, 'jdcloud')}</div>`,
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cloud-register');
    const form = await scope(canvasElement, 'cloud-register');
    await submit(form);
    await anyError(form);
  },
};
