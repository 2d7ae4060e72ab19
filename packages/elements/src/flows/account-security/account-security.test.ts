import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { placeholdersOf } from '@cloud-login/core/messages/index';
import './cloud-account-security.ts';
import type { CloudAccountSecurity } from './account-security.ts';
import { securityMessages } from './messages.ts';
import { account, apiError, deep, fakeClient, settle, typeInto, type FakeRoute } from '../../test/helpers.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, timeout = 4000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

const jdAccount = {
  ...account,
  provider: 'jdcloud',
  accountName: 'alice_01',
  email: 'alice@example.com',
  emailVerified: true,
  loginIdentifiers: ['accountName', 'email'],
  connections: ['wechat'],
};

async function security(
  routes: Record<string, FakeRoute>,
  { provider = 'jdcloud', locale = 'en', theme }: { provider?: string; locale?: string; theme?: string } = {},
) {
  const fake = fakeClient(routes);
  const el = await fixture<CloudAccountSecurity>(
    html`<cloud-account-security provider=${provider} locale=${locale} theme=${theme ?? 'light'} .config=${{ client: fake.client }}></cloud-account-security>`,
  );
  await until(() => el.step.name !== 'loading', 'the account');
  await settle(el);
  return { el, ...fake };
}

const text = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
const button = (el: Element, label: string) => {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.textContent!.trim() === label,
  );
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};

