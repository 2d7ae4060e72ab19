/**
 * Tencent Cloud end to end (registration and password login), in English and Chinese. Registration runs in a site page in
 * a frame, because its activation link is a real navigation: the server sends the browser back
 * to the page it registered from with `#cl_ticket=…`, and the element picks that up and asks for
 * the industry, then returns to `return-to`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  LANE,
  LOCALES,
  advanceClock,
  agreementIds,
  api,
  apiUrl,
  button,
  chooseMethod,
  closeFrames,
  expectAccessibleInFrame,
  expectFieldError,
  expectFormError,
  field,
  fill,
  frameElement,
  frameLocation,
  maybeField,
  message,
  newEmail,
  openFrame,
  outboxLink,
  part,
  record,
  sessionAccount,
  settle,
  StepAudit,
  text,
  until,
  waitForStep,
  type Locale,
  spendLink,
  keepActivationSecret,
} from './support/e2e.ts';

const provider = 'tencentcloud';
const PASSWORD = 'tencent2024';
const HOST = '/__cloud-login/pages/host.html';
const LANDING = '/__cloud-login/pages/landing.html';

const hostPage = (locale: Locale, returnTo = `${LANDING}?from=tencent`) =>
  `${HOST}?tag=cloud-register&provider=${provider}&locale=${locale}&returnTo=${encodeURIComponent(returnTo)}&lane=${LANE}`;

/**
 * Opens an activation link as a person does: the page it shows spends nothing (it is fetched
 * here: it refuses to be framed), then its confirm button — a form post of the token, answered
 * with the way back to the registering page — into the frame.
 */
async function confirmLink(frame: HTMLIFrameElement, link: string): Promise<void> {
  const shown = await fetch(link, { headers: { Accept: 'text/html' } });
  expect(shown.status, 'the link shows a confirmation page').to.equal(200);
  expect(await shown.text()).to.match(/<form method="post" action="verify">/);
  const url = new URL(link);
  const name = `frame-${Math.random().toString(36).slice(2)}`;
  frame.contentWindow!.name = name;
  const form = document.createElement('form');
  form.method = 'post';
  form.action = `${url.origin}${url.pathname}`;
  form.target = name;
  const token = document.createElement('input');
  token.type = 'hidden';
  token.name = 'token';
  token.value = url.searchParams.get('token')!;
  form.append(token);
  document.body.append(form);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  form.submit();
  form.remove();
  await loaded;
}

