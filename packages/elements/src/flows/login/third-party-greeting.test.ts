/**
 * JD Cloud's first WeChat login greets the person by the nickname WeChat gave (002: "京东云将获取你的
 * 微信昵称，用于在页面进行展示") and says the phone step finds their accounts or creates one (002).
 */
import { expect } from '@open-wc/testing';
import '../../index.ts';
import { deep, settle } from '../../test/helpers.ts';
import { firstForm, firstThenSignedIn, login, shown, stubOpen, until } from '../../test/third-party.ts';

describe('<cloud-login> third-party login: the nickname and the automatic account (seed 002)', () => {
  let stub: ReturnType<typeof stubOpen>;
  afterEach(() => stub?.restore());

  for (const [locale, greeting, intro] of [
    ['zh-CN', '你好，小明', '系统会查询您已注册的京东云账号，或为您自动创建一个京东云账号'],
    ['zh-TW', '你好，小明', '或為您自動建立一個京東雲帳號'],
    ['en', 'Hi, 小明', 'or create a JD Cloud account for you automatically'],
  ] as const) {
    it(`seed 002: greets by the WeChat nickname at the phone step and the chooser (${locale})`, async function () {
      this.timeout(15000);
      stub = stubOpen();
      const { el } = await login(
        'jdcloud',
        {
          'POST /continue': firstThenSignedIn({
            status: 'needs_profile',
            ticket: 't1',
            required: ['phone', 'code', 'agreements'],
            optional: [],
            nickname: '小明',
          }),
        },
        locale,
      );
      const form = await firstForm(el, stub, 'wechat');
      expect(deep(el, 'cloud-profile-form', '[part~=greeting]').textContent).to.equal(greeting);
      expect(shown(form)).to.contain(intro);
      // The agreements sit on this step: the account may be created without another one.
      expect(form.shadowRoot!.querySelector('cloud-agreements')).to.exist;
      await expect(el).to.be.accessible();

      // The chooser of the phone's accounts greets too.
      const later = el as unknown as { handleResult(result: unknown, method: string): Promise<void> };
      await later.handleResult(
        {
          status: 'choose_account',
          ticket: 't2',
          accounts: [{ id: 'a', label: 'al***e' }],
          createNew: true,
          nickname: '小明',
        },
        'wechat',
      );
      await until(() => !!el.shadowRoot!.querySelector('cloud-account-chooser'), 'the chooser');
      await settle(el);
      await (
        el.shadowRoot!.querySelector('cloud-account-chooser') as unknown as {
          updateComplete: Promise<unknown>;
        }
      ).updateComplete;
      expect(deep(el, 'cloud-account-chooser', '[part~=greeting]').textContent).to.equal(greeting);
      await expect(el).to.be.accessible();
    });
  }
});
