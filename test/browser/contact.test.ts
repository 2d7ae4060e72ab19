/**
 * Contact details end to end (001: "add the contact mailbox (You can also modify it at JD Cloud
 * Account Management - Security Setting page)"): a JD Cloud classic account registered with its
 * contact phone, then `<cloud-account-security>` on its real session changes the contact phone to
 * a Hong Kong number and adds a contact email — the server asks for the password first — and the
 * account's phone gets a security notice.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import '@cloud-login/elements/flows/account-security/cloud-account-security.ts';
import {
  LOCALES,
  apiUrl,
  button,
  codeFor,
  createAccount,
  deepAll,
  field,
  fill,
  maybeField,
  newAccountName,
  newEmail,
  newPhone,
  outbox,
  part,
  pickRegion,
  sessionAccount,
  settle,
  StepAudit,
  text,
  until,
} from './support/e2e.ts';

const provider = 'jdcloud-classic';
const PASSWORD = 'classic2024';

for (const locale of LOCALES) {
  describe(`contact details in account security (${locale})`, function () {
    this.timeout(60_000);
    const t = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) =>
      text(locale, key, params);

    it('seed 001: changes the contact phone and adds the contact email, proven by the password', async () => {
      const audit = new StepAudit();
      const phone = newPhone();
      const created = await createAccount(provider, {
        phone: phone.e164,
        code: await codeFor(provider, phone.e164, 'register'),
        agreements: true,
        accountName: newAccountName('contact'),
        password: PASSWORD,
        contactPhone: phone.e164,
      });
      const token = created.session.token;
      const el = await fixture<HTMLElement & { step: { name: string } }>(
        html`<cloud-account-security provider=${provider} api=${apiUrl(provider)} locale=${locale} .token=${token}></cloud-account-security>`,
      );
      const changes: string[] = [];
      el.addEventListener('cloud-account-change', (e) => changes.push((e as CustomEvent).detail.change));
      await until(() => deepAll(el, 'cloud-contact-settings').length === 1, 'the contact section');
      await settle(el);
      const section = deepAll(el, 'cloud-contact-settings')[0]!;
      await until(() => !!section.shadowRoot?.textContent?.includes(t('contact.phone')), 'the section text');
      expect(section.shadowRoot!.textContent).to.contain(created.account.phone as string);
      await audit.check(el, 'overview');

      button(el, t('contact.edit')).click();
      await until(() => !!maybeField(el, t('contact.email')), 'the form');
      await settle(el);
      await audit.check(el, 'form');
      const email = newEmail('contact');
      fill(field(el, t('contact.email')), email);
      await pickRegion(el, 'HK');
      fill(field(el, t('contact.phone')), '6123 4567');
      button(el, t('contact.save')).click();
      await until(() => !!maybeField(el, t('label.currentPassword')), 'the password asked for');
      await settle(el);
      await audit.check(el, 'proof');
      fill(field(el, t('label.currentPassword')), PASSWORD);
      button(el, t('contact.save')).click();
      await until(() => changes.includes('contact'), 'saved');
      await settle(el);
      expect(part(el, 'notice').textContent!.trim()).to.equal(t('contact.saved'));
      await audit.check(el, 'saved');

      const account = await sessionAccount(provider, token);
      expect(account.contactEmail).to.equal(email);
      expect(account.contactPhone).to.match(/^\+852 /);
      const notices = (await outbox(provider, phone.e164)).filter((m) => m.purpose === 'security_notice');
      expect(notices, 'a security notice to the account phone').to.have.length(1);
      audit.assert();
    });
  });
}
