/**
 * Third-party login (docs/flows.md#third-party-login) end to end, part 2: Tencent Cloud's WeChat, WeChat Official Account and
 * QQ — first login (phone + code → [email, WeChat only] → industry + agreements → a new account,
 * at most 5 per phone) and returning login, through the simulated providers' pages (see
 * third-party.test.ts for how they are driven). The Official Account runs in redirect mode: the
 * site window's browser blocks the popup, the element takes the page to the Official Account's
 * QR page, the simulated phone follows the account, and the page comes back with `#cl_ticket=…`.
 */
import { expect } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  button,
  field,
  fill,
  maybeField,
  newEmail,
  newPhone,
  settle,
  StepAudit,
  until,
} from './support/e2e.ts';
import {
  answerIndustry,
  answerPhone,
  blockPopups,
  idpName,
  loginElement,
  openSite,
  returning,
  say,
  signedIn,
  signInAtIdp,
  siteLogin,
  startAt,
} from './connect-support.ts';

describe('third-party login, first time and returning: Tencent Cloud', function () {
  this.timeout(60_000);

  it('WeChat (en): phone + code → email → industry + agreements → a new account; then straight in', async () => {
    const audit = new StepAudit();
    const flow = await loginElement('tencentcloud', 'en');
    await audit.check(flow.el, 'methods');
    const user = { name: idpName('wx') };
    await startAt(flow, 'wechat', user);
    await answerPhone(flow, newPhone(), audit);
    await until(() => maybeField(flow.el, say('en', 'label.email')), 'the email step');
    await settle(flow.el);
    await audit.check(flow.el, 'email');
    const email = newEmail('tcwx');
    fill(field(flow.el, say('en', 'label.email')), email);
    button(flow.el, say('en', 'action.next')).click();
    await answerIndustry(flow, 'internet', audit);
    const account = await signedIn(flow);
    expect(account.email).to.equal(email);
    expect(account.emailVerified, 'the email waits for its link').to.equal(false);
    expect(account.industry).to.equal('internet');
    expect(account.connections).to.deep.equal(['wechat']);
    audit.assert();
    await returning('tencentcloud', 'en', 'wechat', user, account.id);
  });

  it('seed 004: WeChat Official Account (zh-CN, redirect when the popup is blocked): choose your Official Account, 授权 → phone + code → industry → a new account; then straight in', async () => {
    const audit = new StepAudit();
    const user = { name: idpName('公众号') };
    const site = openSite('tencentcloud', 'zh-CN');
    try {
      const flow = await siteLogin(site, 'tencentcloud', 'zh-CN');
      blockPopups(site);
      button(flow.el, say('zh-CN', 'method.wechat-mp')).click();
      await signInAtIdp('wechat-mp', user);
      const back = await siteLogin(site, 'tencentcloud', 'zh-CN');
      // Taken once the pick-up (a chunk of its own) has looked at it.
      await until(() => site.location.hash === '', 'the ticket taken out of the address bar');
      await answerPhone(back, newPhone(), audit);
      await answerIndustry(back, 'finance', audit);
      const account = await signedIn(back);
      expect(account.connections).to.deep.equal(['wechat-mp']);
      expect(account.industry).to.equal('finance');
      audit.assert();

      // Returning, in a popup this time.
      await returning('tencentcloud', 'zh-CN', 'wechat-mp', user, account.id);
    } finally {
      site.close();
    }
  });

  it('QQ (en): phone + code → industry + agreements → a new account; then straight in', async () => {
    const flow = await loginElement('tencentcloud', 'en');
    const user = { name: idpName('qq') };
    await startAt(flow, 'qq', user);
    await answerPhone(flow, newPhone());
    await answerIndustry(flow, 'education');
    const account = await signedIn(flow);
    expect(account.connections).to.deep.equal(['qq']);
    await returning('tencentcloud', 'en', 'qq', user, account.id);
  });
});
