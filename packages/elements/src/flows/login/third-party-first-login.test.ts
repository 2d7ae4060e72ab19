/**
 * A first third-party login in `<cloud-login>`, against answers from a fake transport: each
 * preset's steps after the provider's ticket (bind or create, profile fields), and the older JD
 * accounts' upgrade after JD login.
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../../index.ts';
import { account, apiError, authenticated, deep, settle, typeInto } from '../../test/helpers.ts';
import {
  FIRST,
  connectLoaded,
  firstForm,
  firstThenSignedIn,
  handOff,
  login,
  methodButton,
  shown,
  stubOpen,
  ticketMessage,
  until,
} from '../../test/third-party.ts';

describe('<cloud-login> third-party login, the first time', () => {
  let stub: ReturnType<typeof stubOpen>;
  afterEach(() => stub?.restore());

  it('walks JD Cloud’s first WeChat login: phone + code (purpose bind) → bind or create → new account → signed in', async function () {
    this.timeout(15000);
    stub = stubOpen();
    const { el, calls, steps } = await login('jdcloud', {
      'POST /continue': (call) => {
        const body = call.body as Record<string, unknown>;
        if (body.ticket === FIRST)
          return {
            status: 200,
            body: { status: 'needs_profile', ticket: 't1', required: ['phone', 'code'], optional: [] },
          };
        if (body.ticket === 't1')
          return {
            status: 200,
            body: {
              status: 'choose_account',
              ticket: 't2',
              accounts: [{ id: 'a', label: 'al***e' }],
              createNew: true,
            },
          };
        if (body.ticket === 't2')
          return {
            status: 200,
            body: {
              status: 'needs_profile',
              ticket: 't3',
              required: ['accountName', 'agreements'],
              optional: ['password'],
            },
          };
        return { status: 200, body: authenticated };
      },
      'POST /codes': () => ({ status: 202, body: { expiresIn: 300, resendAfter: 60 } }),
    });
    methodButton(el, 'wechat').click();
    await connectLoaded();
    handOff(stub.opened[0]!.popup, ticketMessage('wechat', FIRST));
    await until(() => el.step.name === 'profile' || el.step.name === 'method', 'the phone step');
    expect(el.step.name).to.equal('profile');
    await customElements.whenDefined('cloud-profile-form');
    await settle(el);
    expect(steps).to.include('profile');
    expect(deep(el, 'cloud-profile-form', 'h3').textContent!.trim()).to.equal('Verify your phone');
    expect(shown(deep(el, 'cloud-profile-form'))).to.contain('First time logging in with WeChat login');
    await expect(el).to.be.accessible();

    const phone = deep(el, 'cloud-profile-form', 'cloud-phone-input');
    await (phone as unknown as { ready: Promise<unknown> }).ready;
    await settle(el);
    typeInto(deep(el, 'cloud-profile-form', 'cloud-phone-input', 'input'), '13800138000');
    deep<HTMLButtonElement>(el, 'cloud-profile-form', 'cloud-code-input', '[part~=send]').click();
    await until(() => calls.some((c) => c.path === '/codes'), 'a code sent');
    expect(calls.find((c) => c.path === '/codes')!.body).to.deep.equal({
      phone: '+8613800138000',
      channel: 'sms',
      purpose: 'bind',
      locale: 'en',
    });
    typeInto(deep(el, 'cloud-profile-form', 'cloud-code-input', 'input'), '123456');
    deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
    await until(() => el.step.name === 'choose-account', 'the chooser');
    await settle(el);
    expect(deep(el, 'cloud-account-chooser', 'legend').textContent!.trim()).to.equal(
      'Bind this login to one of your accounts, or create a new one.',
    );
    await expect(el).to.be.accessible();

    deep<HTMLButtonElement>(el, 'cloud-account-chooser', '[part~=create]').click();
    await until(() => el.step.name === 'profile', 'the create step');
    await settle(el);
    expect(deep(el, 'cloud-profile-form', 'h3').textContent!.trim()).to.equal('Create a new account');
    await expect(el).to.be.accessible();
    typeInto(deep(el, 'cloud-profile-form', '#accountName'), 'new_user_1');
    deep<HTMLInputElement>(el, 'cloud-profile-form', 'cloud-agreements', 'input[type=checkbox]').click();
    const success = oneEvent(el, 'cloud-login-success');
    deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
    await success;
    const bodies = calls.filter((c) => c.path === '/continue').map((c) => c.body as Record<string, unknown>);
    expect(bodies[1]).to.deep.equal({ ticket: 't1', phone: '+8613800138000', code: '123456' });
    expect(bodies[2]).to.deep.equal({ ticket: 't2', createNew: true });
    // An optional password left empty is not sent.
    expect(bodies[3]).to.deep.equal({
      ticket: 't3',
      accountName: 'new_user_1',
      agreements: ['service', 'privacy'],
    });
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`shows each refusal with its own message (${locale}): already_bound, legacy_account_cannot_bind (with JD login)`, async function () {
      this.timeout(15000);
      stub = stubOpen();
      let refusal = 'already_bound';
      const { el } = await login(
        'jdcloud',
        {
          'POST /continue': (call) => {
            const body = call.body as Record<string, unknown>;
            if (!body.accountId)
              return {
                status: 200,
                body: {
                  status: 'choose_account',
                  ticket: 't2',
                  accounts: [{ id: 'a', label: 'al***e' }],
                  createNew: true,
                },
              };
            return apiError(409, refusal, { field: 'accountId' });
          },
        },
        locale,
      );
      methodButton(el, 'wechat').click();
      await connectLoaded();
      handOff(stub.opened[0]!.popup, ticketMessage('wechat'));
      await until(() => el.step.name === 'choose-account', 'the chooser');
      await settle(el);
      const messages = {
        en: {
          already_bound:
            'This account is already bound to another account of the same kind (for example another WeChat account).',
          legacy_account_cannot_bind:
            'Your account is an older JD account and can only log in with JD login. Upgrade it to a JD Cloud account before binding WeChat.',
        },
        'zh-CN': {
          already_bound: '该账号已绑定另一个第三方账号（如另一个微信账号），请先解除绑定后再试。',
          legacy_account_cannot_bind:
            '您的账号是京东老账号，只能通过“京东登录”访问；升级为京东云账号后才能绑定微信。',
        },
      }[locale];
      for (const code of ['already_bound', 'legacy_account_cannot_bind'] as const) {
        refusal = code;
        const error = oneEvent(el, 'cloud-error');
        deep<HTMLButtonElement>(el, 'cloud-account-chooser', '[part~=account]').click();
        expect((await error).detail.code).to.equal(code);
        await settle(el);
        const formError = deep(el, '[part~=form-error]:not(.method-error)');
        expect(formError.textContent!.trim()).to.equal(messages[code]);
        expect(formError.getAttribute('role')).to.equal('alert');
        expect(el.step.name, 'the ticket stays usable: the chooser stays').to.equal('choose-account');
      }
      // A legacy account can't bind: JD login is offered right there.
      const jd = deep<HTMLButtonElement>(el, '[part~=method-button]');
      expect(jd.textContent!.trim()).to.equal(locale === 'en' ? 'JD login' : '京东登录');
      await expect(el).to.be.accessible();
    });

    it(`shows phone_account_limit at the phone field (${locale}, Tencent)`, async function () {
      this.timeout(15000);
      stub = stubOpen();
      const { el } = await login(
        'tencentcloud',
        {
          'POST /continue': (call) => {
            const body = call.body as Record<string, unknown>;
            if (!body.phone)
              return {
                status: 200,
                body: { status: 'needs_profile', ticket: 't1', required: ['phone', 'code'], optional: [] },
              };
            return apiError(409, 'phone_account_limit', { field: 'phone' });
          },
        },
        locale,
      );
      await firstForm(el, stub, 'qq', ticketMessage('qq', 'T'.repeat(43), 'tencentcloud'));
      const phone = deep(el, 'cloud-profile-form', 'cloud-phone-input');
      await (phone as unknown as { ready: Promise<unknown> }).ready;
      await settle(el);
      typeInto(deep(el, 'cloud-profile-form', 'cloud-phone-input', 'input'), '13800138000');
      typeInto(deep(el, 'cloud-profile-form', 'cloud-code-input', 'input'), '123456');
      deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
      await oneEvent(el, 'cloud-error');
      await settle(el);
      const text = deep(el, 'cloud-profile-form', 'cloud-phone-input', '[part~=error]').textContent!.trim();
      expect(text).to.equal(
        locale === 'en'
          ? 'This phone number is already linked to 5 accounts, the most allowed.'
          : '该手机号已关联 5 个账号，已达上限。',
      );
    });
  }

  it('seed 001 "In this step, you can modify your phone": JD classic’s enable-service form starts from the JD account’s phone, still editable', async function () {
    this.timeout(15000);
    stub = stubOpen();
    const { el, calls } = await login('jdcloud-classic', {
      'POST /continue': firstThenSignedIn({
        status: 'needs_profile',
        ticket: 't1',
        required: ['agreements', 'contactPhone'],
        optional: ['contactEmail', 'recommendationCode'],
        prefill: { contactPhone: '+8613800138000' },
      }),
    });
    await firstForm(el, stub, 'jd', ticketMessage('jd', FIRST, 'jdcloud-classic'));
    const phone = deep(el, 'cloud-profile-form', 'cloud-phone-input');
    await (phone as unknown as { ready: Promise<unknown> }).ready;
    await settle(el);
    const input = deep<HTMLInputElement>(el, 'cloud-profile-form', 'cloud-phone-input', 'input');
    expect(input.value.replace(/\D/g, '')).to.equal('13800138000');
    expect(input.disabled).to.equal(false);
    await expect(el).to.be.accessible();
    typeInto(input, '13900139000');
    deep<HTMLInputElement>(el, 'cloud-profile-form', 'cloud-agreements', 'input[type=checkbox]').click();
    const success = oneEvent(el, 'cloud-login-success');
    deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
    await success;
    const sent = calls.filter((c) => c.path === '/continue').at(-1)!.body as Record<string, unknown>;
    expect(sent.contactPhone).to.equal('+8613900139000');
  });

  it('renders each preset’s profile fields accessibly: JD classic’s enable-service form, Tencent’s email and industry', async function () {
    this.timeout(15000);
    const cases: [string, string[], string[], string][] = [
      [
        'jdcloud-classic',
        ['agreements', 'contactPhone'],
        ['contactEmail', 'recommendationCode'],
        'Enable service',
      ],
      ['tencentcloud', ['email'], [], 'Add your email'],
      ['tencentcloud', ['industry', 'agreements'], [], 'Choose your industry'],
    ];
    for (const [provider, required, optional, title] of cases) {
      const { el } = await login(provider, {});
      await (el as unknown as { handleResult(r: unknown, m: string): Promise<void> }).handleResult(
        { status: 'needs_profile', ticket: 'tk', required, optional },
        'wechat',
      );
      await customElements.whenDefined('cloud-profile-form');
      await settle(el);
      expect(deep(el, 'cloud-profile-form', 'h3').textContent!.trim(), provider).to.equal(title);
      await expect(el).to.be.accessible();
    }
  });
});

describe('<cloud-login> older JD accounts (legacy upgrade)', () => {
  let stub: ReturnType<typeof stubOpen>;
  afterEach(() => stub?.restore());

  it('offers JD login after use_parent_login, and the upgrade after JD login; upgrading signs in with the upgraded account', async function () {
    this.timeout(15000);
    stub = stubOpen();
    const legacy = {
      ...account,
      provider: 'jdcloud',
      accountName: undefined,
      legacy: true,
      connections: ['jd'],
    };
    const upgraded = { ...legacy, accountName: 'old_jd_user', legacy: false };
    const { el, calls } = await login('jdcloud', {
      'POST /sessions': () => apiError(403, 'use_parent_login', { field: 'identifier' }),
      'POST /continue': () => ({ status: 200, body: { ...authenticated, account: legacy } }),
      'POST /account/upgrade': () => ({ status: 200, body: { account: upgraded } }),
    });
    deep<HTMLButtonElement>(el, '#tab-password').click();
    // The panel loads when its tab is first shown.
    await until(
      () => !!el.shadowRoot!.querySelector('cloud-password-login')?.shadowRoot,
      'the password panel',
    );
    await settle(el);
    typeInto(deep(el, 'cloud-password-login', '#identifier'), '13800138000');
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'old-pass-1');
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    await oneEvent(el, 'cloud-error');
    await settle(el);
    const jd = deep<HTMLButtonElement>(el, 'cloud-password-login', '[part~=parent-login]');
    expect(jd.textContent!.trim()).to.equal('JD login');
    await expect(el).to.be.accessible();
    jd.click();
    expect(stub.opened.map((o) => new URL(o.url).pathname)).to.deep.equal([
      '/api/x/connections/jd/authorize',
    ]);
    await connectLoaded();
    handOff(stub.opened[0]!.popup, ticketMessage('jd'));
    await until(() => el.step.name === 'upgrade', 'the upgrade offer');
    await customElements.whenDefined('cloud-legacy-upgrade');
    await settle(el);
    expect(shown(deep(el, 'cloud-legacy-upgrade'))).to.contain(
      'Choose an account name and password to upgrade it.',
    );
    await expect(el).to.be.accessible();

    typeInto(deep(el, 'cloud-legacy-upgrade', '#accountName'), 'old_jd_user');
    typeInto(deep(el, 'cloud-legacy-upgrade', 'cloud-password-field', 'input'), 'Upgrade#2024');
    const success = oneEvent(el, 'cloud-login-success');
    deep<HTMLButtonElement>(el, 'cloud-legacy-upgrade', 'button[type=submit]').click();
    const event = await success;
    expect(event.detail.account.accountName).to.equal('old_jd_user');
    expect(calls.find((c) => c.path === '/account/upgrade')!.body).to.deep.equal({
      accountName: 'old_jd_user',
      password: 'Upgrade#2024',
    });
  });

  it('lets the upgrade be skipped, signing in as the older account', async function () {
    this.timeout(15000);
    const legacy = { ...account, provider: 'jdcloud', legacy: true, connections: ['jd'] };
    const { el, calls } = await login('jdcloud', {}, 'zh-CN');
    await (el as unknown as { handleResult(r: unknown, m: string): Promise<void> }).handleResult(
      { ...authenticated, account: legacy },
      'jd',
    );
    await customElements.whenDefined('cloud-legacy-upgrade');
    await settle(el);
    const skip = deep<HTMLButtonElement>(el, 'cloud-legacy-upgrade', '[part~=skip]');
    expect(skip.textContent!.trim()).to.equal('跳过');
    const success = oneEvent(el, 'cloud-login-success');
    skip.click();
    expect((await success).detail.account.legacy).to.equal(true);
    expect(
      calls.filter((c) => !c.path.startsWith('/qr')),
      'no upgrade sent',
    ).to.have.length(0);
  });
});
