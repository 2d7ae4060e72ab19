/**
 * The bases a page loads per locale are generated from the catalogues
 * (scripts/locale-bases.mjs): they must say what the catalogues say, key for key.
 */
import { expect } from '@open-wc/testing';
import { en as coreEn } from '@cloud-login/core/messages/en';
import { zhCN as coreZhCN } from '@cloud-login/core/messages/zh-CN';
import { zhTW as coreZhTW } from '@cloud-login/core/messages/zh-TW';
import { values as enValues } from './base-en.ts';
import { keys } from './base-keys.ts';
import { values as zhCNValues } from './base-zh-CN.ts';
import { values as zhTWValues } from './base-zh-TW.ts';
import { BASE_KEYS, isLocaleLoaded, loadLocale, translator } from './index.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';

describe('generated bases', () => {
  it('keys: the English catalogues’ keys, in order (else run scripts/locale-bases.mjs)', () => {
    expect(keys).to.deep.equal(Object.keys({ ...coreEn, ...en }));
  });

  for (const [locale, values, tables] of [
    ['en', enValues, { ...coreEn, ...en }],
    ['zh-CN', zhCNValues, { ...coreZhCN, ...zhCN }],
    ['zh-TW', zhTWValues, { ...coreZhTW, ...zhTW }],
  ] as const) {
    it(`${locale}: the texts of the catalogues in the order of the base's keys (else run scripts/locale-bases.mjs)`, () => {
      const expected = BASE_KEYS.map((key) => (tables as Record<string, string>)[key]);
      expect(values).to.deep.equal(expected);
      expect(Object.keys(tables).sort()).to.deep.equal([...BASE_KEYS].sort());
    });
  }

  it('loading a locale gives every base key its text', async () => {
    expect(isLocaleLoaded('zh-TW')).to.equal(false);
    expect(await loadLocale('zh-TW')).to.equal(true);
    const t = translator('zh-TW');
    for (const key of BASE_KEYS)
      expect(t(key as 'login.heading'), key).to.equal(
        (zhTW as Record<string, string>)[key] ?? (coreZhTW as Record<string, string>)[key],
      );
  });
});
