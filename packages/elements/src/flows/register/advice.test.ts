/**
 * The sources' advice in the registration form: beside the code (000) and above the first step
 * (004), in the three locales, and only where the preset's source gives it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../index.ts';
import type { CloudRegister } from './register.ts';
import { deep, fakeClient, settle, typeInto } from '../../test/helpers.ts';

const advice = (el: CloudRegister) =>
  [...el.shadowRoot!.querySelectorAll('[part=advice] p')].map((p) => p.textContent!.trim());

describe('<cloud-register> advice', () => {
  it('seed 000: the code field warns that a secondary number may miss the SMS or the call', async () => {
    const { client } = fakeClient({});
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="jdcloud" locale="zh-CN" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    typeInto(deep(el, '#accountName'), 'alice_1');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'Secret-12');
    deep<HTMLButtonElement>(el, 'button[type=submit]').click();
    await settle(el);
    const hint = deep(el, 'cloud-code-input', '[part~=hint]');
    expect(hint.textContent).to.contain('手机小号');
    expect(deep(el, 'cloud-code-input', 'input').getAttribute('aria-describedby')).to.contain('hint');
    await expect(el).to.be.accessible();
    // QingCloud's source gives no such advice.
    const qing = await fixture<CloudRegister>(
      html`<cloud-register provider="qingcloud" locale="zh-CN" .config=${{ client }}></cloud-register>`,
    );
    await settle(qing);
    expect(qing.shadowRoot!.querySelector('cloud-code-input')!.shadowRoot!.querySelector('[part~=hint]')).to
      .be.null;
  });

  it('seed 004: enterprise users are advised email or a WeChat Official Account, above the first step', async () => {
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="tencentcloud" locale="en"></cloud-register>`,
    );
    await settle(el);
    expect(advice(el)[0]).to.equal(
      'Enterprise users: we recommend registering with email or a WeChat Official Account.',
    );
    await expect(el).to.be.accessible();
    for (const provider of ['jdcloud', 'jdcloud-classic', 'qingcloud', 'default']) {
      const other = await fixture<CloudRegister>(
        html`<cloud-register provider=${provider} locale="en"></cloud-register>`,
      );
      await settle(other);
      expect(advice(other), provider).to.deep.equal([]);
    }
  });

  it('seed 004: users outside mainland China are advised to register with email, in three locales', async () => {
    const expected = {
      en: 'Users outside mainland China: we recommend registering with email.',
      'zh-CN': '非中国大陆用户建议使用邮箱注册。',
      'zh-TW': '非中國大陸用戶建議使用電子郵件註冊。',
    };
    for (const [locale, text] of Object.entries(expected)) {
      const el = await fixture<CloudRegister>(
        html`<cloud-register provider="tencentcloud" locale=${locale}></cloud-register>`,
      );
      await settle(el);
      expect(advice(el)[1], locale).to.equal(text);
    }
  });
});
