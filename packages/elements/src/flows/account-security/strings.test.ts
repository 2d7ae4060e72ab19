/**
 * `<cloud-account-security>` shows no string whose catalogue it did not load. This page loads only
 * the element's own code (its registration file), as a page with the CDN bundle would.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './cloud-account-security.ts';
import type { CloudAccountSecurity } from './account-security.ts';
import { account, apiError, deep, fakeClient, settle, typeInto, type FakeRoute } from '../../test/helpers.ts';
import { allCodeText, rawKeysIn } from '../../test/strings.ts';

const jdAccount = {
  ...account,
  provider: 'jdcloud',
  accountName: 'alice_01',
  email: undefined,
  emailVerified: false,
  loginIdentifiers: ['accountName'],
  connections: ['wechat'],
  hasPassword: false,
};

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 4000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function security(routes: Record<string, FakeRoute>, locale: string) {
  const { client } = fakeClient(routes);
  const el = await fixture<CloudAccountSecurity>(
    html`<cloud-account-security provider="jdcloud" locale=${locale} .config=${{ client }}></cloud-account-security>`,
  );
  await until(() => el.step.name !== 'loading', 'the account');
  return el;
}

async function noRawKeys(el: CloudAccountSecurity, where: string): Promise<void> {
  await settle(el);
  expect(rawKeysIn(el), `${where} (step ${el.step.name})`).to.deep.equal([]);
}

describe('<cloud-account-security> strings', () => {
  for (const locale of ['en', 'zh-CN', 'zh-TW']) {
    it(`signed out, the overview, unbinding, setting a password, adding an email (${locale})`, async function () {
      this.timeout(20000);
      await noRawKeys(
        await security({ 'GET /session': () => apiError(401, 'unauthenticated') }, locale),
        'signed out',
      );

      let emails = 0;
      const el = await security(
        {
          'GET /session': () => ({ status: 200, body: { account: jdAccount } }),
          'DELETE /account/connections/wechat': () => apiError(409, 'password_required'),
          'PUT /account/password': () =>
            apiError(400, 'validation_failed', {
              issues: [{ path: 'newPassword', code: 'password_common', message: '' }],
            }),
          'POST /account/email': () =>
            ++emails === 1
              ? apiError(409, 'email_taken', { field: 'email' })
              : { status: 202, body: { expiresIn: 7200 } },
        },
        locale,
      );
      await noRawKeys(el, 'overview');
      deep<HTMLButtonElement>(el, '[part~=connection-bound] button').click();
      await noRawKeys(el, 'unbind');
      deep<HTMLButtonElement>(el, '[part~=submit]').click();
      await until(() => el.step.name === 'password', 'the password step');
      await noRawKeys(el, 'set a password first');
      typeInto(deep(el, 'cloud-password-field', 'input'), 'weak');
      deep<HTMLButtonElement>(el, 'button[type=submit]').click();
      await noRawKeys(el, 'a weak password');
      typeInto(deep(el, 'cloud-password-field', 'input'), 'Strong#2024');
      const refused = oneEvent(el, 'cloud-error');
      deep<HTMLButtonElement>(el, 'button[type=submit]').click();
      await refused;
      await noRawKeys(el, 'refused by the server');

      deep<HTMLButtonElement>(el, '[part~=back]').click();
      await until(() => el.step.name === 'overview', 'the overview');
      await settle(el);
      // The first action among the login details is the security email's (the phone has none).
      deep<HTMLButtonElement>(el, '[part=identifiers] button').click();
      await until(() => el.step.name === 'email', 'the email step');
      await settle(el);
      typeInto(deep(el, '#email'), 'not-an-email');
      deep<HTMLButtonElement>(el, 'button[type=submit]').click();
      await noRawKeys(el, 'a bad email');
      typeInto(deep(el, '#email'), 'new@example.com');
      const taken = oneEvent(el, 'cloud-error');
      deep<HTMLButtonElement>(el, 'button[type=submit]').click();
      // A refusal whose message loads with this element: its text, not the generic one.
      expect((await taken).detail.message).to.equal(allCodeText(locale as 'en', 'email_taken'));
      await noRawKeys(el, 'email taken');
      deep<HTMLButtonElement>(el, 'button[type=submit]').click();
      await until(() => el.step.name === 'email-sent', 'sent');
      await noRawKeys(el, 'email sent');
    });
  }

  it('an older JD account: the upgrade offer and step', async function () {
    this.timeout(15000);
    const legacy = {
      ...jdAccount,
      accountName: undefined,
      legacy: true,
      loginIdentifiers: [],
      connections: ['jd'],
    };
    const el = await security(
      {
        'GET /session': () => ({ status: 200, body: { account: legacy } }),
        'DELETE /account/connections/jd': () => apiError(409, 'password_required'),
      },
      'en',
    );
    await noRawKeys(el, 'overview of a legacy account');
    deep<HTMLButtonElement>(el, '[part~=connection-bound] button').click();
    await settle(el);
    deep<HTMLButtonElement>(el, '[part~=submit]').click();
    await until(() => el.step.name === 'upgrade', 'the upgrade step');
    await customElements.whenDefined('cloud-legacy-upgrade');
    deep<HTMLButtonElement>(el, 'cloud-legacy-upgrade', 'button[type=submit]').click();
    await noRawKeys(el, 'upgrade, submitted empty');
  });
});
