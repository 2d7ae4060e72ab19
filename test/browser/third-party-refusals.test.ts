/**
 * Third-party login (docs/flows.md#third-party-login) end to end, part 3: each refusal with its own message, in English and
 * in Chinese — `already_bound` (the account has another WeChat), `legacy_account_cannot_bind` (an
 * older JD account, with JD login offered), `phone_account_limit` (Tencent: 5 accounts per phone)
 * — and redirect mode through a provider's consent form. Setups that are not the subject (an
 * account bound to another WeChat, a phone with 5 accounts) are made by script through the same
 * popups and `POST /continue` (connect-support.ts); the flow under test goes through the element.
 */
import { expect } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  button,
  deepAll,
  field,
  message,
  newPhone,
  part,
  until,
  waitForStep,
  type Locale,
  type Phone,
} from './support/e2e.ts';
import {
  accountOnPhone,
  advanceMainClock,
  answerPhone,
  bindWechatByScript,
  blockPopups,
  connectionTicket,
  idpName,
  loginElement,
  mainApi,
  mainCodeFor,
  mainContinue,
  openSite,
  say,
  signInAtIdp,
  siteLogin,
  startAt,
  type Flow,
} from './connect-support.ts';

async function expectStepError(flow: Flow, code: string): Promise<void> {
  const expected = message(flow.locale, code);
  const shown = () => deepAll(flow.el, '[part~=form-error]').map((n) => n.textContent!.trim());
  await until(
    () => shown().includes(expected),
    () =>
      `"${expected}" shown; form errors: ${JSON.stringify(shown())}, events: ${JSON.stringify(flow.rec.errors)}`,
  );
  const node = deepAll(flow.el, '[part~=form-error]').find((n) => n.textContent!.trim() === expected)!;
  expect(node.getAttribute('role'), 'announced').to.equal('alert');
  expect(flow.rec.errors.map((e) => e.code)).to.include(code);
}

let tencentPhone: Promise<Phone> | undefined;
/**
 * A phone with the 5 Tencent Cloud accounts the preset allows, made once by script through QQ.
 * One phone gets a code every 60 s at most: the main lane's clock is moved past the cooldown
 * between the codes (four times 61 s; codes and tickets other tests hold there live 5 and 10
 * minutes).
 */
function fullTencentPhone(): Promise<Phone> {
  tencentPhone ??= (async () => {
    const phone = newPhone();
    for (let i = 0; i < 5; i++) {
      if (i > 0) await advanceMainClock(61);
      const ticket = await connectionTicket('tencentcloud', 'qq', { name: idpName(`qq${i}`) });
      const needsPhone = await mainContinue('tencentcloud', { ticket });
      const code = await mainCodeFor('tencentcloud', phone.e164, 'bind');
      const needsIndustry = await mainContinue('tencentcloud', {
        ticket: needsPhone.ticket,
        phone: phone.e164,
        code,
      });
      const done = await mainContinue('tencentcloud', {
        ticket: needsIndustry.ticket,
        industry: 'internet',
        agreements: true,
      });
      expect(done.status).to.equal('authenticated');
    }
    await advanceMainClock(61);
    return phone;
  })();
  return tencentPhone;
}

for (const locale of ['en', 'zh-CN'] as Locale[]) {
  describe(`third-party login refusals (${locale})`, function () {
    this.timeout(60_000);

    it('already_bound: the chosen account has another WeChat', async () => {
      const phone = newPhone();
      const existing = await accountOnPhone('jdcloud', phone);
      await bindWechatByScript(phone, existing.id, idpName('wxA'));
      const flow = await loginElement('jdcloud', locale);
      await startAt(flow, 'wechat', { name: idpName('wxB') });
      await answerPhone(flow, phone);
      await waitForStep(flow.el, flow.rec, 'choose-account');
      part(flow.el, 'account').click();
      await expectStepError(flow, 'already_bound');
      expect(
        (flow.el as unknown as { step: { name: string } }).step.name,
        'the chooser stays: another account or a new one',
      ).to.equal('choose-account');
      await expect(flow.el).to.be.accessible();
    });

    it('legacy_account_cannot_bind: an older JD account, with JD login offered', async () => {
      const phone = newPhone();
      const legacy = await mainApi('jdcloud', 'POST', '/dev/legacy-accounts', {
        phone: phone.e164,
        password: 'legacy-1',
      });
      expect(legacy.status, JSON.stringify(legacy.body)).to.equal(201);
      const flow = await loginElement('jdcloud', locale);
      await startAt(flow, 'wechat', { name: idpName('wxL') });
      await answerPhone(flow, phone);
      await waitForStep(flow.el, flow.rec, 'choose-account');
      part(flow.el, 'account').click();
      await expectStepError(flow, 'legacy_account_cannot_bind');
      expect(button(flow.el, say(locale, 'method.jd')), 'JD login offered').to.exist;
      await expect(flow.el).to.be.accessible();
    });

    it('phone_account_limit: the phone already has 5 Tencent Cloud accounts', async function () {
      this.timeout(90_000);
      const phone = await fullTencentPhone();
      const flow = await loginElement('tencentcloud', locale);
      await startAt(flow, 'qq', { name: idpName('qq6') });
      await answerPhone(flow, phone);
      const phoneField = field(flow.el, say(locale, 'label.phone'));
      await until(() => phoneField.getAttribute('aria-invalid') === 'true', 'the phone marked invalid');
      const alerts = deepAll(flow.el, '[role=alert]').map((n) => n.textContent!.trim());
      expect(alerts).to.include(message(locale, 'phone_account_limit', { count: 5 }));
      expect(flow.rec.errors.map((e) => e.code)).to.include('phone_account_limit');
      await advanceMainClock(61); // the other locale asks this phone for a code again
    });
  });
}

describe('third-party login in redirect mode through a consent form', function () {
  this.timeout(60_000);

  // Regression: WeChat's, QQ's and JD's simulated pages are forms posted back to the provider.
  // In redirect mode the post is answered 302 → the callback → 302 → the site's page
  // (`returnTo#cl_ticket=…`, another origin), and Chromium applies `form-action` to every hop of
  // a form's redirects. The pages once restricted it and the last hop was refused; they no
  // longer do (idp/pages.ts). This test expects what a person expects: back on the site.
  it('JD Cloud × JD login (en): the popup is blocked, the page goes to JD and comes back with #cl_ticket', async () => {
    const site = openSite('jdcloud', 'en');
    try {
      const flow = await siteLogin(site, 'jdcloud', 'en');
      blockPopups(site);
      button(flow.el, say('en', 'method.jd')).click();
      const seen = await signInAtIdp('jd', { name: idpName('jdr'), password: 'jd-pass-3' });
      const blocked = (seen.console ?? []).find((line) => line.includes('form-action'));
      expect(
        seen.navigated && !blocked,
        `JD's login form was submitted and left the page${blocked ? ` — but Chromium refused it: ${blocked.trim()}` : ''}`,
      ).to.equal(true);
      const back = await siteLogin(site, 'jdcloud', 'en');
      // Taken once the pick-up (a chunk of its own) has looked at it.
      await until(() => site.location.hash === '', 'the ticket taken out of the address bar');
      await until(
        () => deepAll(back.el, '[part~=step-title]').length > 0,
        'the phone step after the redirect',
      );
    } finally {
      site.close();
    }
  });
});
