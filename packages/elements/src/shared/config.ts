/**
 * The configuration every element reads: its own attributes first, then its `config` property,
 * then what an enclosing `<cloud-auth>` (or flow element) provides through `@lit/context`.
 */
import { createContext } from '@lit/context';
import type { CloudClient, Locale, PresetOverrides, ProviderId } from '@cloud-login/core';

/**
 * Site overrides of any string, core's messages and the elements' own UI strings alike, per
 * locale: `{ 'zh-CN': { 'login.submit': '进入控制台' }, en: { invalid_credentials: '…' } }`.
 */
export type StringOverrides = Partial<Record<Locale, Record<string, string>>>;

export interface CloudConfig {
  /** Preset id: `jdcloud`, `jdcloud-classic`, `qingcloud`, `tencentcloud` or `default`. */
  provider?: ProviderId;
  /** Base URL of the provider's API, e.g. `https://auth.example.com/api/jdcloud`. */
  api?: string;
  /** `en` or `zh-CN`; anything else resolves through the usual fallbacks. */
  locale?: string;
  /** Partial preset merged over the named one (agreement links, theme, methods…). */
  overrides?: PresetOverrides;
  /** String overrides per locale. */
  strings?: StringOverrides;
  /** A ready client (for a custom transport); otherwise one is made from `api`. */
  client?: CloudClient;
  /** Where to go after a successful sign-in or registration. */
  returnTo?: string;
  /** Login / register methods to show, a subset of the preset's, in this order. */
  methods?: string[];
}

export const cloudConfigContext = createContext<CloudConfig | undefined>(Symbol('cloud-config'));