describe('<cloud-account-security>', () => {
  it('is accessible, in both locales and schemes', async function () {
    this.timeout(15000);
    for (const [locale, theme] of [
      ['en', 'light'],
      ['zh-CN', 'dark'],
    ]) {
      const { el } = await security(
        { 'GET /session': () => ({ status: 200, body: { account: jdAccount } }) },
        { locale: locale!, theme: theme! },
      );
      await expect(el).to.be.accessible();
    }
  });

  it('shows the login identifiers, the password and the bound logins from GET /session', async function () {
    this.timeout(15000);
    const { el } = await security({
      'GET /session': () => ({ status: 200, body: { account: { ...jdAccount, phone: '+86 138****8000' } } }),
    });
    const shown = text(el);
    expect(shown).to.contain('alice_01');
    expect(shown).to.contain('+86 138****8000');
    expect(shown).to.contain('alice@example.com');
    const connections = [...el.shadowRoot!.querySelectorAll('[part~=connection]')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(connections).to.deep.equal(['JD login not linked Bind', 'WeChat login linked Unbind']);
    // The unbind button names what it unbinds.
    expect(deep(el, '[part~=connection-bound] button').getAttribute('aria-label')).to.equal(
      'Unbind WeChat login',
    );
  });

  it('says so when nobody is signed in', async function () {
    this.timeout(15000);
    const { el } = await security(
      { 'GET /session': () => apiError(401, 'unauthenticated') },
      { locale: 'zh-CN' },
    );
    expect(el.step.name).to.equal('signed-out');
    expect(text(el)).to.contain('请先登录，再查看账号安全设置。');
  });

  it('unbinds WeChat when the account has a password (unbind a third-party login)', async function () {
    this.timeout(15000);
    let bound = true;
    const { el, calls } = await security({
      'GET /session': () => ({
        status: 200,
        body: { account: { ...jdAccount, connections: bound ? ['wechat'] : [] } },
      }),
      'DELETE /account/connections/wechat': () => {
        bound = false;
        return { status: 204 };
      },
    });
    button(el, 'Unbind').click();
    await settle(el);
    expect(el.step.name).to.equal('unbind');
    expect(text(el)).to.contain('Unbind WeChat login?');
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'cloud-account-change');
    button(el, 'Unbind').click();
    const event = await changed;
    expect(event.detail.change).to.equal('unbind');
    await settle(el);
    expect(el.step.name).to.equal('overview');
    expect(deep(el, '[part~=notice]').textContent!.trim()).to.equal('WeChat login has been unbound.');
    expect(deep(el, '[part~=notice]').getAttribute('role')).to.equal('status');
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.include('DELETE /account/connections/wechat');
  });

  it('on reauth_required, asks for the current password in the same step', async function () {
    this.timeout(15000);
    const { el, calls } = await security({
      'GET /session': () => ({ status: 200, body: { account: { ...jdAccount, connections: ['wechat'] } } }),
      'DELETE /account/connections/wechat': () =>
        apiError(403, 'reauth_required', { field: 'currentPassword' }),
    });
    button(el, 'Unbind').click();
    await settle(el);
    button(el, 'Unbind').click();
    await until(
      () => el.shadowRoot!.querySelector('[part~=reauth] cloud-password-field') !== null,
      'the current password asked for',
    );
    await settle(el);
    expect(el.step.name).to.equal('unbind');
    expect(text(el)).to.contain('To make this change, enter your current password.');
    await expect(el).to.be.accessible();
    // Answering it is driven end to end in test/browser/account-security.test.ts.
    expect(calls.filter((c) => c.method === 'DELETE').length).to.equal(1);
  });

  it('on password_required, offers to set a password first, then unbinds', async function () {
    this.timeout(15000);
    let hasPassword = false;
    let bound = true;
    const { el, calls } = await security({
      'GET /session': () => ({
        status: 200,
        body: { account: { ...jdAccount, hasPassword, connections: bound ? ['wechat'] : [] } },
      }),
      'DELETE /account/connections/wechat': () => {
        if (!hasPassword) return apiError(409, 'password_required');
        bound = false;
        return { status: 204 };
      },
      'PUT /account/password': () => {
        hasPassword = true;
        return { status: 204 };
      },
    });
    expect(button(el, 'Set a login password')).to.exist;
    button(el, 'Unbind').click();
    await settle(el);
    button(el, 'Unbind').click();
    await until(() => el.step.name === 'password', 'the password step');
    await settle(el);
    expect(text(el)).to.contain(
      'Before unbinding, set a login password so you can still log in another way.',
    );
    expect(
      el.shadowRoot!.querySelectorAll('cloud-password-field'),
      'no current password to ask for',
    ).to.have.length(1);
    await expect(el).to.be.accessible();
    typeInto(deep(el, 'cloud-password-field', 'input'), 'weak');
    button(el, 'Set password and unbind WeChat login').click();
    await settle(el);
    expect(
      calls.filter((c) => c.method === 'PUT'),
      'the checklist stops a password the preset refuses',
    ).to.have.length(0);
    typeInto(deep(el, 'cloud-password-field', 'input'), 'Strong#2024');
    button(el, 'Set password and unbind WeChat login').click();
    await until(() => el.step.name === 'overview' && !bound, 'unbound');
    await settle(el);
    // The security notice is written in the element's language.
    expect(calls.find((c) => c.method === 'PUT')!.body).to.deep.equal({
      newPassword: 'Strong#2024',
      locale: 'en',
    });
    expect(deep(el, '[part~=notice]').textContent!.trim()).to.equal(
      'Your login password has been set. WeChat login has been unbound.',
    );
  });

  it('changes the password, showing a wrong current password at its field', async function () {
    this.timeout(15000);
    const { el, calls } = await security({
      'GET /session': () => ({ status: 200, body: { account: jdAccount } }),
      'PUT /account/password': (call) =>
        (call.body as { currentPassword: string }).currentPassword === 'Right#2024'
          ? { status: 204 }
          : apiError(401, 'invalid_credentials', { field: 'currentPassword' }),
    });
    button(el, 'Change password').click();
    await settle(el);
    const [current, next] = [...el.shadowRoot!.querySelectorAll('cloud-password-field')];
    // The new password is checked against this element's preset (JD: 7–20 with a symbol), not the default one.
    expect((next as unknown as { preset: { id: string } }).preset.id).to.equal('jdcloud');
    typeInto(current!.shadowRoot!.querySelector('input')!, 'Wrong#2024');
    typeInto(next!.shadowRoot!.querySelector('input')!, 'Newer#2025');
    button(el, 'Submit').click();
    await oneEvent(el, 'cloud-error');
    await settle(el);
    expect(current!.shadowRoot!.querySelector('[part~=error]')!.textContent!.trim()).to.equal(
      'The current password is incorrect.',
    );
    typeInto(current!.shadowRoot!.querySelector('input')!, 'Right#2024');
    button(el, 'Submit').click();
    await until(() => el.step.name === 'overview', 'back to the overview');
    await settle(el);
    expect(deep(el, '[part~=notice]').textContent!.trim()).to.equal('Your password has been changed.');
    expect(calls.filter((c) => c.method === 'PUT').at(-1)!.body).to.deep.equal({
      currentPassword: 'Right#2024',
      newPassword: 'Newer#2025',
      locale: 'en',
    });
  });

  it('adds a security email: sends the link, then "check your mailbox" (security email)', async function () {
    this.timeout(15000);
    const { el, calls } = await security(
      {
        'GET /session': () => ({
          status: 200,
          body: { account: { ...jdAccount, email: undefined, emailVerified: false } },
        }),
        'POST /account/email': () => ({ status: 202, body: { expiresIn: 7200 } }),
      },
      { locale: 'zh-CN' },
    );
    button(el, '添加邮箱').click();
    await settle(el);
    typeInto(deep(el, '#email'), 'not-an-email');
    button(el, '发送验证链接').click();
    await settle(el);
    expect(deep(el, '#email').getAttribute('aria-invalid')).to.equal('true');
    typeInto(deep(el, '#email'), 'new@example.com');
    button(el, '发送验证链接').click();
    await until(() => el.step.name === 'email-sent', 'sent');
    await settle(el);
    expect(text(el)).to.contain('验证邮件已发送，请在 2 小时内点击邮件中的链接完成验证。');
    expect(text(el)).to.contain('new@example.com');
    await expect(el).to.be.accessible();
    expect((calls.find((c) => c.path === '/account/email')!.body as { email: string }).email).to.equal(
      'new@example.com',
    );
  });

  it('offers the upgrade to an older JD account, and unbinding asks for it', async function () {
    this.timeout(15000);
    const legacy = {
      ...jdAccount,
      accountName: undefined,
      legacy: true,
      loginIdentifiers: [],
      connections: ['jd'],
    };
    const { el } = await security({
      'GET /session': () => ({ status: 200, body: { account: legacy } }),
      'DELETE /account/connections/jd': () => apiError(409, 'password_required'),
    });
    expect(text(el)).to.contain('Choose an account name and password to upgrade it.');
    button(el, 'Unbind').click();
    await settle(el);
    button(el, 'Unbind').click();
    await until(() => el.step.name === 'upgrade', 'the upgrade step');
    await customElements.whenDefined('cloud-legacy-upgrade');
    await settle(el);
    expect(deep(el, '[part~=form-error]').textContent!.trim()).to.equal(
      'An older JD account logs in only with JD login. Upgrade it first, then unbind.',
    );
    await expect(el).to.be.accessible();
    deep<HTMLButtonElement>(el, 'cloud-legacy-upgrade', '[part~=skip]').click();
    await settle(el);
    expect(el.step.name).to.equal('overview');
  });

  it('has the same keys and placeholders in both locales', () => {
    const { en, 'zh-CN': zh } = securityMessages;
    expect(Object.keys(zh).sort()).to.deep.equal(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(placeholdersOf(zh[key]), key).to.deep.equal(placeholdersOf(en[key]));
  });
});

describe('<cloud-account-security>, an account a WeChat login created (seed 002)', () => {
  const created = {
    ...jdAccount,
    accountName: 'wx_k3m9q2ta7c',
    accountNameGenerated: true,
    email: undefined,
    emailVerified: false,
    loginIdentifiers: ['accountName', 'phone'],
    hasPassword: false,
    connectionNames: [{ idp: 'wechat', nickname: '小明' }],
  };

  it('seed 002: lists the WeChat nickname and lets the generated name be replaced once, proven by a code', async function () {
    this.timeout(15000);
    let current: Record<string, unknown> = created;
    const { el, calls } = await security(
      {
        'GET /session': () => ({ status: 200, body: { account: current } }),
        'POST /codes': () => ({ status: 202, body: { expiresIn: 300, resendAfter: 60 } }),
        'PUT /account/name': (call) => {
          const body = call.body as Record<string, unknown>;
          if (!body.code) return apiError(403, 'reauth_required', { field: 'code' });
          current = { ...created, accountName: body.accountName, accountNameGenerated: undefined };
          return { status: 200, body: { account: current } };
        },
      },
      { locale: 'zh-CN' },
    );
    expect(deep(el, '[part~=nickname]').textContent).to.equal('小明');
    expect(text(el)).to.contain('系统生成');
    await expect(el).to.be.accessible();
    button(el, '设置账号名').click();
    await settle(el);
    expect(el.step.name).to.equal('rename');
    typeInto(deep(el, '#accountName'), '12345');
    button(el, '提交').click();
    await settle(el);
    expect(deep(el, '#accountName-error').textContent!.trim()).to.not.equal('');
    expect(calls.some((c) => c.path === '/account/name')).to.equal(false);
    typeInto(deep(el, '#accountName'), 'xiaoming');
    button(el, '提交').click();
    await until(() => calls.some((c) => c.path === '/account/name'), 'the rename sent');
    await settle(el);
    // No password: the server asks for a code to the account's phone.
    expect(el.shadowRoot!.querySelector('#reauth-code'), 'the code prompt').to.exist;
    await expect(el).to.be.accessible();
    typeInto(deep(el, '#reauth-code'), '123456');
    const changed = oneEvent(el, 'cloud-account-change');
    button(el, '提交').click();
    const event = await changed;
    expect(event.detail.change).to.equal('rename');
    await settle(el);
    expect(el.step.name).to.equal('overview');
    expect(text(el)).to.contain('账号名已设置为 xiaoming');
    expect(text(el)).to.not.contain('系统生成');
  });
});
