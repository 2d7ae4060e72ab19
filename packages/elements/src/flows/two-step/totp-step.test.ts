import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../index.ts';
import type { CloudLogin } from '../login/login.ts';
import { twoStepMessages } from './messages.ts';
import { apiError, authenticated, deep, fakeClient, settle, shown, typeInto } from '../../test/helpers.ts';

const step = { status: 'needs_profile', ticket: 't-2', required: ['totp'], optional: ['recoveryCode'] };

async function signInToTotp(locale: string, answer: () => { status: number; body: unknown }) {
  const fake = fakeClient({
    'POST /sessions': () => ({ status: 200, body: step }),
    'POST /continue': answer,
  });
  const el = await fixture<CloudLogin>(
    html`<cloud-login provider="default" locale=${locale} .config=${{ client: fake.client }}></cloud-login>`,
  );
  await shown(el, 'cloud-password-login');
  typeInto(deep(el, 'cloud-password-login', '#identifier'), 'a@example.com');
  typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-12');
  deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
  const form = await shown(el, 'cloud-totp-step');
  await settle(el);
  return { el, form, ...fake };
}

/** Two-step verification's step of a sign-in (NeedsProfile asking for `totp`). */
describe('<cloud-login> two-step verification step', () => {
  for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
    it(`asks for the app's code and is accessible (${locale})`, async function () {
      // A chunk's first load is compiled on demand by the test server.
      this.timeout(20_000);
      const { el, form } = await signInToTotp(locale, () => ({ status: 200, body: authenticated }));
      expect(el.step.name).to.equal('profile');
      expect(deep(el, 'cloud-totp-step', '[part=step-title]').textContent).to.equal(
        twoStepMessages[locale]['twoStep.title'],
      );
      expect(form.shadowRoot!.textContent).to.contain(twoStepMessages[locale]['twoStep.intro']);
      const input = deep<HTMLInputElement>(el, 'cloud-totp-step', '#totp');
      expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(input.getAttribute('inputmode')).to.equal('numeric');
      await expect(form).to.be.accessible();
    });
  }

  it('a wrong code is said at the field and cleared; the right one signs in', async function () {
    this.timeout(20_000);
    let answer: { status: number; body: unknown } = apiError(400, 'invalid_code', {
      field: 'totp',
      message: 'The code is not correct.',
    });
    const { el, calls } = await signInToTotp('en', () => answer);
    // Not six digits: said before anything is sent.
    typeInto(deep(el, 'cloud-totp-step', '#totp'), '12 3');
    deep<HTMLButtonElement>(el, 'cloud-totp-step', 'button[type=submit]').click();
    await settle(el);
    expect(deep(el, 'cloud-totp-step', '#totp-error').textContent).to.equal(
      twoStepMessages.en['twoStep.codeInvalid'],
    );
    expect(calls.filter((c) => c.path === '/continue')).to.have.length(0);

    typeInto(deep(el, 'cloud-totp-step', '#totp'), '000000');
    deep<HTMLButtonElement>(el, 'cloud-totp-step', 'button[type=submit]').click();
    await oneEvent(el, 'cloud-error');
    await settle(el);
    expect(deep(el, 'cloud-totp-step', '#totp-error').textContent).to.not.equal('');
    expect(deep<HTMLInputElement>(el, 'cloud-totp-step', '#totp').value).to.equal('');

    answer = { status: 200, body: authenticated };
    typeInto(deep(el, 'cloud-totp-step', '#totp'), '123456');
    const success = oneEvent(el, 'cloud-login-success');
    deep<HTMLButtonElement>(el, 'cloud-totp-step', 'button[type=submit]').click();
    await success;
    expect(calls.at(-1)!.body).to.deep.equal({ ticket: 't-2', totp: '123456' });
  });

  it('"use a recovery code" switches the field and sends recoveryCode', async function () {
    this.timeout(20_000);
    const { el, form, calls } = await signInToTotp('zh-TW', () => ({ status: 200, body: authenticated }));
    const toggle = deep<HTMLButtonElement>(el, 'cloud-totp-step', '[part=switch]');
    expect(toggle.textContent!.trim()).to.equal(twoStepMessages['zh-TW']['twoStep.useRecovery']);
    toggle.click();
    await settle(el);
    expect(deep(el, 'cloud-totp-step', '[part=switch]').textContent!.trim()).to.equal(
      twoStepMessages['zh-TW']['twoStep.useApp'],
    );
    expect(form.shadowRoot!.querySelector('#totp')).to.equal(null);
    await expect(form).to.be.accessible();
    typeInto(deep(el, 'cloud-totp-step', '#recoveryCode'), ' abcde-fghjk ');
    const success = oneEvent(el, 'cloud-login-success');
    deep<HTMLButtonElement>(el, 'cloud-totp-step', 'button[type=submit]').click();
    await success;
    expect(calls.at(-1)!.body).to.deep.equal({ ticket: 't-2', recoveryCode: 'abcde-fghjk' });
  });
});
