/**
 * The `default` preset end to end: registration with email or with phone + code, password login
 * by email, SMS login — in English and Chinese — and its refusals (email taken, one account per
 * phone, a common password).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  LOCALES,
  advanceClock,
  apiUrl,
  button,
  chooseMethod,
  codeFor,
  codesSent,
  createAccount,
  expectFieldError,
  field,
  fill,
  message,
  newEmail,
  newPhone,
  outboxCode,
  record,
  sessionAccount,
  settle,
  StepAudit,
  text,
  waitForStep,
  type Locale,
  spendLink,
  outboxLink,
} from './support/e2e.ts';

const provider = 'default';
const PASSWORD = 'correct horse 2024';

const identifierLabel = (locale: Locale) =>
  [text(locale, 'identifier.email'), text(locale, 'identifier.phone')].join(text(locale, 'identifier.join'));

/** Any-region presets read a number with its country code; people type it that way. */
const international = (e164: string) => `+86 ${e164.slice(3)}`;

async function registerElement(locale: Locale, config?: object) {
  const el = await fixture<HTMLElement>(
    html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale=${locale} .config=${config}></cloud-register>`,
  );
  const rec = record(el);
  await settle(el);
  return { el, rec };
}

/** `<cloud-login>` on its password method (the tests that want another one pick it). */
async function loginElement(locale: Locale) {
  const el = await fixture<HTMLElement>(
    html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-login>`,
  );
  const rec = record(el);
  await settle(el);
  await chooseMethod(el, text(locale, 'method.password'));
  return { el, rec };
}

for (const locale of LOCALES) {
  describe(`default (${locale})`, function () {
    this.timeout(60_000);
    const t = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) =>
      text(locale, key, params);

    /** The phone tab: phone + code → password; resolves on the last step's submit. */
    async function registerWithPhone(
      el: HTMLElement,
      rec: ReturnType<typeof record>,
      e164: string,
      audit?: StepAudit,
    ) {
      button(el, t('registerMethod.phone')).click();
      await waitForStep(el, rec, 'phone');
      await audit?.check(el, 'phone');
      fill(field(el, t('label.phone')), international(e164));
      // The phone may hold an older, spent code: wait for the one this click sends.
      const seen = await codesSent(provider, e164);
      button(el, t('action.getCode')).click();
      fill(field(el, t('label.code')), await outboxCode(provider, e164, seen));
      button(el, t('action.next')).click();
      await waitForStep(el, rec, 'password');
      await audit?.check(el, 'password');
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.register')).click();
    }

    it('registers with email + password, then logs in with them', async () => {
      const audit = new StepAudit();
      const { el, rec } = await registerElement(locale);
      await audit.check(el, 'credentials');
      const email = newEmail('def');
      fill(field(el, t('label.email')), email);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.register')).click();
      await waitForStep(el, rec, 'done');
      await audit.check(el, 'done');
      const account = await sessionAccount(provider, rec.success!.session.token);
      expect(account.email).to.equal(email);

      const login = await loginElement(locale);
      await audit.check(login.el, 'login');
      fill(field(login.el, identifierLabel(locale)), email);
      fill(field(login.el, t('label.password')), PASSWORD);
      button(login.el, t('action.login')).click();
      await waitForStep(login.el, login.rec, 'done');
      await audit.check(login.el, 'login done');
      expect(login.rec.success!.account.id).to.equal(account.id);
      audit.assert();
    });

    it('registers with phone + code → password, then logs in with an SMS code', async () => {
      const audit = new StepAudit();
      const { el, rec } = await registerElement(locale);
      const phone = newPhone();
      await registerWithPhone(el, rec, phone.e164, audit);
      await waitForStep(el, rec, 'done');
      await audit.check(el, 'done');
      const account = await sessionAccount(provider, rec.success!.session.token);

      await advanceClock(61); // the phone's resend cooldown
      const login = await loginElement(locale);
      button(login.el, t('method.sms')).click();
      await waitForStep(login.el, login.rec, 'sms');
      await audit.check(login.el, 'sms');
      fill(field(login.el, t('label.phone')), international(phone.e164));
      button(login.el, t('action.getCode')).click();
      fill(field(login.el, t('label.code')), await outboxCode(provider, phone.e164, 1));
      button(login.el, t('action.login')).click();
      await waitForStep(login.el, login.rec, 'done');
      await audit.check(login.el, 'login done');
      expect(login.rec.success!.account.id).to.equal(account.id);
      audit.assert();
    });

    it('says email_taken at the email', async () => {
      const email = newEmail('taken');
      await createAccount(provider, { email, password: PASSWORD });
      // Proven by its link: an address only claimed would keep nobody out.
      expect((await spendLink(await outboxLink(provider, email))).status).to.equal(200);
      const { el } = await registerElement(locale);
      const emailField = field(el, t('label.email'));
      fill(emailField, email);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.register')).click();
      await expectFieldError(emailField, message(locale, 'email_taken'), 'email_taken');
      await expect(el).to.be.accessible();
    });

    it('says phone_account_limit at the phone, back on the first step, when the phone has its one account', async () => {
      const phone = newPhone();
      await createAccount(provider, {
        phone: phone.e164,
        code: await codeFor(provider, phone.e164, 'register'),
        password: PASSWORD,
      });
      await advanceClock(61);
      const { el, rec } = await registerElement(locale);
      await registerWithPhone(el, rec, phone.e164);
      await waitForStep(el, rec, 'phone');
      await expectFieldError(
        field(el, t('label.phone')),
        message(locale, 'phone_account_limit', { count: 1 }),
        'phone_account_limit',
      );
      await expect(el).to.be.accessible();
    });

    it('shows the server’s validation_failed issue (a common password) on the password field', async () => {
      // The page switched the common-password check off; the server keeps it.
      const { el, rec } = await registerElement(locale, { overrides: { password: { rejectCommon: false } } });
      fill(field(el, t('label.email')), newEmail('common'));
      const password = field(el, t('label.password'));
      fill(password, 'password123');
      button(el, t('action.register')).click();
      await expectFieldError(
        field(el, t('label.password')),
        message(locale, 'password_common'),
        'validation_failed issue',
      );
      expect(rec.errors.at(-1)?.code).to.equal('validation_failed');
      await expect(el).to.be.accessible();
    });
  });
}
