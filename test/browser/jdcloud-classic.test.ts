/**
 * JD Cloud classic end to end (registration, docs/flows.md#register-jdcloud-classic: phone in one
 * of four regions + code + agreements → name + password → enable service; password login by
 * account name), in English and Chinese.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  LOCALES,
  apiUrl,
  button,
  chooseMethod,
  expectFieldError,
  field,
  fill,
  message,
  newAccountName,
  newEmail,
  newPhone,
  outboxCode,
  part,
  pickRegion,
  record,
  sessionAccount,
  settle,
  StepAudit,
  text,
  waitForStep,
  type Locale,
  type Phone,
} from './support/e2e.ts';

const provider = 'jdcloud-classic';
const PASSWORD = 'classic2024';

let hk = 0;
/** A Hong Kong mobile number (the preset's regions: CN, HK, MO, TW). */
function newHongKongPhone(): Phone {
  const national = `6${String(Date.now() % 1e4).padStart(4, '0')}${String(++hk).padStart(3, '0')}`;
  return { national, e164: `+852${national}` };
}

async function registerElement(locale: Locale) {
  const el = await fixture<HTMLElement>(
    html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-register>`,
  );
  const rec = record(el);
  await settle(el);
  return { el, rec };
}

for (const locale of LOCALES) {
  describe(`jdcloud-classic (${locale})`, function () {
    this.timeout(60_000);
    const t = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) =>
      text(locale, key, params);

    it('registers (phone + code + agreements → name + password → enable service), then logs in by name', async () => {
      const audit = new StepAudit();
      const { el, rec } = await registerElement(locale);
      await audit.check(el, 'phone');

      // English: a mainland number; Chinese: a Hong Kong one, picked in the region list.
      const phone = locale === 'en' ? newPhone() : newHongKongPhone();
      if (locale !== 'en') await pickRegion(el, 'HK');
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      fill(field(el, t('label.code')), await outboxCode(provider, phone.e164));
      part(el, 'checkbox').click();
      await audit.check(el, 'phone (filled)');
      button(el, t('action.next')).click();

      await waitForStep(el, rec, 'credentials');
      await audit.check(el, 'credentials');
      const name = newAccountName('classic');
      // 001: "User Name and Password Setting".
      fill(field(el, t('label.userName')), name);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.next')).click();

      await waitForStep(el, rec, 'enable-service');
      await audit.check(el, 'enable-service');
      const contactPhone = field(el, t('label.contactPhone'));
      expect(
        contactPhone.value.replace(/\D/g, ''),
        'the contact phone starts as the verified phone',
      ).to.equal(phone.national);
      const contactEmail = newEmail('contact');
      fill(field(el, `${t('label.contactEmail')} (${t('label.optional')})`), contactEmail);
      fill(field(el, t('label.recommendationCode')), 'SALES-042');
      // 001: "Click Submit, then you can enable JD Cloud service."
      button(el, t('action.submit')).click();

      await waitForStep(el, rec, 'done');
      await audit.check(el, 'done');
      const account = await sessionAccount(provider, rec.success!.session.token);
      expect(account.accountName).to.equal(name);

      const login = await fixture<HTMLElement>(
        html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-login>`,
      );
      const loginRec = record(login);
      await settle(login);
      await chooseMethod(login, t('method.password'));
      await audit.check(login, 'login');
      fill(field(login, t('identifier.accountName')), name);
      fill(field(login, t('label.password')), PASSWORD);
      button(login, t('action.login')).click();
      await waitForStep(login, loginRec, 'done');
      await audit.check(login, 'login done');
      expect(loginRec.success!.account.id).to.equal(account.id);
      audit.assert();
    });

    it('says invalid_code at the code, on the phone step itself, when the code was wrong', async () => {
      const { el } = await registerElement(locale);
      const phone = newPhone();
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      const code = await outboxCode(provider, phone.e164);
      const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
      fill(field(el, t('label.code')), wrong);
      part(el, 'checkbox').click();
      // The code is checked at its own step (POST /codes/verify): the person never gets further.
      button(el, t('action.next')).click();
      await expectFieldError(field(el, t('label.code')), message(locale, 'invalid_code'), 'invalid_code');
      await expect(el).to.be.accessible();
    });
  });
}
