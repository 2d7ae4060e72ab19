import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { loginParts } from '../packages/elements/src/flows/login/login.ts';
import {
  defineLoginMethod,
  loginMethod,
  type LoginMethodDefinition,
} from '../packages/elements/src/flows/login/methods/index.ts';
import { click, find } from './support/play.ts';
import { selectTab } from './support/flows.ts';
import { PHONES } from './support/fake-backend.ts';
import { loginMeta, panel, passwordLogin, type LoginArgs } from './support/login.ts';

/**
 * A tab's panel and the account chooser are chunks `<cloud-login>` loads when it shows them. Here
 * the chunk never comes (the placeholder, `aria-busy`) or cannot be fetched ("try again"): the
 * story gives the part another loader until it ends. Not on the docs page, where every story
 * renders at once and would share the swapped loader.
 */
const meta = {
  title: 'Flows/cloud-login/Parts loaded on demand',
  component: 'cloud-login',
  tags: ['!autodocs'],
  ...loginMeta,
} satisfies Meta<LoginArgs>;
export default meta;
type Story = StoryObj<LoginArgs>;

type Load = () => Promise<unknown>;
const pending: () => Load = () => () => new Promise(() => {});
const unreachable: () => Load = () => () =>
  Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
/** Fails once, then loads (the module is in the page already): "try again" works. */
const flaky: () => Load = () => {
  let calls = 0;
  return () =>
    calls++ === 0
      ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
      : Promise.resolve();
};

/** `beforeEach` that gives method `id`'s panel the loader `make()` makes, for the story's length. */
const panelLoad = (id: string, make: () => Load) => () => {
  const original = loginMethod(id)!;
  defineLoginMethod({ ...original, load: make() } as LoginMethodDefinition);
  return () => defineLoginMethod(original);
};

const chooserLoad = (make: () => Load) => () => {
  const original = loginParts.chooser;
  loginParts.chooser = make();
  return () => {
    loginParts.chooser = original;
  };
};

const retryShown = (root: HTMLElement) => find(root, '[part="retry"]');

export const SmsPanelLoading: Story = {
  name: 'SMS tab: its panel loading',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: panelLoad('sms', pending),
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    await find(canvasElement, '#panel-sms[aria-busy="true"] [part="loading"]');
  },
};

export const SmsPanelLoadFailed: Story = {
  name: 'SMS tab: its panel could not be loaded',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: panelLoad('sms', unreachable),
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    await retryShown(canvasElement);
  },
};

export const SmsPanelRetried: Story = {
  name: 'SMS tab: loaded on “try again”',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: panelLoad('sms', flaky),
  play: async ({ canvasElement }) => {
    await selectTab(canvasElement, 'sms');
    await click(canvasElement, '[part="retry"]');
    await panel(canvasElement, 'cloud-sms-login');
  },
};

export const ChooserPartLoading: Story = {
  name: 'Account chooser: its code loading',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: chooserLoad(pending),
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await find(canvasElement, '[part="loading"][aria-busy="true"]');
  },
};

export const ChooserPartLoadFailed: Story = {
  name: 'Account chooser: its code could not be loaded',
  tags: ['!autodocs'],
  args: { provider: 'qingcloud' },
  beforeEach: chooserLoad(unreachable),
  play: async ({ canvasElement }) => {
    await passwordLogin(canvasElement, PHONES.shared);
    await retryShown(canvasElement);
  },
};
