/**
 * "Forgot password?" end to end, per preset, against the real server: the code is read from the
 * dev outbox, the new password then signs in and the old one no longer does. QingCloud's shared
 * phone goes through the account chooser. Each reset step passes axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  advanceClock,
  agreementIds,
  api,
  apiUrl,
  chooseMethod,
  codeFor,
  createAccount,
  message,
  newAccountName,
  newEmail,
  newPhone,
  outbox,
  outboxCode,
  outboxLink,
  record,
  settle,
  text,
  until,
  waitForStep,
  type Locale,
  type Provider,
  spendLink,
} from './support/e2e.ts';

const OLD = 'Old-pass2024';
const NEW = 'New-pass2025';

async function loginElement(provider: Provider, locale: Locale) {
  const el = await fixture<HTMLElement>(
    html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-login>`,
  );
  const rec = record(el);
  await settle(el);
  await chooseMethod(el, text(locale, 'method.password'));
  return { el, rec };
}

const resetRoot = (el: HTMLElement) => el.shadowRoot!.querySelector('cloud-password-reset')!.shadowRoot!;

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function submit(el: HTMLElement) {
  resetRoot(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await settle(el);
}

/**
 * Runs the reset in the page: "Forgot password?", identifier, the code sent to `to`, the chooser
 * (picking `pick`) when the server shows one, the new password; ends signed in.
 */
async function reset(
  provider: Provider,
  locale: Locale,
  o: { identifier: string; to: string; pick?: string; password?: string },
) {
  const { el, rec } = await loginElement(provider, locale);
  const forgot = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=forgot]')!;
  expect(forgot.textContent!.trim()).to.equal(text(locale, 'login.forgot'));
  forgot.click();
  await waitForStep(el, rec, 'reset-identifier');
  await expect(el).to.be.accessible();
  const seen = (await outbox(provider, o.to)).filter((m) => m.code).length;
  type(resetRoot(el).querySelector<HTMLInputElement>('#identifier')!, o.identifier);
  await submit(el);
  await waitForStep(el, rec, 'reset-code');
  await expect(el).to.be.accessible();
  const code = await outboxCode(provider, o.to, seen);
  type(resetRoot(el).querySelector('cloud-code-input')!.shadowRoot!.querySelector('input')!, code);
  await submit(el);
  await until(
    () => ['reset-choose-account', 'reset-password'].includes(rec.steps.at(-1) ?? ''),
    () => `chooser or password; steps ${rec.steps}, errors ${JSON.stringify(rec.errors)}`,
  );
  await settle(el);
  if (rec.steps.at(-1) === 'reset-choose-account') {
    await expect(el).to.be.accessible();
    const buttons = [
      ...resetRoot(el)
        .querySelector('cloud-account-chooser')!
        .shadowRoot!.querySelectorAll<HTMLButtonElement>('button'),
    ];
    expect(buttons.length).to.be.greaterThan(1);
    (buttons.find((b) => o.pick && b.textContent!.includes(o.pick)) ?? buttons[0]!).click();
    await waitForStep(el, rec, 'reset-password');
  }
  await expect(el).to.be.accessible();
  type(
    resetRoot(el).querySelector('cloud-password-field')!.shadowRoot!.querySelector('input')!,
    o.password ?? NEW,
  );
  await submit(el);
  return { el, rec };
}

async function signsIn(provider: Provider, identifier: string, password: string): Promise<number> {
  return (await api(provider, 'POST', '/sessions', { identifier, password })).status;
}

