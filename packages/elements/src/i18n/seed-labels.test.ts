/**
 * Button and field labels in the seeds' own words (docs/sources.md), in every locale: each test
 * names the seed that says it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import type { AccountField, Locale, RegistrationFlow } from '@cloud-login/core';
import jdcloudClassic from '@cloud-login/core/presets/jdcloud-classic';
import '../auth/cloud-auth.ts';
import '../blocks/account-chooser/cloud-account-chooser.ts';
import '../flows/profile/index.ts';
import type { CloudAccountChooser } from '../blocks/account-chooser/account-chooser.ts';
import type { CloudProfileForm } from '../flows/profile/profile-form.ts';
import { formStepView } from '../flows/register/step-form.ts';
import { registerMessages } from '../flows/register/messages.ts';
import { accountMessages } from './account-messages.ts';
import { addMessages, loadLocale, translator } from './index.ts';
import { deep, fakeClient, settle } from '../test/helpers.ts';

async function profileForm(provider: string, locale: Locale, method: string, required: AccountField[]) {
  const { client } = fakeClient({});
  const auth = await fixture(
    html`<cloud-auth provider=${provider} locale=${locale} .config=${{ client }}>
      <cloud-profile-form ticket="t1" method=${method} .required=${required}></cloud-profile-form>
    </cloud-auth>`,
  );
  const el = auth.querySelector<CloudProfileForm>('cloud-profile-form')!;
  await settle(el);
  return el;
}

const submitText = (el: Element) => deep<HTMLButtonElement>(el, 'button[type=submit]').textContent!.trim();

describe('the seeds’ own labels', () => {
  it('002: an account offered to a third-party login says 「绑定并登录」 (綁定並登入, Bind and log in)', async function () {
    this.timeout(20000);
    const expected = { en: 'Bind and log in', 'zh-CN': '绑定并登录', 'zh-TW': '綁定並登入' } as const;
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      const el = await fixture<CloudAccountChooser>(
        html`<cloud-account-chooser locale=${locale} allow-create .accounts=${[{ id: 'a1', label: 'al***e' }]}></cloud-account-chooser>`,
      );
      await settle(el);
      const account = el.shadowRoot!.querySelector('[part~=account]')!;
      expect(account.querySelector('[part~=action]')!.textContent!.trim(), locale).to.equal(expected[locale]);
      if (locale === 'zh-TW') await expect(el).to.be.accessible();
    }
    // Choosing an account to log in to (no third-party login to bind) is a plain choice.
    const plain = await fixture<CloudAccountChooser>(
      html`<cloud-account-chooser locale="zh-CN" .accounts=${[{ id: 'a1', label: 'al***e' }]}></cloud-account-chooser>`,
    );
    await settle(plain);
    expect(plain.shadowRoot!.querySelector('[part~=action]')).to.equal(null);
  });

  it('003: the WeChat bind step (phone and code) is confirmed with 「确定」', async () => {
    const expected = { en: 'Confirm', 'zh-CN': '确定', 'zh-TW': '確定' } as const;
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      const el = await profileForm('qingcloud', locale, 'wechat', ['phone', 'code']);
      expect(submitText(el), locale).to.equal(expected[locale]);
    }
  });

  it('001: the JD account’s enable-service step is submitted with "Submit" (提交)', async () => {
    const expected = { en: 'Submit', 'zh-CN': '提交', 'zh-TW': '送出' } as const;
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      const el = await profileForm('jdcloud-classic', locale, 'jd', ['agreements', 'contactPhone']);
      expect(submitText(el), locale).to.equal(expected[locale]);
    }
  });

  it('001: registration calls the account name "User name", in the step title and the field, and ends with "Submit"', async () => {
    await Promise.all([loadLocale('zh-CN'), loadLocale('zh-TW')]);
    addMessages(registerMessages, accountMessages);
    const flow = jdcloudClassic.registration.phone as RegistrationFlow;
    const expected = {
      en: ['Set user name and password', 'Submit'],
      'zh-CN': ['设置用户名和密码', '提交'],
      'zh-TW': ['設定使用者名稱和密碼', '送出'],
    } as const;
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      const view = (index: number) => {
        const host = document.createElement('div');
        render(
          formStepView(
            {
              t: translator(locale),
              preset: jdcloudClassic,
              locale,
              methods: ['phone'],
              onKeyDown: () => {},
              select: () => {},
              back: () => {},
              busy: false,
              formError: '',
              renderField: () => html``,
              onSubmit: () => {},
            },
            flow,
            { method: 'phone', index },
          ),
          host,
        );
        return host;
      };
      expect(view(1).querySelector('[part~=step-title]')!.textContent!.trim(), locale).to.equal(
        expected[locale][0],
      );
      expect(view(2).querySelector('button[type=submit]')!.textContent!.trim(), locale).to.equal(
        expected[locale][1],
      );
    }
    const field = await profileForm('jdcloud-classic', 'en', 'jd', ['accountName']);
    expect(deep(field, 'label[for=accountName]').textContent!.trim()).to.equal('User name');
  });
});
