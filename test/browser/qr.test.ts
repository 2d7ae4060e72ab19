/**
 * App QR login (docs/flows.md#app-qr-login) end to end: `<cloud-login provider="jdcloud">` opens on its QR tab, shows the
 * server's QR image and polls it; the phone side is played the way the demo's "mobile app" page
 * plays it — signed in with its own session (a bearer token, another device), it scans, then
 * confirms or denies through the API — while the element polls. The QR's payload is read from
 * the panel's "open the app" link, which carries exactly what the QR encodes.
 *
 * Test files run in parallel pages, most in background tabs; the panel (rightly) stops polling
 * while its tab is hidden, so this page says it is shown (`document.visibilityState`).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  advanceClock,
  api,
  apiUrl,
  codeFor,
  createAccount,
  deepAll,
  newAccountName,
  newPhone,
  part,
  record,
  settle,
  StepAudit,
  until,
  waitForStep,
  type Locale,
} from './support/e2e.ts';
import { say } from './connect-support.ts';

const provider = 'jdcloud';
const PASSWORD = 'Qrlogin#2024';

function showPage(): void {
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** A JD Cloud account and the mobile app's session for it (signed in on "the phone"). */
async function phoneSignedIn(): Promise<{ accountId: string; token: string }> {
  const phone = newPhone();
  const accountName = newAccountName('qr');
  const { account } = await createAccount(provider, {
    accountName,
    password: PASSWORD,
    phone: phone.e164,
    code: await codeFor(provider, phone.e164, 'register'),
    agreements: true,
  });
  const session = await api<{ session: { token: string } }>(provider, 'POST', '/sessions', {
    identifier: accountName,
    password: PASSWORD,
  });
  expect(session.status, JSON.stringify(session.body)).to.equal(200);
  return { accountId: account.id, token: session.body.session.token };
}

interface QrView {
  el: HTMLElement;
  rec: ReturnType<typeof record>;
  /** The QR's id, from the payload the QR encodes (`…/mobile/?provider=jdcloud&qr=<id>`). */
  id: string;
  image: HTMLImageElement;
}

const status = (el: HTMLElement) => part(el, 'status').textContent!.trim();

async function showQr(locale: Locale, previous?: string): Promise<QrView> {
  const el = await fixture<HTMLElement>(
    html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale=${locale}></cloud-login>`,
  );
  const rec = record(el);
  return readQr(el, rec, locale, previous);
}

async function readQr(
  el: HTMLElement,
  rec: ReturnType<typeof record>,
  locale: Locale,
  previous?: string,
): Promise<QrView> {
  let link: HTMLAnchorElement | undefined;
  await until(
    () => {
      link = deepAll<HTMLAnchorElement>(el, '[part~=app-link]')[0];
      const id = link ? new URL(link.href).searchParams.get('qr') : null;
      return !!id && id !== previous;
    },
    () =>
      `a QR shown; the panel says "${deepAll(el, '[part~=status], [part~=form-error]')
        .map((n) => n.textContent!.trim())
        .join(' / ')}"`,
  );
  await settle(el);
  expect(status(el)).to.equal(say(locale, 'qr.pending'));
  const image = deepAll<HTMLImageElement>(el, 'img[part~=image]')[0]!;
  return { el, rec, id: new URL(link!.href).searchParams.get('qr')!, image };
}

/** The mobile app's call: `POST /qr/{id}/scan|confirm|deny` with its own session. */
async function phone(
  action: 'scan' | 'confirm' | 'deny',
  id: string,
  token: string,
): Promise<{ status: string; info: { browser: string } }> {
  const res = await api<{ status: string; info: { browser: string } }>(
    provider,
    'POST',
    `/qr/${id}/${action}`,
    undefined,
    token,
  );
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).to.equal(200);
  return res.body;
}

