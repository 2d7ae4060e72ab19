import { expect, fixture, html } from '@open-wc/testing';
import { placeholdersOf } from '@cloud-login/core/messages/index';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';
import {
  addMessages,
  codeMessage,
  isLoaded,
  isLocaleLoaded,
  loadLocale,
  messageForError,
  translator,
} from './index.ts';
import '../flows/login/cloud-login.ts';
import type { CloudLogin } from '../flows/login/login.ts';
import { deep, settle } from '../test/helpers.ts';

describe('Chinese loads per locale', () => {
  it('a page starts with no texts: each locale’s base is a chunk of its own, loaded when an element asks for it', async () => {
    expect(isLocaleLoaded('en')).to.equal(false);
    expect(isLocaleLoaded('zh-CN')).to.equal(false);
    expect(isLocaleLoaded('zh-TW')).to.equal(false);
    // The keys are there before any text: a code the base knows is known in every locale.
    expect(isLoaded('invalid_code')).to.equal(true);
    const el = await fixture<CloudLogin>(html`<cloud-login locale="zh-TW"></cloud-login>`);
    expect(deep(el, 'h2').textContent!.trim()).to.equal('登入');
    expect(isLocaleLoaded('zh-TW')).to.equal(true);
    expect(isLocaleLoaded('zh-CN'), 'a zh-TW page does not download Simplified Chinese').to.equal(false);
    expect(isLocaleLoaded('en'), 'nor English').to.equal(false);
    expect(await loadLocale('en')).to.equal(true);
    expect(translator('en')('login.heading')).to.equal('Log in');
    expect(await loadLocale('zh-CN')).to.equal(true);
    expect(translator('zh-CN')('login.heading')).to.equal('登录');
  });
});

describe('element strings', () => {
  before(async () => {
    await loadLocale('en');
  });

  it('have the same keys and placeholders in en, zh-CN and zh-TW', () => {
    for (const [locale, table] of [
      ['zh-CN', zhCN],
      ['zh-TW', zhTW],
    ] as const) {
      expect(Object.keys(table).sort(), locale).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(placeholdersOf(table[key]), `${locale} ${key}`).to.deep.equal(placeholdersOf(en[key]));
        expect(table[key].trim(), `${locale} ${key}`).to.not.equal('');
      }
    }
  });

  it('of the catalogues that load with a chunk have the same keys and placeholders in en and zh-CN, and collide with nothing', async () => {
    const { MESSAGES } = await import('@cloud-login/core/messages/index');
    const { ELEMENT_CATALOGUES } = await import('../test/strings.ts');
    const seen = new Set<string>([...Object.keys(en), ...Object.keys(MESSAGES.en)]);
    for (const [name, tables] of Object.entries(ELEMENT_CATALOGUES).filter(([name]) => name !== 'base')) {
      const keys = Object.keys(tables.en);
      for (const locale of ['zh-CN', 'zh-TW'] as const)
        expect(Object.keys(tables[locale]).sort(), `${name} ${locale}`).to.deep.equal([...keys].sort());
      for (const key of keys) {
        const enText = (tables.en as Record<string, string>)[key]!;
        for (const locale of ['zh-CN', 'zh-TW'] as const) {
          const zhText = (tables[locale] as Record<string, string>)[key]!;
          expect(placeholdersOf(zhText), `${locale} ${key}`).to.deep.equal(placeholdersOf(enText));
          expect(zhText.trim(), `${locale} ${key}`).to.not.equal('');
          // Core's keys come with core's text.
          if (Object.hasOwn(MESSAGES.en, key))
            expect(zhText, key).to.equal(MESSAGES[locale][key as keyof typeof MESSAGES.en]);
        }
        // The elements' own keys are defined once.
        if (Object.hasOwn(MESSAGES.en, key)) {
          expect(enText, key).to.equal(MESSAGES.en[key as keyof typeof MESSAGES.en]);
        } else {
          expect(seen.has(key), `${key} is defined twice`).to.equal(false);
          seen.add(key);
        }
      }
    }
  });

  it('of core come with the catalogue of the code that shows them: every core part loads with some catalogue', async () => {
    const { MESSAGE_PARTS } = await import('@cloud-login/core/messages/index');
    const { EXTRA_MESSAGES } = await import('@cloud-login/core/messages/extra');
    const { ELEMENT_CATALOGUES } = await import('../test/strings.ts');
    const loadable = new Set(Object.values(ELEMENT_CATALOGUES).flatMap((c) => Object.keys(c.en)));
    for (const part of MESSAGE_PARTS.filter((p) => p !== EXTRA_MESSAGES)) {
      for (const key of Object.keys(part.en)) expect(loadable.has(key), key).to.equal(true);
    }
  });

  it('look up site overrides, then the elements’ strings, then core’s', async () => {
    await loadLocale('zh-CN');
    const t = translator('zh-CN', { 'zh-CN': { 'action.login': '进入控制台', 'login.methods': '方式' } });
    expect(t('action.login')).to.equal('进入控制台');
    expect(t('login.methods')).to.equal('方式');
    expect(t('login.otherMethods')).to.equal('其他登录方式');
    expect(t('invalid_credentials')).to.equal('账号或密码错误。');
    expect(t('login.signedIn', { name: 'alice' })).to.equal('已登录：alice');
  });

  it('know a catalogue that has not loaded only once it is added: until then a key is itself, a code the generic text', async () => {
    const { registerMessages } = await import('../flows/register/messages.ts');
    const t = translator('en');
    // This page loads <cloud-login>, which never shows registration.
    expect(isLoaded('registerMethod.email')).to.equal(false);
    expect(t('registerMethod.email')).to.equal('registerMethod.email');
    expect(codeMessage(t, 'agreements_required')).to.equal('Something went wrong. Please try again later.');
    expect(messageForError('en', { code: 'agreements_required', field: 'agreements' })).to.equal(
      'Something went wrong. Please try again later.',
    );
    addMessages(registerMessages);
    // 004: "Register with Email".
    expect(t('registerMethod.email')).to.equal('Register with email');
    expect(codeMessage(t, 'agreements_required')).to.equal(
      'Please read and accept the agreements to continue.',
    );
    expect(translator('zh-CN')('register.progress', { current: 1, total: 3 })).to.equal('第 1 步，共 3 步');
    expect(translator('zh-TW')('register.heading')).to.equal('註冊');
  });

  it('give an unknown server code the generic message, not the raw code', () => {
    const t = translator('en');
    expect(codeMessage(t, 'brand_new_code')).to.equal('Something went wrong. Please try again later.');
    expect(codeMessage(t, 'rate_limited', { seconds: 30 })).to.equal('Too many requests. Try again in 30 s.');
  });
});

