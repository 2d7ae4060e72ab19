/**
 * QingCloud end to end (registration, password login with "the password picks the account",
 * SMS login with the account chooser, sub-account login: docs/flows.md), in English and Chinese, against the real server.
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
  deepAll,
  expectFieldError,
  expectFormError,
  field,
  fill,
  message,
  messagePattern,
  newEmail,
  normalise,
  newPhone,
  outboxCode,
  part,
  record,
  serverNow,
  sessionAccount,
  settle,
  StepAudit,
  text,
  until,
  waitForStep,
  type Locale,
} from './support/e2e.ts';

const provider = 'qingcloud';
const PASSWORD = 'qing2024pass';

const identifierLabel = (locale: Locale) =>
  [text(locale, 'identifier.phone'), text(locale, 'identifier.email')].join(text(locale, 'identifier.join'));

/** `{code}.wait` with a wait of minutes or hours in words ("15 min", "11 h"), never "40000 s". */
function longWaitPattern(locale: Locale, code: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const units = (['retry.minutes', 'retry.hours'] as const).map((key) =>
    escape(text(locale, key, { minutes: 7, hours: 7 })).replace('7', '\\d+'),
  );
  return new RegExp(
    escape(message(locale, `${code}.wait`, { wait: 'WAIT' })).replace('WAIT', `(?:${units.join('|')})`),
  );
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

async function registerElement(locale: Locale) {
  const el = await fixture<HTMLElement>(
    html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-register>`,
  );
  const rec = record(el);
  await settle(el);
  return { el, rec };
}

/** Two accounts on one phone with the same password: the case password and SMS login answer with a chooser. */
async function sharedPhoneAccounts() {
  const phone = newPhone();
  const agreements = await agreementIds(provider);
  const first = await createAccount(provider, {
    phone: phone.e164,
    code: await codeFor(provider, phone.e164, 'register'),
    password: PASSWORD,
    agreements,
  });
  await advanceClock(61); // the 60 s resend cooldown of the phone
  const second = await createAccount(provider, {
    phone: phone.e164,
    code: await codeFor(provider, phone.e164, 'register'),
    password: PASSWORD,
    agreements,
  });
  return { phone, ids: [first.account.id, second.account.id] };
}

for (const locale of LOCALES) {
  describe(`qingcloud (${locale})`, function () {
    this.timeout(60_000);
    const t = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) =>
      text(locale, key, params);

    it('registers (phone + code → password + agreements), then logs in with phone and password', async () => {
      const audit = new StepAudit();
      const el = await fixture<HTMLElement>(
        html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-register>`,
      );
      const rec = record(el);
      await settle(el);
      await audit.check(el, 'phone');

      const phone = newPhone();
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      const code = await outboxCode(provider, phone.e164);
      fill(field(el, t('label.code')), code);
      await audit.check(el, 'phone (filled)');
      button(el, t('action.next')).click();

      await waitForStep(el, rec, 'password');
      await audit.check(el, 'password');
      fill(field(el, t('label.password')), PASSWORD);
      part(el, 'checkbox').click();
      button(el, t('action.register')).click();

      await waitForStep(el, rec, 'done');
      await audit.check(el, 'done');
      expect(rec.success, 'cloud-register-success fired').to.exist;
      const registered = await sessionAccount(provider, rec.success!.session.token);
      expect(registered.id).to.equal(rec.success!.account.id);
      expect(registered.phone).to.be.a('string').and.include('****');
      expect(el.shadowRoot!.textContent).to.include(
        t('register.signedInAs', { name: registered.phone as string }),
      );

      const login = await loginElement(locale);
      await audit.check(login.el, 'login');
      fill(field(login.el, identifierLabel(locale)), phone.national);
      fill(field(login.el, t('label.password')), PASSWORD);
      button(login.el, t('action.login')).click();
      await waitForStep(login.el, login.rec, 'done');
      await audit.check(login.el, 'login done');
      expect(login.rec.success!.account.id).to.equal(registered.id);
      expect(login.rec.success!.session.token, 'a new session at each sign-in').to.not.equal(
        rec.success!.session.token,
      );
      expect((await sessionAccount(provider, login.rec.success!.session.token)).id).to.equal(registered.id);
      audit.assert();
    });

    it('logs in with an SMS code and picks one of the phone’s accounts in the chooser (SMS login and account chooser)', async () => {
      const audit = new StepAudit();
      const { phone, ids } = await sharedPhoneAccounts();
      await advanceClock(61);
      const { el, rec } = await loginElement(locale);
      button(el, t('method.sms')).click();
      await waitForStep(el, rec, 'sms');
      await audit.check(el, 'sms');

      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      const code = await outboxCode(provider, phone.e164, 2);
      fill(field(el, t('label.code')), code);
      button(el, t('action.login')).click();

      await waitForStep(el, rec, 'choose-account');
      await audit.check(el, 'choose-account');
      const choices = el
        .shadowRoot!.querySelector('cloud-account-chooser')!
        .shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=account]');
      expect(choices.length, 'both accounts of the phone are offered').to.equal(2);
      // Phone-only accounts of one phone: their buttons still read differently (id, dates).
      const names = [...choices].map((choice) => normalise(choice.textContent));
      expect(names[0], 'the two accounts are told apart').to.not.equal(names[1]);
      ids.forEach((id, i) => expect(names.join(' '), `account ${i + 1}'s id`).to.contain(id.slice(-4)));
      choices[1]!.click();

      await waitForStep(el, rec, 'done');
      await audit.check(el, 'done');
      expect(ids).to.include(rec.success!.account.id);
      expect((await sessionAccount(provider, rec.success!.session.token)).id).to.equal(
        rec.success!.account.id,
      );
      audit.assert();
    });

    it('offers the chooser when the password matches several accounts of the phone (password login)', async () => {
      const audit = new StepAudit();
      const { phone, ids } = await sharedPhoneAccounts();
      const { el, rec } = await loginElement(locale);
      fill(field(el, identifierLabel(locale)), phone.national);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.login')).click();
      await waitForStep(el, rec, 'choose-account');
      await audit.check(el, 'choose-account');
      const choices = el
        .shadowRoot!.querySelector('cloud-account-chooser')!
        .shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=account]');
      expect(choices.length).to.equal(2);
      choices[0]!.click();
      await waitForStep(el, rec, 'done');
      expect(ids).to.include(rec.success!.account.id);
      audit.assert();
    });

    it('logs a sub-account in on the sub-account tab (sub-account login)', async () => {
      const audit = new StepAudit();
      const phone = newPhone();
      const main = await createAccount(provider, {
        phone: phone.e164,
        code: await codeFor(provider, phone.e164, 'register'),
        password: PASSWORD,
        agreements: await agreementIds(provider),
      });
      const email = newEmail('sub');
      const created = await api<{ account: { id: string } }>(
        provider,
        'POST',
        '/account/subaccounts',
        { email, password: 'subpass2024' },
        main.session.token,
      );
      expect(created.status, JSON.stringify(created.body)).to.equal(201);

      const { el, rec } = await loginElement(locale);
      button(el, t('method.subaccount')).click();
      await waitForStep(el, rec, 'subaccount');
      await audit.check(el, 'subaccount');
      fill(field(el, t('label.email')), email);
      fill(field(el, t('label.password')), 'subpass2024');
      button(el, t('action.login')).click();
      await waitForStep(el, rec, 'done');
      await audit.check(el, 'done');
      expect(rec.success!.account.id).to.equal(created.body.account.id);
      expect(rec.success!.account.kind).to.equal('sub');
      audit.assert();
    });

    it('says code_cooldown at the code, with the button counting down, when a code was just sent', async () => {
      const phone = newPhone();
      await codeFor(provider, phone.e164, 'register'); // a moment ago, e.g. in another tab
      const { el } = await registerElement(locale);
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      await expectFieldError(
        field(el, t('label.code')),
        messagePattern(locale, 'code_cooldown'),
        'code_cooldown',
      );
      const send = part<HTMLButtonElement>(el, 'send');
      expect(send.disabled, 'no new request during the cooldown').to.equal(true);
      expect(send.textContent!.trim()).to.match(
        new RegExp(t('action.resendIn', { seconds: 999 }).replace('999', '\\d+').replace(/[()]/g, '\\$&')),
      );
      await expect(el).to.be.accessible();
    });

    it('says agreements_required at the agreements before sending anything', async () => {
      const { el, rec } = await registerElement(locale);
      const phone = newPhone();
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      fill(field(el, t('label.code')), await outboxCode(provider, phone.e164));
      button(el, t('action.next')).click();
      await waitForStep(el, rec, 'password');
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.register')).click();
      await expectFieldError(
        part(el, 'checkbox'),
        message(locale, 'agreements_required'),
        'agreements_required',
      );
      expect(rec.success).to.not.exist;
      await expect(el).to.be.accessible();
    });

    it('says invalid_code for each wrong SMS code, then too_many_attempts at the fifth', async () => {
      const phone = newPhone();
      const { el, rec } = await loginElement(locale);
      button(el, t('method.sms')).click();
      await waitForStep(el, rec, 'sms');
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      const code = await outboxCode(provider, phone.e164);
      const codeField = field(el, t('label.code'));
      fill(codeField, String((Number(code) + 1) % 1e6).padStart(6, '0'));
      for (let attempt = 1; attempt <= 5; attempt++) {
        button(el, t('action.login')).click();
        await until(() => rec.errors.length === attempt, `answer to attempt ${attempt}`);
        const expected = attempt < 5 ? 'invalid_code' : 'too_many_attempts';
        expect(rec.errors[attempt - 1]!.code).to.equal(expected);
        await expectFieldError(codeField, message(locale, expected), expected);
      }
      await expect(el).to.be.accessible();
    });

    it('says code_expired at the code when the code is older than 5 minutes', async () => {
      const phone = newPhone();
      const { el, rec } = await loginElement(locale);
      button(el, t('method.sms')).click();
      await waitForStep(el, rec, 'sms');
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      fill(field(el, t('label.code')), await outboxCode(provider, phone.e164));
      await advanceClock(301);
      button(el, t('action.login')).click();
      await expectFieldError(field(el, t('label.code')), message(locale, 'code_expired'), 'code_expired');
      await expect(el).to.be.accessible();
    });

    it('says not_found at the phone when no account has it (SMS login)', async () => {
      const phone = newPhone();
      const { el, rec } = await loginElement(locale);
      button(el, t('method.sms')).click();
      await waitForStep(el, rec, 'sms');
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      fill(field(el, t('label.code')), await outboxCode(provider, phone.e164));
      button(el, t('action.login')).click();
      await expectFieldError(field(el, t('label.phone')), message(locale, 'not_found.phone'), 'not_found');
      await expect(el).to.be.accessible();
    });

    it('says ticket_expired and goes back to the form when the chooser waited over 10 minutes', async () => {
      const { phone } = await sharedPhoneAccounts();
      const { el, rec } = await loginElement(locale);
      fill(field(el, identifierLabel(locale)), phone.national);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.login')).click();
      await waitForStep(el, rec, 'choose-account');
      await advanceClock(601);
      el.shadowRoot!.querySelector('cloud-account-chooser')!
        .shadowRoot!.querySelector<HTMLButtonElement>('[part~=account]')!
        .click();
      await waitForStep(el, rec, 'password');
      await expectFormError(el, message(locale, 'ticket_expired'));
      expect(rec.success).to.not.exist;
      await expect(el).to.be.accessible();
    });

    it('says rate_limited at the code when the phone had its 10 codes today', async () => {
      // The cap counts per UTC day: start well inside one, so the ten cooldowns below stay in it.
      const now = await serverNow();
      const toMidnight =
        (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000;
      if (toMidnight < 20 * 60) await advanceClock(Math.ceil(toMidnight) + 60);
      const phone = newPhone();
      for (let i = 0; i < 10; i++) {
        const sent = await api(provider, 'POST', '/codes', {
          phone: phone.e164,
          channel: 'sms',
          purpose: 'login',
        });
        expect(sent.status, `code ${i + 1} of the day`).to.equal(202);
        await advanceClock(61);
      }
      const { el, rec } = await loginElement(locale);
      await chooseMethod(el, t('method.sms'));
      await waitForStep(el, rec, 'sms');
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      // The day's cap lifts at UTC midnight, at least ~10 min away: the wait reads in min or h.
      await expectFieldError(
        field(el, t('label.code')),
        longWaitPattern(locale, 'rate_limited'),
        'rate_limited',
      );
      await expect(el).to.be.accessible();
    });

    // A site that hides the agreements in the browser (an override) while the server still wants
    // them: the server's agreements_required must still reach the user.
    it('shows the server’s agreements when the page left them out', async () => {
      // The element reads the server's config: the agreements the server requires come back.
      const el = await fixture<HTMLElement>(
        html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale=${locale} .config=${{ overrides: { agreements: [] } }}></cloud-register>`,
      );
      const rec = record(el);
      await settle(el);
      const phone = newPhone();
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      fill(field(el, t('label.code')), await outboxCode(provider, phone.e164));
      button(el, t('action.next')).click();
      await waitForStep(el, rec, 'password');
      await until(() => deepAll(el, 'cloud-agreements').length > 0, 'the server’s agreements shown');
      await expect(el).to.be.accessible();
    });
  });
}
