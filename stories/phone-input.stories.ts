import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { messageForCode } from '@cloud-login/core/messages/index';
import type { CloudPhoneInput } from '../packages/elements/src/blocks/phone-input/phone-input.ts';
import { PROVIDERS, commonArgTypes, localeOf, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { click, deep, errorShown, fill, inputOf, settle, type, waitFor } from './support/play.ts';
import { PHONES } from './support/fake-backend.ts';

interface Args extends CommonArgs {
  value: string;
  region?: string;
  label?: string;
  hint?: string;
  error: string;
  required: boolean;
  disabled: boolean;
}

const render = (args: Args, context: Ctx) => html`<cloud-phone-input
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  .value=${args.value}
  region=${ifDefined(args.region)}
  label=${ifDefined(args.label)}
  hint=${ifDefined(args.hint)}
  .error=${args.error}
  ?required=${args.required}
  ?disabled=${args.disabled}
></cloud-phone-input>`;

/** Waits for the region metadata (loaded on demand, per preset) and the formatted value. */
async function ready(canvasElement: HTMLElement): Promise<CloudPhoneInput[]> {
  const inputs = [...canvasElement.querySelectorAll<CloudPhoneInput>('cloud-phone-input')];
  await Promise.all(inputs.map((input) => input.ready));
  await settle(canvasElement);
  return inputs;
}

async function validate(canvasElement: HTMLElement): Promise<void> {
  const [input] = await ready(canvasElement);
  await input!.validate();
  await errorShown(canvasElement);
}

const meta = {
  title: 'Blocks/cloud-phone-input',
  component: 'cloud-phone-input',
  render,
  args: { provider: 'jdcloud', value: '', error: '', required: true, disabled: false },
  argTypes: { ...commonArgTypes },
  play: ({ canvasElement }) => ready(canvasElement).then(() => undefined),
  parameters: {
    docs: {
      description: {
        component:
          'A phone field whose compact region picker (“+86 ▾”) offers only the preset’s regions (one region shows as a fixed prefix) in a searchable list loaded on first use: type to filter by name, ISO code or calling code, arrows to move, Enter to pick, Escape to close. It formats as the user types and validates with libphonenumber-js. Its `value` is E.164 once valid.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};

export const Filled: Story = { args: { value: PHONES.shared } };

export const Typing: Story = {
  name: 'Typing (formats as you type)',
  play: async ({ canvasElement }) => {
    const [input] = await ready(canvasElement);
    await fill(canvasElement, 'cloud-phone-input', '13800138000');
    await waitFor(() => input!.value === PHONES.shared, 'the E.164 value');
  },
};

export const RequiredError: Story = {
  name: 'Error: required',
  play: ({ canvasElement }) => validate(canvasElement),
};

export const InvalidError: Story = {
  name: 'Error: not a valid number',
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
    await fill(canvasElement, 'cloud-phone-input', '12345');
    await validate(canvasElement);
  },
};

export const RegionNotAllowedError: Story = {
  name: 'Error: region not allowed (mainland only)',
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
    await fill(canvasElement, 'cloud-phone-input', PHONES.hongKong);
    await validate(canvasElement);
  },
};

export const ServerError: Story = {
  name: 'Error from the server (account limit)',
  args: { provider: 'tencentcloud', value: PHONES.shared },
  render: (args, context) =>
    render(
      { ...args, error: messageForCode(localeOf(context), 'phone_account_limit', { count: 5 }) },
      context,
    ),
};

export const FourRegions: Story = {
  name: 'Region picker: mainland, Hong Kong, Macao, Taiwan (JD classic)',
  args: { provider: 'jdcloud-classic', value: PHONES.hongKong },
};

/** Opens the region picker and, with `search`, types it into the picker's search box. */
async function openPicker(canvasElement: HTMLElement, search = ''): Promise<void> {
  await ready(canvasElement);
  await click(canvasElement, 'button#region');
  await waitFor(() => deep(canvasElement, 'cloud-region-list'), 'the region list');
  if (search) await type(await inputOf(canvasElement, 'cloud-region-list'), search);
  await settle(canvasElement);
}

// The picker's states move focus into its search box: not on docs pages. Room below the field
// for the list, which lies over what follows it.
const withRoom = (args: Args, context: Ctx) =>
  html`<div style="min-height: 22rem">${render(args, context)}</div>`;

export const PickerOpen: Story = {
  name: 'Region picker: open (searchable list)',
  args: { provider: 'jdcloud-classic' },
  tags: ['!autodocs'],
  render: withRoom,
  play: ({ canvasElement }) => openPicker(canvasElement),
};

export const PickerFiltered: Story = {
  name: 'Region picker: filtered ("hong")',
  args: { provider: 'tencentcloud' },
  tags: ['!autodocs'],
  render: withRoom,
  play: ({ canvasElement }) => openPicker(canvasElement, 'hong'),
};

export const PickerByCallingCode: Story = {
  name: 'Region picker: filtered by calling code ("+85")',
  args: { provider: 'tencentcloud', locale: 'zh-CN' },
  tags: ['!autodocs'],
  render: withRoom,
  play: ({ canvasElement }) => openPicker(canvasElement, '+85'),
};

export const PickerNothingFound: Story = {
  name: 'Region picker: nothing found',
  args: { provider: 'tencentcloud' },
  tags: ['!autodocs'],
  render: withRoom,
  play: ({ canvasElement }) => openPicker(canvasElement, 'zzzz'),
};

export const AnyRegion: Story = {
  name: 'Any region, steered to email outside the mainland (Tencent)',
  args: { provider: 'tencentcloud', value: PHONES.us },
};

export const DefaultPreset: Story = {
  name: 'Any region (default preset)',
  args: { provider: 'default', value: PHONES.us },
};

export const Disabled: Story = { args: { value: PHONES.shared, disabled: true } };

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