describe('app QR login', function () {
  this.timeout(60_000);
  before(showPage);
  after(() => {
    delete (document as { visibilityState?: string }).visibilityState;
  });

  it('shows the server’s QR first on JD Cloud; the phone scans (“confirm on your phone”) and confirms → signed in (en)', async () => {
    const audit = new StepAudit();
    const app = await phoneSignedIn();
    const qr = await showQr('en');
    expect(
      deepAll(qr.el, '[role=tab][aria-selected=true]')[0]!.textContent!.trim(),
      'QR login comes first',
    ).to.equal(say('en', 'method.qr'));
    await audit.check(qr.el, 'pending');
    // The image is the server's SVG, by URL (never inline markup), and loads.
    expect(qr.image.getAttribute('src')).to.equal(`${apiUrl(provider)}/qr/${qr.id}.svg`);
    expect(qr.image.alt).to.equal(say('en', 'qrPanel.alt', { app: 'JD Cloud' }));
    await until(() => qr.image.complete && qr.image.naturalWidth > 0, 'the QR image loaded');
    // (The providers' marks are the element's own drawings.)
    expect(deepAll(qr.el, 'svg:not([part~=logo])'), 'no server markup in the page').to.have.length(0);
    expect(part(qr.el, 'countdown').textContent).to.match(/Expires in \d+ s/);

    const scanned = await phone('scan', qr.id, app.token);
    expect(scanned.info.browser, 'the phone sees which browser asks').to.match(/Chrome/);
    await until(
      () => status(qr.el) === say('en', 'qr.scanned'),
      () => `"scanned" announced; shown "${status(qr.el)}"`,
    );
    expect(part(qr.el, 'status').getAttribute('role'), 'states are announced politely').to.equal('status');
    await audit.check(qr.el, 'scanned');

    await phone('confirm', qr.id, app.token);
    await waitForStep(qr.el, qr.rec, 'done');
    expect(qr.rec.success!.account.id).to.equal(app.accountId);
    const session = await api<{ account: { id: string } }>(
      provider,
      'GET',
      '/session',
      undefined,
      qr.rec.success!.session.token,
    );
    expect(session.status).to.equal(200);
    expect(session.body.account.id).to.equal(app.accountId);
    expect(qr.rec.success!.session.token, 'a session of its own, not the phone’s').to.not.equal(app.token);
    await audit.check(qr.el, 'done');
    audit.assert();
  });

  it('says the phone denied it, and a refresh brings a new QR that still works (zh-CN)', async () => {
    const app = await phoneSignedIn();
    const qr = await showQr('zh-CN');
    await phone('deny', qr.id, app.token);
    await until(
      () => status(qr.el) === say('zh-CN', 'qr.denied'),
      () => `"denied" shown; shown "${status(qr.el)}"`,
    );
    const refresh = part<HTMLButtonElement>(qr.el, 'refresh');
    expect(refresh.textContent!.trim()).to.equal(say('zh-CN', 'action.refreshQr'));
    await expect(qr.el).to.be.accessible();
    refresh.click();
    const fresh = await readQr(qr.el, qr.rec, 'zh-CN', qr.id);
    await phone('confirm', fresh.id, app.token);
    await waitForStep(qr.el, qr.rec, 'done');
    expect(qr.rec.success!.account.id).to.equal(app.accountId);
  });

  for (const locale of ['en', 'zh-CN'] as Locale[]) {
    it(`says the QR expired after 2 minutes and offers a refresh; the phone can no longer use it (${locale})`, async () => {
      const app = await phoneSignedIn();
      const qr = await showQr(locale);
      await advanceClock(121);
      await until(
        () => status(qr.el) === say(locale, 'qr.expired'),
        () => `"expired" shown; shown "${status(qr.el)}"`,
      );
      expect(part(qr.el, 'refresh').textContent!.trim()).to.equal(say(locale, 'action.refreshQr'));
      await expect(qr.el).to.be.accessible();
      const late = await api<{ error: { code: string } }>(
        provider,
        'POST',
        `/qr/${qr.id}/confirm`,
        undefined,
        app.token,
      );
      expect(late.status).to.equal(410);
      expect(late.body.error.code).to.equal('qr_expired');
      part<HTMLButtonElement>(qr.el, 'refresh').click();
      await readQr(qr.el, qr.rec, locale, qr.id);
    });
  }
});
