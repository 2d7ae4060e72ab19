/**
 * Third-party login (docs/flows.md#third-party-login) end to end, part 1: JD Cloud (WeChat, JD login), QingCloud (WeChat) and
 * JD Cloud classic (JD login) — `<cloud-login>` against the real server, through the simulated
 * identity providers' own pages, the first login (the preset's binding steps) and the returning
 * one. Tencent Cloud's three providers are in third-party-tencent.test.ts, the refusals in
 * third-party-refusals.test.ts (each file must finish within the runner's 120 s).
 *
 * How the identity provider is reached, honestly: the element's button opens the real authorize
 * URL in a real popup (Chromium under puppeteer does not block it). The simulated provider's page
 * in that popup is on the API's origin, refuses frames and holds a `state` this page cannot read,
 * so the person clicking it is played by `idp-driver.mjs` through the DevTools protocol (type,
 * click). The server's hand-off page posts the ticket to this page and the element takes it;
 * everything after is the element talking to the server (`POST /continue`), with codes read
 * from the dev outbox. These flows run on the server's main lane (connect-support.ts says why).
 */
import { expect } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  button,
  deepAll,
  field,
  fill,
  maybeField,
  newPhone,
  part,
  settle,
  StepAudit,
  until,
  waitForStep,
} from './support/e2e.ts';
import {
  accountOnPhone,
  answerPhone,
  idpName,
  loginElement,
  returning,
  say,
  signedIn,
  startAt,
} from './connect-support.ts';

describe('third-party login, first time and returning: JD Cloud, QingCloud, JD Cloud classic', function () {
  this.timeout(60_000);

  it('JD Cloud × WeChat (en): phone + code → "bind to one of your accounts" → bound; then straight in', async () => {
    const phone = newPhone();
    const existing = await accountOnPhone('jdcloud', phone);
    const audit = new StepAudit();
    const flow = await loginElement('jdcloud', 'en');
    await audit.check(flow.el, 'methods');
    const user = { name: idpName('wx') };
    await startAt(flow, 'wechat', user);
    await answerPhone(flow, phone, audit);
    await waitForStep(flow.el, flow.rec, 'choose-account');
    await audit.check(flow.el, 'bind or create');
    expect(part(flow.el, 'legend').textContent!.trim()).to.equal(say('en', 'flow.bindOrCreate'));
    expect(part(flow.el, 'create').textContent!.trim()).to.equal(say('en', 'action.createAccount'));
    part(flow.el, 'account').click();
    // The account has a password: the code proved the phone, the password proves the account.
    await until(() => maybeField(flow.el, say('en', 'label.password')), 'the account’s password asked for');
    await settle(flow.el);
    await audit.check(flow.el, 'bind: password');
    fill(field(flow.el, say('en', 'label.password')), 'Jdcloud#2024');
    button(flow.el, say('en', 'action.next')).click();
    const account = await signedIn(flow);
    await audit.check(flow.el, 'done');
    expect(account.id).to.equal(existing.id);
    expect(account.connections).to.deep.equal(['wechat']);
    audit.assert();

    await returning('jdcloud', 'en', 'wechat', user, existing.id);
  });

  it('seed 002: JD Cloud × WeChat (zh-CN): greeted by the nickname; a phone without an account → an account created at once; then straight in', async () => {
    const audit = new StepAudit();
    const flow = await loginElement('jdcloud', 'zh-CN');
    const user = { name: idpName('小明') };
    await startAt(flow, 'wechat', user);
    await until(() => maybeField(flow.el, say('zh-CN', 'label.phone')), 'the phone step');
    await settle(flow.el);
    // 002: "京东云将获取你的微信昵称，用于在页面进行展示".
    expect(part(flow.el, 'greeting').textContent!.trim()).to.equal(`你好，${user.name}`);
    // A phone without accounts: the account is created right away, no name or password asked.
    await answerPhone(flow, newPhone(), audit);
    const account = await signedIn(flow);
    expect(account.accountName).to.match(/^wx_[a-z2-9]{10}$/);
    expect(account.accountNameGenerated).to.equal(true);
    expect(account.connections).to.deep.equal(['wechat']);
    expect(account.connectionNames).to.deep.equal([{ idp: 'wechat', nickname: user.name }]);
    expect(account.hasPassword, 'set later, in account security').to.equal(false);
    audit.assert();
    await returning('jdcloud', 'zh-CN', 'wechat', user, account.id);
  });

  it('QingCloud × WeChat (zh-CN): phone + code → bound to the phone’s account; then straight in', async () => {
    const phone = newPhone();
    const existing = await accountOnPhone('qingcloud', phone, 'qing2024a');
    const audit = new StepAudit();
    const flow = await loginElement('qingcloud', 'zh-CN');
    const user = { name: idpName('微信') };
    await startAt(flow, 'wechat', user);
    await answerPhone(flow, phone, audit);
    await until(
      () => maybeField(flow.el, say('zh-CN', 'label.password')),
      'the account’s password asked for',
    );
    await settle(flow.el);
    fill(field(flow.el, say('zh-CN', 'label.password')), 'qing2024a');
    button(flow.el, say('zh-CN', 'action.next')).click();
    const account = await signedIn(flow);
    expect(account.id).to.equal(existing.id);
    expect(account.connections).to.deep.equal(['wechat']);
    await audit.check(flow.el, 'done');
    audit.assert();
    await returning('qingcloud', 'zh-CN', 'wechat', user, account.id);
  });

  it('QingCloud × WeChat (en): a phone without an account says to sign up first', async () => {
    const flow = await loginElement('qingcloud', 'en');
    await startAt(flow, 'wechat', { name: idpName('wx') });
    await answerPhone(flow, newPhone());
    const phoneField = field(flow.el, say('en', 'label.phone'));
    await until(() => phoneField.getAttribute('aria-invalid') === 'true', 'the phone marked invalid');
    expect(deepAll(flow.el, '[role=alert]').map((n) => n.textContent!.trim())).to.include(
      say('en', 'profile.noAccountForPhone'),
    );
    await expect(flow.el).to.be.accessible();
  });

  it('JD Cloud classic × JD login (zh-CN): the enable-service form → a new account; then straight in', async () => {
    const audit = new StepAudit();
    const flow = await loginElement('jdcloud-classic', 'zh-CN');
    const user = { name: idpName('jdc'), password: 'jd-pass-2' };
    await startAt(flow, 'jd', user);
    await until(() => maybeField(flow.el, say('zh-CN', 'label.contactPhone')), 'the enable-service form');
    await settle(flow.el);
    await audit.check(flow.el, 'enable service');
    expect(deepAll(flow.el, '[part~=step-title]').map((h) => h.textContent!.trim())).to.include(
      say('zh-CN', 'step.enable-service'),
    );
    fill(field(flow.el, say('zh-CN', 'label.contactPhone')), newPhone().national);
    fill(field(flow.el, say('zh-CN', 'label.recommendationCode')), 'SALES-01');
    part(flow.el, 'checkbox').click();
    // 001: the enable-service step's button is "Submit" (提交).
    button(flow.el, say('zh-CN', 'action.submit')).click();
    const account = await signedIn(flow);
    expect(account.connections).to.deep.equal(['jd']);
    audit.assert();
    await returning('jdcloud-classic', 'zh-CN', 'jd', user, account.id);
  });
});
