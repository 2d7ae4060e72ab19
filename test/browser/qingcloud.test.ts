/**
 * QingCloud end to end (F3, F5 with "the password picks the account", F6 with the account
 * chooser, F9 sub-accounts), in English and Chinese, against the real server.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  LOCALES,
  advanceClock,
  agreementIds,
  api,
  apiUrl,
  button,
  codeFor,
  createAccount,
  field,
  fill,
  newEmail,
  newPhone,
  outboxCode,
  part,
  record,
  sessionAccount,
  settle,
  text,
  waitForStep,
  type Locale,
} from './support/e2e.ts';

const provider = 'qingcloud';
const PASSWORD = 'qing2024pass';

const identifierLabel = (locale: Locale) =>
  [text(locale, 'identifier.phone'), text(locale, 'identifier.email')].join(text(locale, 'identifier.join'));

async function loginElement(locale: Locale) {
  const el = await fixture<HTMLElement>(html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-login>`);
  const rec = record(el);
  await settle(el);
  return { el, rec };
}

/** Two accounts on one phone with the same password: the case F5/F6 answer with a chooser. */
async function sharedPhoneAccounts() {
  const phone = newPhone();
  const agreements = await agreementIds(provider);
  const first = await createAccount(provider, { phone: phone.e164, code: await codeFor(provider, phone.e164, 'register'), password: PASSWORD, agreements });
  await advanceClock(61); // the 60 s resend cooldown of the phone
  const second = await createAccount(provider, { phone: phone.e164, code: await codeFor(provider, phone.e164, 'register'), password: PASSWORD, agreements });
  return { phone, ids: [first.account.id, second.account.id] };
}

for (const locale of LOCALES) {
  describe(`qingcloud (${locale})`, function () {
    this.timeout(30_000);
    const t = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) => text(locale, key, params);

    it('registers (phone + code → password + agreements), then logs in with phone and password', async () => {
      const el = await fixture<HTMLElement>(
        html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-register>`,
      );
      const rec = record(el);
      await settle(el);
      await expect(el).to.be.accessible();

      const phone = newPhone();
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      const code = await outboxCode(provider, phone.e164);
      fill(field(el, t('label.code')), code);
      await expect(el).to.be.accessible();
      button(el, t('action.next')).click();

      await waitForStep(el, rec, 'password');
      await expect(el).to.be.accessible();
      fill(field(el, t('label.password')), PASSWORD);
      part(el, 'checkbox').click();
      button(el, t('action.register')).click();

      await waitForStep(el, rec, 'done');
      await expect(el).to.be.accessible();
      expect(rec.success, 'cloud-register-success fired').to.exist;
      const registered = await sessionAccount(provider, rec.success!.session.token);
      expect(registered.id).to.equal(rec.success!.account.id);
      expect(registered.phone).to.be.a('string').and.include('****');
      expect(el.shadowRoot!.textContent).to.include(t('register.signedInAs', { name: registered.phone as string }));

      const login = await loginElement(locale);
      await expect(login.el).to.be.accessible();
      fill(field(login.el, identifierLabel(locale)), phone.national);
      fill(field(login.el, t('label.password')), PASSWORD);
      button(login.el, t('action.login')).click();
      await waitForStep(login.el, login.rec, 'done');
      await expect(login.el).to.be.accessible();
      expect(login.rec.success!.account.id).to.equal(registered.id);
      expect(login.rec.success!.session.token, 'a new session at each sign-in').to.not.equal(rec.success!.session.token);
      expect((await sessionAccount(provider, login.rec.success!.session.token)).id).to.equal(registered.id);
    });

    it('logs in with an SMS code and picks one of the phone’s accounts in the chooser (F6)', async () => {
      const { phone, ids } = await sharedPhoneAccounts();
      await advanceClock(61);
      const { el, rec } = await loginElement(locale);
      button(el, t('method.sms')).click();
      await waitForStep(el, rec, 'sms');
      await expect(el).to.be.accessible();

      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      const code = await outboxCode(provider, phone.e164, 2);
      fill(field(el, t('label.code')), code);
      button(el, t('action.login')).click();

      await waitForStep(el, rec, 'choose-account');
      await expect(el).to.be.accessible();
      const choices = el.shadowRoot!.querySelector('cloud-account-chooser')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=account]');
      expect(choices.length, 'both accounts of the phone are offered').to.equal(2);
      choices[1]!.click();

      await waitForStep(el, rec, 'done');
      await expect(el).to.be.accessible();
      expect(ids).to.include(rec.success!.account.id);
      expect((await sessionAccount(provider, rec.success!.session.token)).id).to.equal(rec.success!.account.id);
    });

    it('offers the chooser when the password matches several accounts of the phone (F5)', async () => {
      const { phone, ids } = await sharedPhoneAccounts();
      const { el, rec } = await loginElement(locale);
      fill(field(el, identifierLabel(locale)), phone.national);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.login')).click();
      await waitForStep(el, rec, 'choose-account');
      await expect(el).to.be.accessible();
      const choices = el.shadowRoot!.querySelector('cloud-account-chooser')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=account]');
      expect(choices.length).to.equal(2);
      choices[0]!.click();
      await waitForStep(el, rec, 'done');
      expect(ids).to.include(rec.success!.account.id);
    });

    it('logs a sub-account in on the sub-account tab (F9)', async () => {
      const phone = newPhone();
      const main = await createAccount(provider, {
        phone: phone.e164,
        code: await codeFor(provider, phone.e164, 'register'),
        password: PASSWORD,
        agreements: await agreementIds(provider),
      });
      const email = newEmail('sub');
      const created = await api<{ account: { id: string } }>(provider, 'POST', '/account/subaccounts', { email, password: 'subpass2024' }, main.session.token);
      expect(created.status, JSON.stringify(created.body)).to.equal(201);

      const { el, rec } = await loginElement(locale);
      button(el, t('method.subaccount')).click();
      await waitForStep(el, rec, 'subaccount');
      await expect(el).to.be.accessible();
      fill(field(el, t('label.email')), email);
      fill(field(el, t('label.password')), 'subpass2024');
      button(el, t('action.login')).click();
      await waitForStep(el, rec, 'done');
      await expect(el).to.be.accessible();
      expect(rec.success!.account.id).to.equal(created.body.account.id);
      expect(rec.success!.account.kind).to.equal('sub');
    });
  });
}
