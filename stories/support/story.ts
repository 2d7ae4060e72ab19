/**
 * What every story shares: the stage (page language, light/dark surface), one fake backend per
 * story and preset, and the configuration that hands the elements a client over that fake.
 */
import { html } from 'lit';
import type { Decorator, Loader, StoryContext } from '@storybook/web-components-vite';
import type { CloudClient, ProviderId } from '@cloud-login/core';
import { createFakeBackend, type FakeBackend, type FakeOptions } from './fake-backend.ts';

export const PROVIDERS: ProviderId[] = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];
export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;

/** `parameters.fake` of a story: how its backend starts. */
export interface FakeParameters {
  provider?: ProviderId;
  options?: Omit<FakeOptions, 'provider'>;
  /** Arranges answers before the element asks (`fake.failNext(…)`, `fake.hang(…)`). */
  setup?: (fake: FakeBackend, context: StoryContext) => void;
}

/** Types a story's `parameters.fake` (so `setup` gets a typed backend). */
export const backend = (parameters: FakeParameters): FakeParameters => parameters;

/** Args most stories take. */
export interface CommonArgs {
  provider?: ProviderId;
  locale?: string;
}

// `any`: each story file has its own args type.
export type Ctx = StoryContext<any>;

/** A fresh map per story render; the backends are made lazily, per preset, by `fakeFor`. */
export const fakeLoader: Loader = async () => ({ fakes: new Map<string, FakeBackend>() });

/** The story's fake backend for its current preset (a provider control change gets a new one). */
export function fakeFor(context: Ctx): FakeBackend {
  const params = (context.parameters.fake ?? {}) as FakeParameters;
  const provider = ((context.args as CommonArgs).provider ?? params.provider ?? 'default') as ProviderId;
  const loaded = context.loaded as { fakes?: Map<string, FakeBackend> };
  const fakes = (loaded.fakes ??= new Map());
  let fake = fakes.get(provider);
  if (!fake) {
    fake = createFakeBackend({ ...params.options, provider });
    params.setup?.(fake, context);
    fakes.set(provider, fake);
    // For poking at it from the browser console while designing.
    (globalThis as { fake?: FakeBackend }).fake = fake;
  }
  return fake;
}

const clients = new WeakMap<FakeBackend, CloudClient>();
/** The real core client over the story's fake transport. */
export function clientFor(context: Ctx): CloudClient {
  const fake = fakeFor(context);
  let client = clients.get(fake);
  if (!client) clients.set(fake, (client = fake.client()));
  return client;
}

/** `theme` for the elements under the current toolbar setting. */
export function themeOf(context: Ctx): 'dark' | undefined {
  return context.globals.theme === 'dark' ? 'dark' : undefined;
}

/**
 * The page the story renders on. The language goes on `<html lang>` (which elements without a
 * `locale` attribute follow, as on a customer's site); dark mode paints a dark page.
 */
export const stage: Decorator = (story, context) => {
  const locale = (context.globals.locale as string | undefined) ?? 'en';
  document.documentElement.lang = locale;
  const dark = context.globals.theme === 'dark' || context.parameters.theme === 'dark';
  return html`<div
    class="cl-stage"
    data-theme=${dark ? 'dark' : 'light'}
    ?data-wide=${!!context.parameters.wide}
    ?data-inline=${context.viewMode === 'docs'}
  >
    <div class="cl-frame">${story()}</div>
  </div>`;
};

/** The current story language (the toolbar's, or the story's `locale` arg). */
export function localeOf(context: Ctx): 'en' | 'zh-CN' {
  const wanted = (context.args as CommonArgs).locale ?? (context.globals.locale as string | undefined);
  return wanted === 'zh-CN' ? 'zh-CN' : 'en';
}

/** Controls every story has. */
export const commonArgTypes = {
  provider: { control: 'select', options: PROVIDERS, description: 'Preset id (`provider` attribute)' },
  locale: {
    control: 'select',
    options: [undefined, 'en', 'zh-CN'],
    description: '`locale` attribute; when empty the element follows `<html lang>` (the Locale toolbar)',
  },
} as const;