describe('forgot password (end to end)', function () {
  this.timeout(60_000);

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`jdcloud (${locale}): by account name, code by SMS, new password signs in`, async () => {
      const phone = newPhone();
      const name = newAccountName('rst');
      await createAccount('jdcloud', {
        accountName: name,
        password: OLD,
        phone: phone.e164,
        code: await codeFor('jdcloud', phone.e164, 'register'),
        agreements: await agreementIds('jdcloud'),
      });
      const { el, rec } = await reset('jdcloud', locale, { identifier: name, to: phone.e164 });
      await until(() => rec.success, 'cloud-login-success');
      expect(rec.steps).to.include.members(['reset-identifier', 'reset-code', 'reset-password']);
      expect(el.shadowRoot!.querySelector('[part=done]')).to.not.equal(null);
      expect(await signsIn('jdcloud', name, NEW)).to.equal(200);
      expect(await signsIn('jdcloud', name, OLD)).to.equal(401);
    });

    it(`jdcloud-classic (${locale}): by account name; the same password is refused`, async () => {
      const phone = newPhone();
      const name = newAccountName('rsc');
      await createAccount('jdcloud-classic', {
        phone: phone.e164,
        code: await codeFor('jdcloud-classic', phone.e164, 'register'),
        agreements: await agreementIds('jdcloud-classic'),
        accountName: name,
        password: OLD,
        contactPhone: phone.e164,
      });
      const { el, rec } = await reset('jdcloud-classic', locale, {
        identifier: name,
        to: phone.e164,
        password: OLD,
      });
      await until(
        () =>
          resetRoot(el)
            .querySelector('cloud-password-field')!
            .shadowRoot!.textContent!.includes(message(locale, 'password_reused')),
        'password_reused',
      );
      expect(rec.errors.at(-1)?.code).to.equal('validation_failed');
      type(resetRoot(el).querySelector('cloud-password-field')!.shadowRoot!.querySelector('input')!, NEW);
      await submit(el);
      await until(() => rec.success, 'cloud-login-success');
      expect(await signsIn('jdcloud-classic', name, NEW)).to.equal(200);
    });
  }

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`qingcloud (${locale}): two accounts on one phone go through the chooser; only the chosen one changes`, async () => {
      const phone = newPhone();
      const agreements = true;
      const first = await createAccount('qingcloud', {
        phone: phone.e164,
        code: await codeFor('qingcloud', phone.e164, 'register'),
        password: OLD,
        agreements,
      });
      await advanceClock(61); // the phone's 60 s resend cooldown
      const second = await createAccount('qingcloud', {
        phone: phone.e164,
        code: await codeFor('qingcloud', phone.e164, 'register'),
        password: 'Other-pass2024',
        agreements,
      });
      await advanceClock(61);
      const { rec } = await reset('qingcloud', locale, {
        identifier: phone.national,
        to: phone.e164,
        pick: String(first.account.accountName ?? ''),
      });
      await until(() => rec.success, 'cloud-login-success');
      expect(rec.steps).to.include('reset-choose-account');
      expect([first.account.id, second.account.id]).to.include(rec.success!.account.id);
      expect(await signsIn('qingcloud', phone.e164, NEW)).to.equal(200);
      // The other account on the phone keeps its password.
      const otherPassword = rec.success!.account.id === first.account.id ? 'Other-pass2024' : OLD;
      expect(await signsIn('qingcloud', phone.e164, otherPassword)).to.equal(200);
    });
  }

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`default (${locale}): by phone`, async () => {
      const phone = newPhone();
      await createAccount('default', {
        phone: phone.e164,
        code: await codeFor('default', phone.e164, 'register'),
        password: OLD,
      });
      await advanceClock(61); // the registration code's cooldown covers the phone
      // `default` takes phones of any region: typed in international form.
      const { rec } = await reset('default', locale, { identifier: phone.e164, to: phone.e164 });
      await until(() => rec.success, 'cloud-login-success');
      expect(await signsIn('default', phone.e164, NEW)).to.equal(200);
    });

    it(`tencentcloud (${locale}): by the verified email, code by email`, async () => {
      const email = newEmail('rtc');
      const res = await api('tencentcloud', 'POST', '/accounts', {
        email,
        password: OLD,
        agreements: await agreementIds('tencentcloud'),
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(202);
      const link = new URL(await outboxLink('tencentcloud', email));
      const verify = await spendLink(link.href);
      const verified = { body: (await verify.json()) as { ticket: string } };
      const config = await api<{ industries: { id: string }[] }>('tencentcloud', 'GET', '/config');
      const done = await api('tencentcloud', 'POST', '/continue', {
        ticket: verified.body.ticket,
        industry: config.body.industries[0]!.id,
      });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      const { rec } = await reset('tencentcloud', locale, { identifier: email, to: email });
      await until(() => rec.success, 'cloud-login-success');
      expect(await signsIn('tencentcloud', email, NEW)).to.equal(200);
    });
  }
});