/** A Tencent registration made through the API, still waiting for its activation link. */
async function pendingAccount(locale: Locale) {
  const email = newEmail('tc');
  const res = await api(provider, 'POST', '/accounts', {
    email,
    password: PASSWORD,
    agreements: await agreementIds(provider),
    returnTo: new URL(hostPage(locale), location.href).href,
    flowHash: await keepActivationSecret(provider),
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(202);
  return { email, link: await outboxLink(provider, email) };
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

for (const locale of LOCALES) {
  describe(`tencentcloud (${locale})`, function () {
    this.timeout(60_000);
    const t = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) =>
      text(locale, key, params);
    afterEach(closeFrames);

    it('registers: email + password → activation link → page opens with #cl_ticket → industry → signed in at return-to; then logs in', async () => {
      const audit = new StepAudit();
      const frame = await openFrame(hostPage(locale));
      const el = await frameElement(frame, 'cloud-register');
      const rec = record(el);
      await audit.check(el, 'credentials');

      const email = newEmail('tc');
      fill(field(el, t('label.email')), email);
      fill(field(el, t('label.password')), PASSWORD);
      part(el, 'checkbox').click();
      button(el, t('action.register')).click();
      await waitForStep(el, rec, 'activation-sent');
      await audit.check(el, 'activation-sent');
      expect(el.shadowRoot!.textContent).to.include(email);

      // The user opens the activation email's link in the same tab.
      await confirmLink(frame, await outboxLink(provider, email));
      expect(frameLocation(frame)?.pathname, 'the link leads back to the registration page').to.equal(HOST);
      const back = await frameElement(frame, 'cloud-register');
      const backRec = record(back);
      await until(() => maybeField(back, t('label.industry')), 'industry step after the link');
      const industry = field<HTMLSelectElement>(back, t('label.industry'));
      expect(frameLocation(frame)!.hash, 'the ticket is taken out of the address bar').to.equal('');
      expect(back.shadowRoot!.textContent).to.include(t('flow.emailVerified'));
      await audit.check(back, 'industry');

      fill(industry, 'internet');
      button(back, t('action.completeRegistration')).click();
      await until(
        () => frameLocation(frame)?.pathname === LANDING,
        `navigated to return-to, at ${frameLocation(frame)?.href}`,
      );
      expect(frameLocation(frame)!.search).to.equal('?from=tencent');
      expect(backRec.success, 'cloud-register-success fired before leaving').to.exist;
      const account = await sessionAccount(provider, backRec.success!.session.token);
      expect(account.email).to.equal(email);
      expect(account.emailVerified).to.equal(true);

      const login = await loginElement(locale);
      await audit.check(login.el, 'login');
      fill(field(login.el, t('identifier.email')), email);
      fill(field(login.el, t('label.password')), PASSWORD);
      button(login.el, t('action.login')).click();
      await waitForStep(login.el, login.rec, 'done');
      await audit.check(login.el, 'login done');
      expect(login.rec.success!.account.id).to.equal(account.id);
      audit.assert();
    });

    it('says identifier_not_loginable at the email while the account waits for activation', async () => {
      const { email } = await pendingAccount(locale);
      const { el } = await loginElement(locale);
      const identifier = field(el, t('identifier.email'));
      fill(identifier, email);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.login')).click();
      await expectFieldError(
        identifier,
        message(locale, 'identifier_not_loginable'),
        'identifier_not_loginable',
      );
      await expect(el).to.be.accessible();
    });

    it('says email_taken at the email when registering an address already registered', async () => {
      const { email, link } = await pendingAccount(locale);
      // Activated: a registration still waiting for its link would keep nobody out.
      expect((await spendLink(link)).status).to.equal(200);
      const el = await fixture<HTMLElement>(
        html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-register>`,
      );
      await settle(el);
      const emailField = field(el, t('label.email'));
      fill(emailField, email);
      fill(field(el, t('label.password')), 'another2024');
      part(el, 'checkbox').click();
      button(el, t('action.register')).click();
      await expectFieldError(emailField, message(locale, 'email_taken'), 'email_taken');
      await expect(el).to.be.accessible();
    });

    it('says ticket_expired on the industry step when its ticket ran out (10 min)', async () => {
      const { link } = await pendingAccount(locale);
      const frame = await openFrame('about:blank');
      await confirmLink(frame, link);
      const el = await frameElement(frame, 'cloud-register');
      await until(() => maybeField(el, t('label.industry')), 'industry step');
      await advanceClock(601);
      fill(field<HTMLSelectElement>(el, t('label.industry')), 'finance');
      button(el, t('action.completeRegistration')).click();
      await expectFormError(el, message(locale, 'ticket_expired'));
      await expectAccessibleInFrame(el);
    });

    // An account whose link was followed but whose industry step was never finished (tab closed,
    // ticket expired) can only come back through password login; the server answers that login
    // with `needs_profile` (the industry) — the element must carry on with that step.
    it('lets an activated account without its industry finish the industry step when it logs in', async () => {
      const { email, link } = await pendingAccount(locale);
      const verified = await spendLink(link);
      expect(verified.status).to.equal(200);
      expect((await verified.json()).status, 'the link leaves the industry step').to.equal('needs_profile');

      const { el, rec } = await loginElement(locale);
      fill(field(el, t('identifier.email')), email);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.login')).click();
      await until(() => maybeField(el, t('label.industry')), 'industry step', 5000).catch(() => {
        const shown = el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
        throw new Error(
          `<cloud-login> should carry on with the industry step the server asked for (needs_profile), ` +
            `but shows "${shown}" and reported ${JSON.stringify(rec.errors)}`,
        );
      });
      const industry = field<HTMLSelectElement>(el, t('label.industry'));
      fill(industry, 'education');
      industry.form!.requestSubmit();
      await waitForStep(el, rec, 'done');
      expect(rec.success).to.exist;
    });
  });
}
