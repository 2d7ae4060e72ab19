import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../index.ts';
import type { CloudLogin } from './login.ts';
import { apiError, authenticated, deep, fakeClient, settle, shown, typeInto } from '../../test/helpers.ts';

const tabNames = (el: CloudLogin) =>
  [...el.shadowRoot!.querySelectorAll('[role=tab]')].map((t) => t.id.replace('tab-', ''));

/** Shows the password tab (JD Cloud's second) as a person would, and waits for its panel to load. */
async function passwordPanel(el: CloudLogin): Promise<void> {
  el.shadowRoot!.querySelector<HTMLElement>('#tab-password[aria-selected=false]')?.click();
  await shown(el, 'cloud-password-login');
}

describe('<cloud-login>', () => {
  it('is accessible', async () => {
    const el = await fixture<CloudLogin>(html`<cloud-login provider="qingcloud" locale="en"></cloud-login>`);
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible in dark mode, in Chinese', async () => {
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="jdcloud" locale="zh-CN" theme="dark"></cloud-login>`,
    );
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('shows each preset’s working methods in the preset’s order', async () => {
    const cases: Record<string, string[]> = {
      jdcloud: ['qr', 'password'], // then JD and WeChat, as buttons
      'jdcloud-classic': [], // JD login (a button) and password: one tab, no tab list
      qingcloud: ['password', 'sms', 'subaccount'],
      tencentcloud: [],
      default: ['password', 'sms'],
    };
    for (const [provider, tabs] of Object.entries(cases)) {
      const el = await fixture<CloudLogin>(
        html`<cloud-login provider=${provider} locale="en"></cloud-login>`,
      );
      await settle(el);
      expect(tabNames(el), provider).to.deep.equal(tabs);
      // The first tab's panel loads at once; the others when they are shown.
      await shown(el, provider === 'jdcloud' ? 'cloud-qr-panel' : 'cloud-password-login');
    }
  });

  it('narrows the methods with the `methods` attribute', async () => {
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" methods="sms password"></cloud-login>`,
    );
    await settle(el);
    expect(tabNames(el)).to.deep.equal(['sms', 'password']);
  });

  it('shows IAM login as a link when the site configures its URL', async () => {
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" .config=${{ overrides: { iamLoginUrl: 'https://iam.example.com/login' } }}></cloud-login>`,
    );
    await settle(el);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part=link]')!;
    expect(link.href).to.equal('https://iam.example.com/login');
    expect(link.textContent!.trim()).to.equal('IAM user login');
  });

  it('moves between tabs with the arrow keys (ARIA tabs pattern)', async () => {
    const el = await fixture<CloudLogin>(html`<cloud-login provider="qingcloud" locale="en"></cloud-login>`);
    await settle(el);
    const first = deep(el, '#tab-password');
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await settle(el);
    const sms = deep(el, '#tab-sms');
    expect(sms.getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.activeElement === sms).to.equal(true);
    expect(deep(el, '#panel-sms').hidden).to.equal(false);
    expect(deep(el, '#panel-password').hidden).to.equal(true);
    sms.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await settle(el);
    expect(deep(el, '#tab-subaccount').getAttribute('aria-selected')).to.equal('true');
  });

  it('labels the identifier after the preset’s identifiers, in both locales', async () => {
    const jd = await fixture<CloudLogin>(html`<cloud-login provider="jdcloud" locale="zh-CN"></cloud-login>`);
    await passwordPanel(jd);
    expect(deep(jd, 'cloud-password-login', 'label[for=identifier]').textContent!.trim()).to.equal(
      '账号名/手机号/邮箱',
    );
    const tencent = await fixture<CloudLogin>(
      html`<cloud-login provider="tencentcloud" locale="en"></cloud-login>`,
    );
    await passwordPanel(tencent);
    expect(deep(tencent, 'cloud-password-login', 'label[for=identifier]').textContent!.trim()).to.equal(
      'Email',
    );
  });

  it('checks empty fields before sending, and ties the errors to the fields', async () => {
    const { client, calls } = fakeClient({});
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="jdcloud" locale="en" .config=${{ client }}></cloud-login>`,
    );
    await passwordPanel(el);
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    await settle(el);
    const input = deep<HTMLInputElement>(el, 'cloud-password-login', '#identifier');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const error = deep(el, 'cloud-password-login', '#identifier-error');
    expect(input.getAttribute('aria-describedby')).to.contain('identifier-error');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal('This field is required.');
    expect(
      calls.filter((c) => !c.path.startsWith('/qr')),
      'nothing sent (JD Cloud’s QR tab asks for its code)',
    ).to.have.length(0);
  });

  it('seed 000/002: shows identifier_not_loginable at the identifier, in the seed’s words, in three locales', async () => {
    for (const [locale, text] of [
      ['en', 'cannot log in'],
      ['zh-CN', '当前手机/邮箱不可用于登录'],
      ['zh-TW', '不可用於登入'],
    ]) {
      const { client } = fakeClient({ 'POST /sessions': () => apiError(403, 'identifier_not_loginable') });
      const el = await fixture<CloudLogin>(
        html`<cloud-login provider="jdcloud" locale=${locale!} .config=${{ client }}></cloud-login>`,
      );
      await passwordPanel(el);
      typeInto(deep(el, 'cloud-password-login', '#identifier'), 'someone@example.com');
      typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-1');
      const error = oneEvent(el, 'cloud-error');
      deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
      const event = await error;
      expect(event.detail.code).to.equal('identifier_not_loginable');
      await settle(el);
      expect(deep(el, 'cloud-password-login', '#identifier-error').textContent).to.contain(text);
    }
  });

  it('shows use_parent_login (legacy JD account) at the identifier as well', async () => {
    const { client } = fakeClient({ 'POST /sessions': () => apiError(403, 'use_parent_login') });
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="jdcloud" locale="en" .config=${{ client }}></cloud-login>`,
    );
    await passwordPanel(el);
    typeInto(deep(el, 'cloud-password-login', '#identifier'), 'old-jd-user');
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-1');
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    await oneEvent(el, 'cloud-error');
    await settle(el);
    expect(deep(el, 'cloud-password-login', '#identifier-error').textContent).to.contain('JD login');
    expect(deep(el, 'cloud-password-login', '[part=form-error]').textContent).to.equal('');
  });

  it('shows invalid_credentials for the form, and a rate limit with its seconds', async () => {
    let answer = apiError(401, 'invalid_credentials');
    const { client } = fakeClient({ 'POST /sessions': () => answer });
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="zh-CN" .config=${{ client }}></cloud-login>`,
    );
    await passwordPanel(el);
    typeInto(deep(el, 'cloud-password-login', '#identifier'), 'a@example.com');
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-1');
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    await oneEvent(el, 'cloud-error');
    await settle(el);
    const formError = deep(el, 'cloud-password-login', '[part=form-error]');
    expect(formError.textContent).to.equal('账号或密码错误。');
    expect(formError.getAttribute('role')).to.equal('alert');
    answer = apiError(429, 'rate_limited', { retryAfter: 30 });
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-2');
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    await oneEvent(el, 'cloud-error');
    await settle(el);
    expect(formError.textContent).to.contain('30');
    // A long wait reads in hours (core's formatRetry, rounded up), not in seconds.
    answer = apiError(429, 'rate_limited', { retryAfter: 40000 });
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-3');
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    await oneEvent(el, 'cloud-error');
    await settle(el);
    expect(formError.textContent).to.contain('12 小时').and.not.contain('40000');
  });

  it('fires cloud-login-success with account and session, and a step change to done', async () => {
    const { client, calls } = fakeClient({ 'POST /sessions': () => ({ status: 200, body: authenticated }) });
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" .config=${{ client }}></cloud-login>`,
    );
    await passwordPanel(el);
    typeInto(deep(el, 'cloud-password-login', '#identifier'), '138 0013 8000');
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-12');
    const success = oneEvent(el, 'cloud-login-success');
    const step = new Promise<CustomEvent>((resolve) =>
      el.addEventListener(
        'cloud-step-change',
        (e) => e.detail.step === 'done' && resolve(e as unknown as CustomEvent),
      ),
    );
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    const event = await success;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.account.id).to.equal('acc_1');
    expect(event.detail.session.token).to.equal('tok');
    expect((await step).detail).to.deep.equal({ flow: 'login', step: 'done' });
    // A phone typed with spaces goes out as E.164.
    expect(calls[0]!.body).to.deep.equal({
      identifier: '+8613800138000',
      password: 'secret-12',
      locale: 'en',
    });
  });

  it('offers the account chooser when a phone matches several accounts (SMS login)', async () => {
    const { client, calls } = fakeClient({
      'POST /sessions/sms': () => ({
        status: 200,
        body: {
          status: 'choose_account',
          ticket: 't1',
          accounts: [
            { id: 'a', label: 'al***e' },
            { id: 'b', label: 'bo*' },
          ],
        },
      }),
      'POST /codes': () => ({ status: 202, body: { expiresIn: 300, resendAfter: 60 } }),
      'POST /continue': () => ({ status: 200, body: authenticated }),
    });
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" methods="sms" .config=${{ client }}></cloud-login>`,
    );
    await shown(el, 'cloud-sms-login');
    const phone = deep(el, 'cloud-sms-login', 'cloud-phone-input');
    await (phone as unknown as { ready: Promise<unknown> }).ready;
    await settle(el);
    typeInto(deep(el, 'cloud-sms-login', 'cloud-phone-input', 'input'), '13800138000');
    typeInto(deep(el, 'cloud-sms-login', 'cloud-code-input', 'input'), '123456');
    deep<HTMLButtonElement>(el, 'cloud-sms-login', 'button[type=submit]').click();
    await oneEvent(el, 'cloud-step-change');
    expect(el.step.name).to.equal('choose-account');
    // The chooser is a chunk of its own, loaded now; focus moves to it once it is there.
    await waitUntil(
      () => el.shadowRoot!.activeElement?.localName === 'cloud-account-chooser',
      'the chooser focused',
    );
    await settle(el);
    await expect(el).to.be.accessible();
    const success = oneEvent(el, 'cloud-login-success');
    deep<HTMLButtonElement>(el, 'cloud-account-chooser', 'button[part=account]').click();
    await success;
    expect(calls.at(-1)!.body).to.deep.equal({ ticket: 't1', accountId: 'a' });
  });

  it('survives an invalid override, falling back to the plain preset', async () => {
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" .config=${{ overrides: { password: { min: -1 } } }}></cloud-login>`,
    );
    await settle(el);
    expect(tabNames(el)).to.deep.equal(['password', 'sms', 'subaccount']);
  });

  it('takes configuration from <cloud-auth>, own attributes winning', async () => {
    const wrapper = await fixture(html`<cloud-auth provider="qingcloud" locale="zh-CN">
      <cloud-login></cloud-login>
      <cloud-login locale="en"></cloud-login>
    </cloud-auth>`);
    const [zh, en] = [...wrapper.querySelectorAll('cloud-login')] as CloudLogin[];
    await settle(wrapper);
    expect(tabNames(zh!)).to.deep.equal(['password', 'sms', 'subaccount']);
    expect(deep(zh!, '#tab-sms').textContent!.trim()).to.equal('短信登录');
    expect(deep(en!, '#tab-sms').textContent!.trim()).to.equal('SMS login');
  });

  it('lets a site override any string, core’s and the elements’', async () => {
    const strings = {
      en: { 'method.sms': 'Text me a code', 'login.heading': 'Welcome back', 'action.getCode': 'Send it' },
    };
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" .strings=${strings}></cloud-login>`,
    );
    await settle(el);
    expect(deep(el, '#tab-sms').textContent!.trim()).to.equal('Text me a code');
    expect(deep(el, 'h2').textContent!.trim()).to.equal('Welcome back');
    // …down to the blocks inside the method panels.
    deep(el, '#tab-sms').click();
    await shown(el, 'cloud-sms-login');
    expect(deep(el, 'cloud-sms-login', 'cloud-code-input', '[part~=send]').textContent!.trim()).to.equal(
      'Send it',
    );
  });
});
