/**
 * Two-step verification (docs/flows.md#two-step-verification) end to end, on the `default`
 * preset: `<cloud-account-security>` turns it on — the password as proof, the QR and the key,
 * the app's first code, the recovery codes — then `<cloud-login>` signs in with the password
 * and the app's code; and a sign-in with a recovery code, which works once. The app's codes are
 * computed here from the key the element shows, at the server's (lane's) time, with `otpauth`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { Secret, TOTP } from 'otpauth';
import '@cloud-login/elements';
import '@cloud-login/elements/flows/account-security/cloud-account-security.ts';
import {
  advanceClock,
  api,
  apiUrl,
  button,
  chooseMethod,
  createAccount,
  deepAll,
  expectFieldError,
  field,
  fill,
  newEmail,
  normalise,
  part,
  record,
  serverNow,
  settle,
  StepAudit,
  text,
  until,
  waitForStep,
  type Locale,
} from './support/e2e.ts';

const provider = 'default';
const PASSWORD = 'correct horse 2024';

/** The code an authenticator app shows for `secret` at the server's time. */
async function appCode(secret: string): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: (await serverNow()).getTime() });
}

async function loginElement(locale: Locale) {
  const el = await fixture<HTMLElement>(
    html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-login>`,
  );
  const rec = record(el);
  await settle(el);
  await chooseMethod(el, text(locale, 'method.password'));
  return { el, rec };
}

/** Password sign-in up to the two-step step. */
async function toTwoStep(locale: Locale, email: string, audit: StepAudit) {
  const t = (key: Parameters<typeof text>[1]) => text(locale, key);
  const login = await loginElement(locale);
  const identifier = [t('identifier.email'), t('identifier.phone')].join(t('identifier.join'));
  fill(field(login.el, identifier), email);
  fill(field(login.el, t('label.password')), PASSWORD);
  button(login.el, t('action.login')).click();
  await waitForStep(login.el, login.rec, 'profile');
  await until(() => deepAll(login.el, 'cloud-totp-step').length === 1, 'the two-step step');
  await settle(login.el);
  expect(normalise(part(login.el, 'step-title').textContent)).to.equal(t('twoStep.title'));
  await audit.check(login.el, 'two-step');
  return login;
}

describe('two-step verification (default)', function () {
  this.timeout(90_000);

  it('turns on in account security, then a password sign-in asks for the app’s code (en)', async () => {
    const locale: Locale = 'en';
    const t = (key: Parameters<typeof text>[1]) => text(locale, key);
    const audit = new StepAudit();
    const email = newEmail('totp');
    const { account, session } = await createAccount(provider, { email, password: PASSWORD });

    const security = await fixture<HTMLElement & { step: { name: string } }>(
      html`<cloud-account-security provider=${provider} api=${apiUrl(provider)} locale=${locale} .token=${session.token}></cloud-account-security>`,
    );
    await until(() => deepAll(security, 'cloud-totp-settings').length === 1, 'the two-step section');
    await until(
      () => deepAll(security, '[part~=action]').some((b) => normalise(b.textContent) === t('twoStep.enable')),
      'turn on',
    );
    await settle(security);
    await audit.check(security, 'overview');
    button(security, t('twoStep.enable')).click();
    // The account proves itself again: its password.
    await until(() => deepAll(security, 'cloud-password-field').length === 1, 'the proof');
    await settle(security);
    await audit.check(security, 'proof');
    fill(field(security, t('label.currentPassword')), PASSWORD);
    button(security, t('twoStep.enable')).click();
    await until(() => deepAll(security, '[part~=manual-key]').length === 1, 'the key');
    await settle(security);
    await audit.check(security, 'setup');
    const img = part<HTMLImageElement>(security, 'qr');
    expect(img.src).to.match(/^data:image\/svg\+xml;base64,/);
    const secret = normalise(part(security, 'manual-key').textContent).replace(/ /g, '');
    expect(secret).to.match(/^[A-Z2-7]{32}$/);

    fill(field(security, t('twoStep.codeLabel')), await appCode(secret));
    button(security, t('twoStep.enable')).click();
    await until(() => deepAll(security, '[part~=recovery-codes] li').length === 10, 'the recovery codes');
    await settle(security);
    await audit.check(security, 'recovery codes');
    button(security, t('twoStep.saved')).click();
    await until(
      () =>
        deepAll(security, '[part~=notice]').some(
          (n) => normalise(n.textContent) === t('twoStep.enabledNotice'),
        ),
      'the notice',
    );
    const on = await api<{ account: { twoStep: unknown } }>(
      provider,
      'GET',
      '/session',
      undefined,
      session.token,
    );
    expect(on.body.account.twoStep).to.deep.equal({ totp: true, recoveryCodesLeft: 10 });
    // A sign-in now has a second step; the code that turned it on is spent, so a new step's.
    const login = await toTwoStep(locale, email, audit);
    await advanceClock(31);
    fill(field(login.el, t('twoStep.codeLabel')), await appCode(secret));
    button(login.el, t('action.login')).click();
    await waitForStep(login.el, login.rec, 'done');
    expect(login.rec.success!.account.id).to.equal(account.id);
    audit.assert();
  });

  it('a recovery code signs in once (zh-CN)', async () => {
    const locale: Locale = 'zh-CN';
    const t = (key: Parameters<typeof text>[1]) => text(locale, key);
    const audit = new StepAudit();
    const email = newEmail('totp');
    const { session } = await createAccount(provider, { email, password: PASSWORD });
    // Turned on through the API (the element's way is the test above).
    const setup = await api<{ ticket: string; secret: string }>(
      provider,
      'POST',
      '/account/totp/setup',
      { currentPassword: PASSWORD },
      session.token,
    );
    expect(setup.status).to.equal(200);
    const confirmed = await api<{ recoveryCodes: string[] }>(
      provider,
      'POST',
      '/account/totp/confirm',
      { ticket: setup.body.ticket, code: await appCode(setup.body.secret) },
      session.token,
    );
    expect(confirmed.status).to.equal(200);
    const [code] = confirmed.body.recoveryCodes;

    const first = await toTwoStep(locale, email, audit);
    button(first.el, t('twoStep.useRecovery')).click();
    await settle(first.el);
    await audit.check(first.el, 'recovery');
    fill(field(first.el, t('twoStep.recoveryLabel')), code!);
    button(first.el, t('action.login')).click();
    await waitForStep(first.el, first.rec, 'done');

    const again = await toTwoStep(locale, email, audit);
    button(again.el, t('twoStep.useRecovery')).click();
    await settle(again.el);
    fill(field(again.el, t('twoStep.recoveryLabel')), code!);
    button(again.el, t('action.login')).click();
    await expectFieldError(field(again.el, t('twoStep.recoveryLabel')), /./);
    expect(again.rec.errors.at(-1)!.code).to.equal('invalid_code');
    audit.assert();
  });
});
