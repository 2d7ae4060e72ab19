/**
 * The contact details section of `<cloud-account-security>` (001: "add the contact mailbox (You
 * can also modify it at JD Cloud Account Management - Security Setting page)"), against a fake
 * transport: shown for JD Cloud classic only, field errors, the proof asked for, the notice.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './cloud-account-security.ts';
import type { CloudAccountSecurity } from './account-security.ts';
import { account, apiError, deep, fakeClient, settle, typeInto, type FakeRoute } from '../../test/helpers.ts';
import { until } from '../../test/third-party.ts';

const classic = {
  ...account,
  provider: 'jdcloud-classic',
  accountName: 'ops-team',
  loginIdentifiers: ['accountName'],
  contactPhone: '+86 138****8000',
};

async function security(routes: Record<string, FakeRoute>, provider = 'jdcloud-classic', locale = 'en') {
  const fake = fakeClient(routes);
  const el = await fixture<CloudAccountSecurity>(
    html`<cloud-account-security provider=${provider} locale=${locale} .config=${{ client: fake.client }}></cloud-account-security>`,
  );
  await until(() => el.step.name !== 'loading', 'the account');
  await until(() => !!el.shadowRoot!.querySelector('cloud-contact-settings')?.shadowRoot, 'the section');
  await settle(el);
  return { el, ...fake };
}

const section = (el: Element) => deep(el, 'cloud-contact-settings');
const shown = (el: Element) => (section(el).shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

describe('<cloud-account-security> contact details (seed 001)', () => {
  it('seed 001: shows the contact phone and email in the three locales, accessibly', async function () {
    this.timeout(15000);
    for (const [locale, phone, email] of [
      ['en', 'Contact phone', 'Contact email'],
      ['zh-CN', '联系手机', '联系邮箱'],
      ['zh-TW', '聯絡手機', '聯絡電子郵件'],
    ] as const) {
      const { el } = await security(
        {
          'GET /session': () => ({
            status: 200,
            body: { account: { ...classic, contactEmail: 'ops@example.com' } },
          }),
        },
        'jdcloud-classic',
        locale,
      );
      const text = shown(el);
      expect(text).to.contain(phone);
      expect(text).to.contain(email);
      expect(text).to.contain('+86 138****8000');
      expect(text).to.contain('ops@example.com');
      await expect(el).to.be.accessible();
    }
  });

  it('is not offered where the preset collects no contact details (JD Cloud)', async function () {
    this.timeout(15000);
    const fake = fakeClient({
      'GET /session': () => ({ status: 200, body: { account: { ...classic, provider: 'jdcloud' } } }),
    });
    const el = await fixture<CloudAccountSecurity>(
      html`<cloud-account-security provider="jdcloud" .config=${{ client: fake.client }}></cloud-account-security>`,
    );
    await until(() => el.step.name === 'overview', 'the overview');
    await settle(el);
    expect(el.shadowRoot!.querySelector('cloud-contact-settings')).to.equal(null);
  });

  it('seed 001: edits them — a field error, then the proof, then saved with a notice and cloud-account-change', async function () {
    this.timeout(20000);
    let proven = false;
    const saved = { ...classic, contactPhone: '+852 51***567', contactEmail: undefined };
    const { el, calls } = await security({
      'GET /session': () => ({
        status: 200,
        body: { account: { ...classic, contactEmail: 'ops@example.com' } },
      }),
      'PATCH /account/contact': (call) => {
        const body = call.body as Record<string, unknown>;
        if (!body.currentPassword) return apiError(403, 'reauth_required', { field: 'currentPassword' });
        proven = true;
        return { status: 200, body: { account: saved } };
      },
    });
    deep<HTMLButtonElement>(section(el), '[part~=action]').click();
    await settle(section(el));
    const form = section(el);
    // The email starts as it is; a bad one is the field's error, and nothing is sent.
    const email = deep<HTMLInputElement>(form, '#contactEmail');
    expect(email.value).to.equal('ops@example.com');
    typeInto(email, 'not-an-email');
    deep<HTMLButtonElement>(form, '[part~=submit]').click();
    await until(() => email.getAttribute('aria-invalid') === 'true', 'the email error');
    expect(calls.filter((c) => c.method === 'PATCH')).to.have.length(0);

    // A new phone in Hong Kong, the email removed: the server asks for the password first.
    const phone = deep(form, 'cloud-phone-input');
    await (phone as unknown as { ready: Promise<unknown> }).ready;
    typeInto(deep<HTMLInputElement>(form, 'cloud-phone-input', 'input'), '+852 5123 4567');
    typeInto(email, '');
    deep<HTMLButtonElement>(form, '[part~=submit]').click();
    await until(() => !!form.shadowRoot!.querySelector('[part~=reauth]'), 'the proof');
    await settle(form);
    await expect(el).to.be.accessible();
    typeInto(deep<HTMLInputElement>(form, 'cloud-password-field', 'input'), 'abcdef');
    const changed = oneEvent(el, 'cloud-account-change');
    deep<HTMLButtonElement>(form, '[part~=submit]').click();
    const event = await changed;
    expect(proven).to.equal(true);
    expect(event.detail.change).to.equal('contact');
    const sent = calls.filter((c) => c.method === 'PATCH').at(-1)!.body as Record<string, unknown>;
    expect(sent).to.include({ contactPhone: '+85251234567', contactEmail: '', currentPassword: 'abcdef' });
    await settle(el);
    expect(deep(el, '.status-line').textContent).to.contain('Your contact details have been saved.');
    expect(shown(el)).to.contain('+852 51***567');
  });

  it('shows the server’s field issue at its field', async function () {
    this.timeout(15000);
    const { el } = await security({
      'GET /session': () => ({ status: 200, body: { account: classic } }),
      'PATCH /account/contact': () =>
        apiError(400, 'validation_failed', {
          issues: [{ path: 'contactEmail', code: 'email_invalid', message: 'bad' }],
        }),
    });
    deep<HTMLButtonElement>(section(el), '[part~=action]').click();
    await settle(section(el));
    typeInto(deep<HTMLInputElement>(section(el), '#contactEmail'), 'ops@example.com');
    deep<HTMLButtonElement>(section(el), '[part~=submit]').click();
    await until(
      () => deep(section(el), '#contactEmail').getAttribute('aria-invalid') === 'true',
      'the server’s field issue',
    );
    expect(deep(section(el), '[part~=form-error]').textContent!.trim()).to.equal('');
  });
});
