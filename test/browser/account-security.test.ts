/**
 * Account security (security email, unbinding a third-party login) and legacy JD accounts end to end: `<cloud-account-security>`
 * on a real session — unbinding WeChat with a password, and without one (the element offers to
 * set a password first, then unbinds), changing the password, adding a security email whose
 * link is then followed — and `<cloud-login>`'s legacy path: password login answers "use JD
 * login", JD login (the simulated JD page, clicked through) signs the older account in, and the
 * element offers the upgrade to an account name and password.
 *
 * The accounts are bound to WeChat or JD through the simulated providers, so these run on the
 * server's main lane (connect-support.ts says why).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import '@cloud-login/elements/flows/account-security/cloud-account-security.ts';
import {
  button,
  chooseMethod,
  deepAll,
  field,
  fill,
  maybeField,
  newAccountName,
  newEmail,
  newPhone,
  part,
  settle,
  StepAudit,
  until,
  waitForStep,
  type Locale,
  spendLink,
} from './support/e2e.ts';
import {
  accountOnPhone,
  bindWechatByScript,
  connectionTicket,
  idpName,
  loginElement,
  mainApi,
  mainApiUrl,
  mainCodeFor,
  mainContinue,
  mainOutboxCode,
  mainOutboxLink,
  say,
  signedIn,
  signInAtIdp,
} from './connect-support.ts';

const provider = 'jdcloud';

interface Security {
  el: HTMLElement & { step: { name: string } };
  changes: string[];
  errors: string[];
}

async function securityElement(token: string, locale: Locale): Promise<Security> {
  const el = await fixture<Security['el']>(
    html`<cloud-account-security provider=${provider} api=${mainApiUrl(provider)} locale=${locale} .token=${token}></cloud-account-security>`,
  );
  const changes: string[] = [];
  const errors: string[] = [];
  el.addEventListener('cloud-account-change', (e) => changes.push((e as CustomEvent).detail.change));
  el.addEventListener('cloud-error', (e) => errors.push((e as CustomEvent).detail.code));
  await until(
    () => el.step.name === 'overview',
    () => `the overview; at "${el.step.name}", errors ${JSON.stringify(errors)}`,
  );
  await settle(el);
  return { el, changes, errors };
}

const notice = (el: HTMLElement) => part(el, 'notice').textContent!.trim();
const account = async (token: string) => {
  const res = await mainApi<{
    account: {
      connections: string[];
      hasPassword: boolean;
      email?: string;
      emailVerified: boolean;
      accountName?: string;
      legacy: boolean;
    };
  }>(provider, 'GET', '/session', undefined, token);
  expect(res.status).to.equal(200);
  return res.body.account;
};

describe('account security: security email, unbinding a third-party login', function () {
  this.timeout(60_000);

  it('unbinds WeChat from an account with a password; changes the password (en)', async () => {
    const audit = new StepAudit();
    const phone = newPhone();
    const created = await accountOnPhone(provider, phone, 'Jdcloud#2024');
    const nickname = idpName('wxU');
    await bindWechatByScript(phone, created.id, nickname);
    const login = await mainApi<{ session: { token: string } }>(provider, 'POST', '/sessions', {
      identifier: created.accountName,
      password: 'Jdcloud#2024',
    });
    expect(login.status, JSON.stringify(login.body)).to.equal(200);
    const token = login.body.session.token;

    const { el, changes } = await securityElement(token, 'en');
    await audit.check(el, 'overview');
    expect(el.shadowRoot!.textContent).to.contain(created.accountName!);
    const bound = deepAll(el, '[part~=connection-bound]').map((n) =>
      n.textContent!.replace(/\s+/g, ' ').trim(),
    );
    // seed 002: the WeChat nickname is shown beside the bound login.
    expect(bound).to.deep.equal([
      `${say('en', 'method.wechat')} ${nickname} ${say('en', 'security.bound')} ${say('en', 'action.unbind')}`,
    ]);

    button(el, say('en', 'action.unbind')).click();
    await until(() => el.step.name === 'unbind', 'the confirmation');
    await settle(el);
    await audit.check(el, 'confirm unbind');
    button(el, say('en', 'action.unbind')).click();
    // The session alone is not enough: the current password is asked for in the same step.
    await until(
      () => maybeField(el, say('en', 'label.currentPassword')),
      'the current password asked for (reauth_required)',
    );
    await settle(el);
    expect(el.shadowRoot!.textContent).to.contain(say('en', 'flow.reauthPassword'));
    await audit.check(el, 'unbind: current password');
    fill(field(el, say('en', 'label.currentPassword')), 'Jdcloud#2024');
    button(el, say('en', 'action.unbind')).click();
    await until(() => changes.includes('unbind'), 'unbound');
    await settle(el);
    expect(notice(el)).to.equal(say('en', 'security.unbound', { method: say('en', 'method.wechat') }));
    expect((await account(token)).connections).to.deep.equal([]);

    // Change the password: a wrong current one is shown at its field, then the right one works.
    button(el, say('en', 'security.changePassword')).click();
    await until(() => maybeField(el, say('en', 'label.currentPassword')), 'the password form');
    await settle(el);
    await audit.check(el, 'change password');
    fill(field(el, say('en', 'label.currentPassword')), 'Wrong#2024');
    fill(field(el, say('en', 'label.newPassword')), 'Newer#2025');
    button(el, say('en', 'action.submit')).click();
    await until(
      () =>
        deepAll(el, '[role=alert]').some(
          (n) => n.textContent!.trim() === say('en', 'security.wrongCurrentPassword'),
        ),
      'the wrong current password shown',
    );
    fill(field(el, say('en', 'label.currentPassword')), 'Jdcloud#2024');
    fill(field(el, say('en', 'label.newPassword')), 'Newer#2025');
    button(el, say('en', 'action.submit')).click();
    await until(() => changes.includes('password'), 'password changed');
    await settle(el);
    expect(notice(el)).to.equal(say('en', 'security.passwordChanged'));
    const relogin = await mainApi(provider, 'POST', '/sessions', {
      identifier: created.accountName,
      password: 'Newer#2025',
    });
    expect(relogin.status, 'the new password signs in').to.equal(200);
    audit.assert();
  });

  it('unbinding WeChat from an account without a password offers to set one first, then unbinds (zh-CN)', async () => {
    const audit = new StepAudit();
    // A WeChat first login that created a new JD Cloud account without a password (by script).
    const ticket = await connectionTicket(provider, 'wechat', { name: idpName('wxN') });
    const phone = newPhone();
    const needsPhone = await mainContinue(provider, { ticket });
    // 002: a phone without accounts gets one at once (a generated name, no password).
    const signedUp = (await mainContinue(provider, {
      ticket: needsPhone.ticket,
      phone: phone.e164,
      code: await mainCodeFor(provider, phone.e164, 'bind'),
      agreements: true,
    })) as unknown as { session: { token: string } };
    const token = signedUp.session.token;
    expect((await account(token)).hasPassword).to.equal(false);

    const { el, changes } = await securityElement(token, 'zh-CN');
    expect(button(el, say('zh-CN', 'action.setPassword')), '"set a login password" offered').to.exist;
    button(el, say('zh-CN', 'action.unbind')).click();
    await until(() => el.step.name === 'unbind', 'the confirmation');
    await settle(el);
    button(el, say('zh-CN', 'action.unbind')).click();
    await until(() => el.step.name === 'password', 'the offer to set a password first (password_required)');
    await settle(el);
    await audit.check(el, 'set password first');
    expect(el.shadowRoot!.textContent).to.contain(say('zh-CN', 'flow.unbindNeedsPassword'));
    expect(maybeField(el, say('zh-CN', 'label.currentPassword')), 'no current password to ask for').to.equal(
      null,
    );
    fill(field(el, say('zh-CN', 'label.password')), 'Setnow#2024');
    button(el, say('zh-CN', 'security.setAndUnbind', { method: say('zh-CN', 'method.wechat') })).click();
    // No password to prove the account with: a code to its phone, asked for in the same form.
    await until(() => maybeField(el, say('zh-CN', 'label.code')), 'the code asked for (reauth_required)');
    await settle(el);
    expect(el.shadowRoot!.textContent).to.contain(say('zh-CN', 'flow.reauthCode'));
    await audit.check(el, 'set password: reauth code');
    button(el, say('zh-CN', 'action.getCode')).click();
    fill(field(el, say('zh-CN', 'label.code')), await mainOutboxCode(provider, phone.e164, 'reauth'));
    button(el, say('zh-CN', 'security.setAndUnbind', { method: say('zh-CN', 'method.wechat') })).click();
    await until(
      () => changes.includes('unbind'),
      () => `unbound; changes ${JSON.stringify(changes)}, at ${el.step.name}`,
    );
    await settle(el);
    expect(notice(el)).to.equal(
      `${say('zh-CN', 'security.passwordSetDone')} ${say('zh-CN', 'security.unbound', { method: say('zh-CN', 'method.wechat') })}`,
    );
    const after = await account(token);
    expect(after.hasPassword).to.equal(true);
    expect(after.connections).to.deep.equal([]);
    audit.assert();
  });

  it('adds a security email: the link is sent, "check your mailbox", and following it verifies the email (security email, en)', async () => {
    const phone = newPhone();
    const created = await accountOnPhone(provider, phone, 'Jdcloud#2024');
    const login = await mainApi<{ session: { token: string } }>(provider, 'POST', '/sessions', {
      identifier: created.accountName,
      password: 'Jdcloud#2024',
    });
    const token = login.body.session.token;
    const { el } = await securityElement(token, 'en');
    button(el, say('en', 'security.addEmail')).click();
    await until(() => maybeField(el, say('en', 'label.securityEmail')), 'the email form');
    const email = newEmail('sec');
    fill(field(el, say('en', 'label.securityEmail')), email);
    // Signed in moments ago: the sign-in is the proof (older sessions are asked for the password).
    button(el, say('en', 'security.sendLink')).click();
    await until(() => el.step.name === 'email-sent', 'sent');
    await settle(el);
    expect(el.shadowRoot!.textContent).to.contain(say('en', 'flow.emailVerificationSent', { hours: 2 }));
    await expect(el).to.be.accessible();
    const link = await mainOutboxLink(provider, email);
    const verified = await spendLink(link);
    expect(verified.status).to.equal(200);
    button(el, say('en', 'security.backToOverview')).click();
    await (el as unknown as { load(): Promise<void> }).load();
    await settle(el);
    expect(el.shadowRoot!.textContent).to.contain(email);
    expect(el.shadowRoot!.textContent).to.contain(say('en', 'security.verified'));
    expect((await account(token)).emailVerified).to.equal(true);
  });
});

describe('legacy JD accounts', function () {
  this.timeout(60_000);

  it('password login says "use JD login" and offers it; JD login signs in; the upgrade gives a name and password (zh-CN)', async () => {
    const audit = new StepAudit();
    const phone = newPhone();
    const legacy = await mainApi<{ account: { id: string } }>(provider, 'POST', '/dev/legacy-accounts', {
      phone: phone.e164,
      password: 'legacy-pass-1',
    });
    expect(legacy.status, JSON.stringify(legacy.body)).to.equal(201);

    const flow = await loginElement(provider, 'zh-CN');
    await chooseMethod(flow.el, say('zh-CN', 'method.password'));
    const identifier = field(flow.el, '账号名/手机号/邮箱');
    fill(identifier, phone.national);
    fill(field(flow.el, say('zh-CN', 'label.password')), 'legacy-pass-1');
    button(flow.el, say('zh-CN', 'action.login')).click();
    await until(() => flow.rec.errors.some((e) => e.code === 'use_parent_login'), 'use_parent_login');
    await settle(flow.el);
    expect(deepAll(flow.el, '[role=alert]').map((n) => n.textContent!.trim())).to.include(
      say('zh-CN', 'use_parent_login'),
    );
    await audit.check(flow.el, 'use JD login');

    // The person signs in at JD with the older account's phone and password.
    part(flow.el, 'parent-login').click();
    await signInAtIdp('jd', { name: phone.national, password: 'legacy-pass-1' });
    await waitForStep(flow.el, flow.rec, 'upgrade', 20_000);
    await until(() => maybeField(flow.el, say('zh-CN', 'label.accountName')), 'the upgrade form');
    await settle(flow.el);
    await audit.check(flow.el, 'upgrade');
    expect(flow.el.shadowRoot!.querySelector('cloud-legacy-upgrade')!.shadowRoot!.textContent).to.contain(
      say('zh-CN', 'flow.legacyUpgrade'),
    );
    const accountName = newAccountName('up');
    fill(field(flow.el, say('zh-CN', 'label.accountName')), accountName);
    fill(field(flow.el, say('zh-CN', 'label.password')), 'Upgrade#2024');
    button(flow.el, say('zh-CN', 'action.upgrade')).click();
    const upgraded = await signedIn(flow);
    expect(upgraded.id).to.equal(legacy.body.account.id);
    expect(upgraded.accountName).to.equal(accountName);
    expect(upgraded.legacy).to.equal(false);
    audit.assert();

    // From now on the password works.
    const relogin = await mainApi(provider, 'POST', '/sessions', {
      identifier: accountName,
      password: 'Upgrade#2024',
    });
    expect(relogin.status, JSON.stringify(relogin.body)).to.equal(200);
  });
});
