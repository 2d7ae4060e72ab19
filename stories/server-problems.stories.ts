import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { find } from './support/play.ts';

/**
 * What `<cloud-login>` shows when its `api` cannot serve it: these stories use a real `api`
 * attribute (not the fake backend), whose `GET /config` each story's `beforeEach` makes fail
 * through the page's `fetch`.
 */
interface Args {
  locale: 'en' | 'zh-CN';
}

type Fate = (init?: RequestInit) => Promise<Response>;

/** `beforeEach` that answers the page's requests to the story's api with `fate`, for the story's length. */
const failing = (fate: Fate) => () => {
  const real = window.fetch;
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.includes('/problem-api/')
      ? fate(init ?? { mode: (input as Request).mode })
      : real(input, init);
  }) as typeof fetch;
  return () => void (window.fetch = real);
};

let n = 0;
const meta = {
  title: 'Flows/cloud-login/Server problems',
  component: 'cloud-login',
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] } },
  // A fresh api base per render: the config is read once per base and page.
  render: (args) =>
    html`<cloud-login provider="qingcloud" locale=${args.locale} api=${`https://auth${++n}.example/problem-api/qingcloud`}></cloud-login>`,
  play: async ({ canvasElement }) => {
    await find(canvasElement, '[part=load-failed] [role=alert]');
  },
  parameters: {
    docs: {
      description: {
        component:
          'A page whose `api` is wrong, whose server is down, or whose server refuses its origin (CORS) gets the cause and “Try again” instead of a form; the console says how to fix it (`ALLOWED_ORIGINS`, the `api` attribute).',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

/** 404 (or anything that is not a config): no sign-in service at this address. */
export const WrongApi: Story = {
  beforeEach: failing(() =>
    Promise.resolve(
      new Response('<h1>Not Found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } }),
    ),
  ),
};

/** Neither the config nor a `no-cors` probe gets through. */
export const Unreachable: Story = {
  beforeEach: failing(() => Promise.reject(new TypeError('Failed to fetch'))),
};

/** The config fails but a `no-cors` probe answers: the server is there and refuses this origin. */
export const OriginRefused: Story = {
  beforeEach: failing((init) =>
    init?.mode === 'no-cors'
      ? Promise.resolve(new Response(null))
      : Promise.reject(new TypeError('Failed to fetch')),
  ),
};

export const OriginRefusedChinese: Story = { ...OriginRefused, args: { locale: 'zh-CN' } };
