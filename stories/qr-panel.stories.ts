import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import type { QrStatus } from '@cloud-login/core';
import { backend, clientFor, commonArgTypes, themeOf, type CommonArgs, type Ctx } from './support/story.ts';
import { find, waitFor } from './support/play.ts';

interface Args extends CommonArgs {}

type Panel = HTMLElement & { state: { name: string }; updateComplete: Promise<unknown> };

const render = (args: Args, context: Ctx) => html`<cloud-qr-panel
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  .config=${{ client: clientFor(context) }}
></cloud-qr-panel>`;

/** Waits until the panel reaches `name` (the server's scripted answers come one per poll). */
async function reaches(canvasElement: HTMLElement, name: string): Promise<void> {
  const panel = await find<Panel>(canvasElement, 'cloud-qr-panel');
  await waitFor(() => panel.state?.name === name, `the "${name}" state`, 8000);
  await panel.updateComplete;
}

/** A story whose server answers the polls with `script`, ending in `state`. */
const scripted = (name: string, script: QrStatus[], state: string): Story => ({
  name,
  parameters: { fake: backend({ options: { qrScript: script } }) },
  play: ({ canvasElement }) => reaches(canvasElement, state),
});

const meta = {
  title: 'Blocks/cloud-qr-panel',
  component: 'cloud-qr-panel',
  render,
  decorators: [withActions],
  args: { provider: 'jdcloud' },
  argTypes: { ...commonArgTypes },
  parameters: {
    actions: { handles: ['cloud-login-success', 'cloud-error'] },
    docs: {
      description: {
        component:
          'App QR login: the QR the server renders, a countdown to its expiry, and its states — pending → scanned (“confirm on your phone”) → confirmed / denied / expired (“refresh”). The fake backend answers each poll from a script.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const Loading: Story = {
  name: 'Loading: asking for a QR',
  parameters: { fake: backend({ setup: (fake) => fake.hang('/qr') }) },
  play: ({ canvasElement }) => reaches(canvasElement, 'loading'),
};

export const Pending: Story = scripted(
  'Pending: waiting for a scan, with where to get the app (002)',
  ['pending'],
  'pending',
);
export const Scanned: Story = scripted('Scanned: confirm on your phone', ['scanned'], 'scanned');
export const Confirmed: Story = scripted('Confirmed: signed in', ['scanned', 'confirmed'], 'confirmed');
export const Denied: Story = scripted('Denied on the phone', ['scanned', 'denied'], 'denied');
export const Expired: Story = scripted('Expired: refresh', ['expired'], 'expired');

export const Failed: Story = {
  name: 'Error: could not get a QR',
  parameters: {
    fake: backend({ setup: (fake) => fake.failNext('/qr', 'rate_limited', { retryAfter: 60 }) }),
  },
  play: ({ canvasElement }) => reaches(canvasElement, 'failed'),
};
