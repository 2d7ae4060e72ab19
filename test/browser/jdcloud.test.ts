/**
 * JD Cloud end to end (registration with the security-email step, password login by account
 * name, phone and verified email, the legacy JD accounts' "use JD login" answer; docs/flows.md), in English and Chinese, against the real server.
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
  chooseMethod,
  codeFor,
  createAccount,
  expectFieldError,
  expectFormError,
  field,
  fill,
  message,
  messagePattern,
  newAccountName,
  newEmail,
  newPhone,
  outboxCode,
  outboxLink,
  part,
  record,
  sessionAccount,
  settle,
  StepAudit,
  text,
  waitForStep,
  type Locale,
  type Phone,
  type Recorder,
  spendLink,
} from './support/e2e.ts';

const provider = 'jdcloud';
const PASSWORD = 'Jd@2024cloud';

const identifierLabel = (locale: Locale) =>
  ['accountName', 'phone', 'email']
    .map((k) => text(locale, `identifier.${k}` as 'identifier.phone'))
    .join(text(locale, 'identifier.join'));

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

/** Registration's two pre-account steps: name + password, then phone + code + agreements. */
async function fillRegistration(
  el: HTMLElement,
  rec: Recorder,
  locale: Locale,
  o: { name: string; phone: Phone; audit?: StepAudit },
) {
  const t = (key: Parameters<typeof text>[1]) => text(locale, key);
  fill(field(el, t('label.accountName')), o.name);
  fill(field(el, t('label.password')), PASSWORD);
  await o.audit?.check(el, 'credentials (filled)');
  button(el, t('action.next')).click();
  await waitForStep(el, rec, 'phone');
  await o.audit?.check(el, 'phone');
  fill(field(el, t('label.phone')), o.phone.national);
  button(el, t('action.getCode')).click();
  fill(field(el, t('label.code')), await outboxCode(provider, o.phone.e164));
  part(el, 'checkbox').click();
  await o.audit?.check(el, 'phone (filled)');
  button(el, t('action.register')).click();
}

async function logIn(locale: Locale, identifier: string, password: string) {
  const { el, rec } = await loginElement(locale);
  fill(field(el, identifierLabel(locale)), identifier);
  fill(field(el, text(locale, 'label.password')), password);
  button(el, text(locale, 'action.login')).click();
  return { el, rec };
}

