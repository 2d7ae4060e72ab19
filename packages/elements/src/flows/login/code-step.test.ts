import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../index.ts';
import type { CloudLogin } from './login.ts';
import { apiError, authenticated, deep, fakeClient, settle, shown, typeInto } from '../../test/helpers.ts';

/** The code step of a password sign-in to an account under attack (NeedsProfile asking for the code alone). */
describe('<cloud-login> code step', () => {
  for (const [locale, title, intro] of [
    ['en', 'Confirm it’s you', 'many failed sign-ins'],
    ['zh-CN', '确认是您本人', '多次登录失败'],
  ] as const) {
    it(`asks for the code sent with the answer, then signs in (${locale})`, async function () {
      // A chunk's first load is compiled on demand by the test server.
      this.timeout(20_000);
      let codeAnswer = apiError(400, 'invalid_code', { field: 'code' });
      const { client, calls } = fakeClient({
        'POST /sessions': () => ({
          status: 200,
          body: { status: 'needs_profile', ticket: 't-1', required: ['code'], optional: [] },
        }),
        'POST /continue': () => codeAnswer,
      });
      const el = await fixture<CloudLogin>(
        html`<cloud-login provider="qingcloud" locale=${locale} .config=${{ client }}></cloud-login>`,
      );
      await shown(el, 'cloud-password-login');
      typeInto(deep(el, 'cloud-password-login', '#identifier'), 'a@example.com');
      typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-12');
      deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
      const form = await shown(el, 'cloud-profile-form');
      await settle(el);
      expect(deep(el, 'cloud-profile-form', '[part=step-title]').textContent).to.equal(title);
      expect(form.shadowRoot!.textContent).to.contain(intro);
      expect(
        deep(el, 'cloud-profile-form', 'cloud-code-input').shadowRoot!.querySelector('[part~=send]'),
      ).to.equal(null);
      await expect(form).to.be.accessible();

      // A wrong code: said at the field, the ticket kept.
      typeInto(deep(el, 'cloud-profile-form', 'cloud-code-input', 'input'), '000000');
      deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
      await oneEvent(el, 'cloud-error');
      await settle(el);
      expect(deep(el, 'cloud-profile-form', 'cloud-code-input', '[part~=error]').textContent).to.not.equal(
        '',
      );

      codeAnswer = { status: 200, body: authenticated } as never;
      typeInto(deep(el, 'cloud-profile-form', 'cloud-code-input', 'input'), '123456');
      const success = oneEvent(el, 'cloud-login-success');
      deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
      await success;
      expect(calls.at(-1)!.body).to.deep.equal({ ticket: 't-1', code: '123456' });
    });
  }
});
