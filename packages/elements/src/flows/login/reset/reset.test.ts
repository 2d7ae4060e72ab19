import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../index.ts';
import type { CloudLogin } from '../login.ts';
import type { CloudPasswordReset } from './password-reset.ts';
import { apiError, authenticated, deep, fakeClient, settle, shown, typeInto } from '../../../test/helpers.ts';

const sent = { status: 'reset_sent', channel: 'sms', expiresIn: 300, resendAfter: 60 };
const needsPassword = { status: 'needs_profile', ticket: 't_pw', required: ['newPassword'], optional: [] };
const chooser = {
  status: 'choose_account',
  ticket: 't_choose',
  accounts: [
    { id: 'acc_1', label: 'al***' },
    { id: 'acc_2', label: 'bo***' },
  ],
};

/** `<cloud-login>` with the reset steps open ("Forgot password?" pressed). */
async function openReset(provider: string, routes: Parameters<typeof fakeClient>[0], locale = 'en') {
  const fake = fakeClient(routes);
  const el = await fixture<CloudLogin>(
    html`<cloud-login provider=${provider} locale=${locale} .config=${{ client: fake.client }}></cloud-login>`,
  );
  await settle(el);
  await shown(el, 'cloud-password-login');
  const steps: string[] = [];
  el.addEventListener('cloud-step-change', (e) => steps.push((e as CustomEvent).detail.step));
  const forgot = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=forgot]')!;
  expect(forgot.textContent!.trim()).to.equal(locale === 'en' ? 'Forgot password?' : '忘记密码？');
  forgot.click();
  const reset = await shown<CloudPasswordReset>(el, 'cloud-password-reset');
  return { el, reset, steps, calls: fake.calls };
}

const submit = async (el: Element, reset: CloudPasswordReset) => {
  reset.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await settle(el, 5);
};

