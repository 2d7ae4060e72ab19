/**
 * Every string of every catalogue, for tests: core's whole catalogue, the elements' base and each
 * catalogue that loads with a chunk. Importing this registers nothing with the elements' lookup
 * (a catalogue module only exports its tables; an element adds them), so a test page still sees
 * exactly what its elements load themselves.
 */
import type { Locale } from '@cloud-login/core';
import { interpolate, type MessageParams } from '@cloud-login/core/messages/format';
import { MESSAGES } from '@cloud-login/core/messages/index';
import { accountMessages } from '../i18n/account-messages.ts';
import { en } from '../i18n/en.ts';
import type { StringKey } from '../i18n/index.ts';
import { passkeyMessages } from '../i18n/passkey-messages.ts';
import { passwordMessages } from '../i18n/password-messages.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { zhTW } from '../i18n/zh-TW.ts';
import { securityMessages } from '../flows/account-security/messages.ts';
import { profileMessages } from '../flows/profile/messages.ts';
import { qrPanelMessages } from '../blocks/qr-panel/messages.ts';
import { registerMessages } from '../flows/register/messages.ts';
import { agreementsMessages } from '../blocks/agreements/messages.ts';
import { challengeMessages } from '../blocks/code-input/challenge-messages.ts';
import { twoStepMessages } from '../flows/two-step/messages.ts';
import { contactMessages } from '../flows/account-security/contact-messages.ts';

/** The elements' catalogues by name: the base, then those that load with a chunk. */
export const ELEMENT_CATALOGUES = {
  base: { en, 'zh-CN': zhCN, 'zh-TW': zhTW },
  password: passwordMessages,
  account: accountMessages,
  register: registerMessages,
  agreements: agreementsMessages,
  profile: profileMessages,
  security: securityMessages,
  qrPanel: qrPanelMessages,
  challenge: challengeMessages,
  passkeys: passkeyMessages,
  twoStep: twoStepMessages,
  contact: contactMessages,
} as const;

export const ALL_STRINGS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: Object.assign({}, MESSAGES.en, ...Object.values(ELEMENT_CATALOGUES).map((c) => c.en)),
  'zh-CN': Object.assign({}, MESSAGES['zh-CN'], ...Object.values(ELEMENT_CATALOGUES).map((c) => c['zh-CN'])),
  'zh-TW': Object.assign({}, MESSAGES['zh-TW'], ...Object.values(ELEMENT_CATALOGUES).map((c) => c['zh-TW'])),
};

/** The text for `key` in `locale`, whether or not its catalogue has loaded in this page. */
export function allText(locale: Locale, key: StringKey, params?: MessageParams): string {
  return interpolate(ALL_STRINGS[locale][key] ?? key, params);
}

/** The message of a server or rule code, as the elements show it (an unknown code: the generic one). */
export function allCodeText(locale: Locale, code: string, params?: MessageParams): string {
  return allText(
    locale,
    (Object.hasOwn(ALL_STRINGS.en, code) ? code : 'unexpected_response') as StringKey,
    params,
  );
}

const KEYS = new Set(Object.keys(ALL_STRINGS.en));
/** Attributes whose value a person reads or hears. */
const READ_ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'heading',
  'hint',
];

/**
 * Catalogue keys that show as text in `root` (its text and the attributes people read, through
 * shadow roots): a key there is a string whose catalogue had not loaded when it rendered.
 */
export function rawKeysIn(root: Element): string[] {
  const found = new Set<string>();
  const check = (text: string | null) => {
    // Keys are made of word characters, dots and dashes; trailing ones are punctuation.
    for (const [token] of (text ?? '').matchAll(/\w[\w.-]*/g)) {
      const word = token.replace(/[.-]+$/, '');
      if (KEYS.has(word)) found.add(word);
    }
  };
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return check(node.textContent);
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'script') return;
      for (const name of READ_ATTRIBUTES) check(node.getAttribute(name));
      if (node.shadowRoot) node.shadowRoot.childNodes.forEach(visit);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return [...found].sort();
}