describe('locale resolution', () => {
  const heading = (el: CloudLogin) => deep(el, 'h2').textContent!.trim();
  let lang: string;
  beforeEach(() => {
    lang = document.documentElement.lang;
  });
  afterEach(() => {
    document.documentElement.lang = lang;
  });

  it('takes the locale attribute first', async () => {
    document.documentElement.lang = 'zh-CN';
    const el = await fixture<CloudLogin>(html`<cloud-login locale="en"></cloud-login>`);
    expect(heading(el)).to.equal('Log in');
  });

  it('then <html lang>, following changes to it', async () => {
    document.documentElement.lang = 'zh-Hans-CN';
    const el = await fixture<CloudLogin>(html`<cloud-login></cloud-login>`);
    expect(heading(el)).to.equal('登录');
    document.documentElement.lang = 'en-GB';
    await new Promise((r) => setTimeout(r, 0));
    await settle(el);
    expect(heading(el)).to.equal('Log in');
  });

  it('picks zh-TW for zh-Hant, zh-HK, zh-MO and zh-TW, and renders in Traditional Chinese', async () => {
    for (const tag of ['zh-Hant', 'zh-HK', 'zh-MO', 'zh-TW']) {
      document.documentElement.lang = tag;
      const el = await fixture<CloudLogin>(
        html`<cloud-login provider="jdcloud-classic" methods="password" register-href="/register"></cloud-login>`,
      );
      expect(heading(el), tag).to.equal('登入');
      const text = el.shadowRoot!.textContent!;
      expect(text, tag).to.include('立即註冊');
      expect(text, tag).to.include('忘記密碼？');
    }
    document.documentElement.lang = 'zh-SG';
    const simplified = await fixture<CloudLogin>(html`<cloud-login></cloud-login>`);
    expect(heading(simplified)).to.equal('登录');
  });

  it('then the browser’s languages (English in this test browser)', async () => {
    document.documentElement.removeAttribute('lang');
    const el = await fixture<CloudLogin>(html`<cloud-login locale="fr"></cloud-login>`);
    const expected = navigator.languages.some((l) => /^zh(-cn|-sg|-hans)?/i.test(l)) ? '登录' : 'Log in';
    expect(heading(el)).to.equal(expected);
  });
});