for (const locale of LOCALES) {
  describe(`jdcloud (${locale})`, function () {
    this.timeout(60_000);
    const t = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) =>
      text(locale, key, params);

    it('registers (name + password → phone + code + agreements → security email), then logs in by name and by phone', async () => {
      const audit = new StepAudit();
      const { el, rec } = await registerElement(locale);
      await audit.check(el, 'credentials');
      // A CJK account name in Chinese (the preset allows it), Latin in English.
      const name = locale === 'zh-CN' ? `云测试${newAccountName('u').slice(-6)}` : newAccountName('jd');
      const phone = newPhone();
      await fillRegistration(el, rec, locale, { name, phone, audit });

      await waitForStep(el, rec, 'security-email');
      await audit.check(el, 'security-email');
      expect(rec.success, 'success waits for the security-email step to be done or skipped').to.not.exist;

      let email: string | undefined;
      if (locale === 'en') {
        email = newEmail('jd-sec');
        fill(field(el, t('label.securityEmail')), email);
        button(el, t('action.submit')).click();
        await waitForStep(el, rec, 'security-email-sent');
        await audit.check(el, 'security-email-sent');
        button(el, t('register.done')).click();
      } else {
        button(el, t('action.skip')).click();
      }
      await waitForStep(el, rec, 'done');
      await audit.check(el, 'done');
      const account = await sessionAccount(provider, rec.success!.session.token);
      expect(account.accountName).to.equal(name);
      expect(el.shadowRoot!.textContent).to.include(t('register.signedInAs', { name }));

      const byName = await logIn(locale, name, PASSWORD);
      await waitForStep(byName.el, byName.rec, 'done');
      await audit.check(byName.el, 'login done');
      expect(byName.rec.success!.account.id).to.equal(account.id);

      // The first account of a phone may log in with it.
      const byPhone = await logIn(locale, phone.national, PASSWORD);
      await waitForStep(byPhone.el, byPhone.rec, 'done');
      expect(byPhone.rec.success!.account.id).to.equal(account.id);

      if (email) {
        // Security email: the verification link makes the email a login identifier.
        const link = await outboxLink(provider, email);
        const verified = await spendLink(link);
        expect(verified.status, 'security email link verifies').to.equal(200);
        const byEmail = await logIn(locale, email, PASSWORD);
        await waitForStep(byEmail.el, byEmail.rec, 'done');
        expect(byEmail.rec.success!.account.id).to.equal(account.id);
      }
      audit.assert();
    });

    it('says invalid_credentials for a wrong password', async () => {
      const phone = newPhone();
      const name = newAccountName('jdw');
      await createAccount(provider, {
        accountName: name,
        password: PASSWORD,
        phone: phone.e164,
        code: await codeFor(provider, phone.e164, 'register'),
        agreements: await agreementIds(provider),
      });
      const { el } = await logIn(locale, name, 'Wrong@2024pw');
      await expectFormError(el, message(locale, 'invalid_credentials'));
      await expect(el).to.be.accessible();
      // The same answer for an account that does not exist (no enumeration).
      const unknown = await logIn(locale, newAccountName('nobody'), PASSWORD);
      await expectFormError(unknown.el, message(locale, 'invalid_credentials'));
    });

    it('says use_parent_login at the identifier for an older JD account (legacy JD accounts)', async () => {
      const phone = newPhone();
      const legacy = await api(provider, 'POST', '/dev/legacy-accounts', {
        phone: phone.e164,
        password: 'legacy-123',
      });
      expect(legacy.status, JSON.stringify(legacy.body)).to.equal(201);
      const { el } = await logIn(locale, phone.national, 'legacy-123');
      await expectFieldError(
        field(el, identifierLabel(locale)),
        message(locale, 'use_parent_login'),
        'use_parent_login',
      );
      await expect(el).to.be.accessible();
    });

    it('says account_name_taken at the account name, back on the first step', async () => {
      const taken = newAccountName('jdt');
      const first = newPhone();
      await createAccount(provider, {
        accountName: taken,
        password: PASSWORD,
        phone: first.e164,
        code: await codeFor(provider, first.e164, 'register'),
        agreements: await agreementIds(provider),
      });
      const { el, rec } = await registerElement(locale);
      await fillRegistration(el, rec, locale, { name: taken, phone: newPhone() });
      await waitForStep(el, rec, 'credentials');
      await expectFieldError(
        field(el, t('label.accountName')),
        message(locale, 'account_name_taken'),
        'account_name_taken',
      );
      await expect(el).to.be.accessible();
    });

    it('follows the server’s rules when the page’s are looser: the name is refused on its field', async () => {
      // The site loosened the account-name rule in the browser only; the element reads the
      // server's policies (GET /config) and checks its rule on the field, before any request.
      const { el, rec } = await registerElement(locale, {
        overrides: { accountName: { forbidDigitsOnly: false } },
      });
      await settle(el);
      const nameField = field(el, t('label.accountName'));
      fill(nameField, `2024${Math.floor(Math.random() * 1e6)}`);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.next')).click();
      await expectFieldError(nameField, message(locale, 'account_name_digits_only'), 'the server’s rule');
      expect(rec.steps).to.not.include('phone');
      await expect(el).to.be.accessible();
    });

    /** A fresh registration, signed in, on the security-email step. */
    async function onSecurityEmailStep() {
      const { el, rec } = await registerElement(locale);
      await fillRegistration(el, rec, locale, { name: newAccountName('jds'), phone: newPhone() });
      await waitForStep(el, rec, 'security-email');
      return { el, rec };
    }

    it('says code_cooldown at the security email when another link is asked for within 60 s', async () => {
      const { el, rec } = await onSecurityEmailStep();
      fill(field(el, t('label.securityEmail')), newEmail('first'));
      button(el, t('action.submit')).click();
      await waitForStep(el, rec, 'security-email-sent');
      button(el, t('action.back')).click();
      await waitForStep(el, rec, 'security-email');
      const email = field(el, t('label.securityEmail'));
      fill(email, newEmail('second'));
      button(el, t('action.submit')).click();
      await expectFieldError(email, messagePattern(locale, 'code_cooldown.email'), 'code_cooldown');
      await expect(el).to.be.accessible();
    });

    it('says unauthenticated at the security email when the new session has run out (30 days)', async () => {
      const { el } = await onSecurityEmailStep();
      await advanceClock(30 * 86_400 + 60);
      const email = field(el, t('label.securityEmail'));
      fill(email, newEmail('late'));
      button(el, t('action.submit')).click();
      await expectFieldError(email, message(locale, 'unauthenticated'), 'unauthenticated');
      await expect(el).to.be.accessible();
    });
  });
}
