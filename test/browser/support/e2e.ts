/**
 * Helpers for the end-to-end tests: the real elements against the real server that
 * `server-plugin.mjs` starts. Fields are found the way a person (or a screen reader) finds them
 * — by their visible, localised label — across the elements' nested shadow roots; codes and
 * links are read from the server's dev outbox. No fetch is mocked.
 */
import type { StringKey } from '@cloud-login/elements/i18n/index.ts';
import { allCodeText, allText } from '@cloud-login/elements/test/strings.ts';
import type { Locale } from './lane.ts';

// The helpers by subject, all importable from here.
export * from './lane.ts';
export * from './dom.ts';
export * from './steps.ts';
export * from './server.ts';
export * from './frames.ts';

// --- strings ---------------------------------------------------------------------------------

/**
 * The element's own text for `key` in `locale`, from every catalogue the elements render from —
 * without loading any into the page, so an element that forgot to load its strings still fails.
 */
export function text(locale: Locale, key: StringKey, params?: Record<string, string | number>): string {
  return allText(locale, key, params);
}

/** The localised message of a server error code or rule code. */
export function message(locale: Locale, code: string, params?: Record<string, string | number>): string {
  return allCodeText(locale, code, params);
}

/** A message with placeholders (`{seconds}`) as a pattern, for values the test cannot know. */
export function messagePattern(locale: Locale, code: string): RegExp {
  const template = message(locale, code);
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '\\d+');
  return new RegExp(escaped);
}

// --- unique test data --------------------------------------------------------------------------

const run = Math.floor(Math.random() * 900 + 100);
let counter = 0;
const next = () => `${run}${String(++counter).padStart(4, '0')}`.slice(-7);

export interface Phone {
  /** `+8613912345678` */
  e164: string;
  /** `13912345678`, as typed next to a fixed +86 prefix. */
  national: string;
}

/** A fresh mainland mobile number (valid for libphonenumber-js), unique in this page. */
export function newPhone(): Phone {
  const national = `139${next()}${Math.floor(Math.random() * 10)}`;
  return { national, e164: `+86${national}` };
}

export const newEmail = (tag: string): string =>
  `${tag}-${next()}-${Math.floor(Math.random() * 1e4)}@example.com`;
export const newAccountName = (tag: string): string => `${tag}_${next()}${Math.floor(Math.random() * 100)}`;