describe('<cloud-login> forgot password', () => {
  it('resets by account name, code and new password, then signs in', async function () {
    this.timeout(20_000);
    const { el, reset, steps, calls } = await openReset('jdcloud-classic', {
      'POST /password-resets': () => ({ status: 202, body: sent }),
      'POST /password-resets/verify': () => ({ status: 200, body: needsPassword }),
      'POST /continue': () => ({ status: 200, body: authenticated }),
    });
    await expect(reset).to.be.accessible();
    typeInto(deep(reset, '#identifier'), 'alice');
    await submit(el, reset);
    expect(calls.at(-1)!.body).to.deep.include({ identifier: 'alice', channel: 'sms' });
    await waitUntil(() => reset.step.name === 'code');
    await settle(el);
    // The resend counts down from the server's answer; focus is in the code field.
    expect(deep(reset, 'cloud-code-input', '[part~=send]').textContent).to.match(/Resend in \d+ s/);
    expect(deep(reset, 'cloud-code-input', '[part=status]').textContent).to.contain('alice');
    await expect(reset).to.be.accessible();
    typeInto(deep(reset, 'cloud-code-input', 'input'), '123456');
    await submit(el, reset);
    expect(reset.step.name).to.equal('password');
    await expect(reset).to.be.accessible();
    typeInto(deep(reset, 'cloud-password-field', 'input'), 'N3w-Passw0rd!x');
    const success = oneEvent(el, 'cloud-login-success');
    reset.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    (await success).preventDefault();
    expect(calls.at(-1)!.body).to.deep.equal({ ticket: 't_pw', newPassword: 'N3w-Passw0rd!x' });
    expect(steps).to.include.members(['reset-identifier', 'reset-code', 'reset-password']);
  });

  it('goes through the account chooser when several accounts share the phone (QingCloud), in Chinese', async () => {
    const { el, reset, steps, calls } = await openReset(
      'qingcloud',
      {
        'POST /password-resets': () => ({ status: 202, body: sent }),
        'POST /password-resets/verify': () => ({ status: 200, body: chooser }),
        'POST /continue': (call) => ({
          status: 200,
          body: (call.body as { accountId?: string }).accountId ? needsPassword : authenticated,
        }),
      },
      'zh-CN',
    );
    expect(deep(reset, 'h3').textContent).to.equal('重置密码');
    typeInto(deep(reset, '#identifier'), '13800138000');
    await submit(el, reset);
    await waitUntil(() => reset.step.name === 'code');
    await settle(el);
    typeInto(deep(reset, 'cloud-code-input', 'input'), '123456');
    await submit(el, reset);
    expect(reset.step.name).to.equal('choose-account');
    await expect(reset).to.be.accessible();
    deep(reset, 'cloud-account-chooser', 'button').click();
    await settle(el, 5);
    expect(calls.at(-1)!.body).to.deep.equal({ ticket: 't_choose', accountId: 'acc_1' });
    expect(reset.step.name).to.equal('password');
    expect(steps).to.include('reset-choose-account');
  });

  it('shows a wrong or expired code at the code field, and a reused password at the password', async () => {
    let verify = apiError(400, 'invalid_code');
    const { el, reset } = await openReset('default', {
      'POST /password-resets': () => ({ status: 202, body: { ...sent, channel: 'email' } }),
      'POST /password-resets/verify': () => verify,
      'POST /continue': () =>
        apiError(400, 'validation_failed', { issues: [{ path: 'newPassword', code: 'password_reused' }] }),
    });
    typeInto(deep(reset, '#identifier'), 'a@example.com');
    await settle(el);
    // An email gets its code by email: no channel choice, no voice call.
    expect(reset.shadowRoot!.querySelector('fieldset')).to.equal(null);
    await submit(el, reset);
    await waitUntil(() => reset.step.name === 'code');
    typeInto(deep(reset, 'cloud-code-input', 'input'), '111111');
    await submit(el, reset);
    expect(deep(reset, 'cloud-code-input', '[part=error]').textContent).to.equal(
      'The verification code is incorrect.',
    );
    verify = apiError(400, 'code_expired');
    await submit(el, reset);
    expect(deep(reset, 'cloud-code-input', '[part=error]').textContent).to.contain('expired');
    verify = { status: 200, body: needsPassword } as never;
    await submit(el, reset);
    typeInto(deep(reset, 'cloud-password-field', 'input'), 'Passw0rd!abc');
    await submit(el, reset);
    expect(deep(reset, 'cloud-password-field', '[part=error]').textContent).to.equal(
      'The new password cannot be the same as the current one.',
    );
  });

  it('points an older JD account to JD login, and a sub-account to its main account', async () => {
    let verify = apiError(403, 'use_parent_login');
    const { el, reset } = await openReset('jdcloud-classic', {
      'POST /password-resets': () => ({ status: 202, body: sent }),
      'POST /password-resets/verify': () => verify,
    });
    typeInto(deep(reset, '#identifier'), '13800138000');
    await submit(el, reset);
    await waitUntil(() => reset.step.name === 'code');
    typeInto(deep(reset, 'cloud-code-input', 'input'), '123456');
    await submit(el, reset);
    expect(deep(reset, '.form-error').textContent).to.contain('JD login');
    expect(reset.shadowRoot!.querySelector('[part=parent-login]')).to.not.equal(null);
    verify = apiError(403, 'use_main_account');
    await submit(el, reset);
    expect(deep(reset, '.form-error').textContent).to.contain('main account');
  });

  it('goes back to the password tab with "Back to log in"', async () => {
    const { el, reset } = await openReset('qingcloud', {});
    const back = [...reset.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=back]')].at(-1)!;
    expect(back.textContent!.trim()).to.equal('Back to log in');
    back.click();
    await settle(el);
    expect(el.step).to.deep.equal({ name: 'method', method: 'password' });
  });
});

describe('links between log-in and sign-up', () => {
  it('shows "Register now" with register-href, and "Log in" on <cloud-register> with login-href', async () => {
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="zh-CN" register-href="/signup"></cloud-login>`,
    );
    await settle(el);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part=switch]')!;
    expect(link.textContent).to.equal('立即注册');
    expect(link.getAttribute('href')).to.equal('/signup');
    const reg = await fixture(
      html`<cloud-register provider="qingcloud" locale="en" login-href="/login"></cloud-register>`,
    );
    await settle(reg);
    expect(reg.shadowRoot!.querySelector('a[part=switch]')!.textContent).to.equal(
      'Already have an account? Log in',
    );
  });

  it('switches to <cloud-register> and back inside <cloud-auth>', async () => {
    const auth = await fixture(
      html`<cloud-auth provider="default" locale="en"><cloud-login></cloud-login></cloud-auth>`,
    );
    const login = auth.querySelector('cloud-login')!;
    await settle(auth);
    deep(login, '[part=switch]').click();
    await waitUntil(() => auth.querySelector('cloud-register')?.shadowRoot?.querySelector('[part=switch]'));
    expect(login.hidden).to.equal(true);
    const reg = auth.querySelector('cloud-register')!;
    deep(reg, '[part=switch]').click();
    await waitUntil(() => !login.hidden);
    expect(reg.hidden).to.equal(true);
  });
});
