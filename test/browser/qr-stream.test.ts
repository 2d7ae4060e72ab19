/**
 * App QR login (docs/flows.md#app-qr-login) end to end with the pushed status: the element hears
 * "scanned" and "confirmed" on the server's stream (`GET /qr/{id}/events`) and polls once, to
 * claim the session; with the stream broken in front of the server — held back whole, as a
 * buffering proxy does, or refused — it signs in by polling alone. The phone side is played
 * through the API as in qr.test.ts. `EventSource` is the browser's own, wrapped to record what
 * it heard; polls are counted from the page's resource timing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  API_ORIGIN,
  api,
  apiUrl,
  codeFor,
  createAccount,
  deepAll,
  LANE,
  newAccountName,
  newPhone,
  part,
  record,
  until,
  waitForStep,
} from './support/e2e.ts';
import { say } from './connect-support.ts';

const provider = 'jdcloud';
const PASSWORD = 'Qrstream#2024';

/** What each EventSource the page opened heard. */
const heard: { url: string; statuses: string[]; source: EventSource }[] = [];
const RealEventSource = window.EventSource;
class RecordingEventSource extends RealEventSource {
  constructor(url: string | URL, init?: EventSourceInit) {
    super(url, init);
    const entry = { url: String(url), statuses: [] as string[], source: this as EventSource };
    heard.push(entry);
    this.addEventListener('status', (event) =>
      entry.statuses.push((JSON.parse((event as MessageEvent<string>).data) as { status: string }).status),
    );
  }
}

async function streamMode(mode: 'pass' | 'buffer' | 'refuse'): Promise<void> {
  const res = await fetch(`${API_ORIGIN}/__e2e/streams?lane=${LANE}&mode=${mode}`, { method: 'POST' });
  expect(res.status, 'stream mode set').to.equal(200);
}

async function phoneSignedIn(): Promise<{ accountId: string; token: string }> {
  const phone = newPhone();
  const accountName = newAccountName('qrs');
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

async function phone(action: 'scan' | 'confirm', id: string, token: string): Promise<void> {
  const res = await api(provider, 'POST', `/qr/${id}/${action}`, undefined, token);
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).to.equal(200);
}

const status = (el: HTMLElement) => part(el, 'status').textContent!.trim();

/** `GET /qr/{id}` polls the page has made since the timings were last cleared. */
const polls = (id: string) =>
  performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.split('?')[0] === `${apiUrl(provider)}/qr/${id}`).length;

async function showQr(): Promise<{ el: HTMLElement; rec: ReturnType<typeof record>; id: string }> {
  const el = await fixture<HTMLElement>(
    html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale="en"></cloud-login>`,
  );
  const rec = record(el);
  let id: string | null = null;
  await until(() => {
    const link = deepAll<HTMLAnchorElement>(el, '[part~=app-link]')[0];
    id = link ? new URL(link.href).searchParams.get('qr') : null;
    return !!id;
  }, 'a QR shown');
  return { el, rec, id: id! };
}

describe('app QR login with the pushed status', function () {
  this.timeout(60_000);
  before(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    window.EventSource = RecordingEventSource;
    performance.setResourceTimingBufferSize(2000);
  });
  after(async () => {
    window.EventSource = RealEventSource;
    delete (document as { visibilityState?: string }).visibilityState;
    await streamMode('pass');
  });
  beforeEach(() => {
    heard.length = 0;
  });

  it('hears scanned and confirmed on the stream, and polls once to collect the session', async () => {
    await streamMode('pass');
    const app = await phoneSignedIn();
    const qr = await showQr();
    await until(() => heard.at(-1)?.statuses[0] === 'pending', 'the stream’s first event');
    const stream = heard.at(-1)!;
    const url = new URL(stream.url);
    expect(`${url.origin}${url.pathname}`).to.equal(`${apiUrl(provider)}/qr/${qr.id}/events`);
    expect(url.searchParams.get('secret'), 'the secret, as EventSource sends no headers').to.match(
      /^[\w-]{43}$/,
    );
    performance.clearResourceTimings();

    await phone('scan', qr.id, app.token);
    await until(
      () => status(qr.el) === say('en', 'qr.scanned'),
      () => `"scanned" shown; shown "${status(qr.el)}"`,
    );
    expect(stream.statuses).to.deep.equal(['pending', 'scanned']);
    await phone('confirm', qr.id, app.token);
    await waitForStep(qr.el, qr.rec, 'done');
    expect(stream.statuses).to.deep.equal(['pending', 'scanned', 'confirmed']);
    expect(stream.source.readyState, 'closed after confirmed').to.equal(EventSource.CLOSED);
    expect(polls(qr.id), 'one poll since the stream spoke: the claim').to.equal(1);
    expect(qr.rec.success!.account.id).to.equal(app.accountId);
    const session = await api<{ account: { id: string } }>(
      provider,
      'GET',
      '/session',
      undefined,
      qr.rec.success!.session.token,
    );
    expect(session.body.account.id).to.equal(app.accountId);
  });

  for (const mode of ['buffer', 'refuse'] as const) {
    it(`signs in by polling when a proxy ${mode === 'buffer' ? 'holds the stream back' : 'refuses the stream'}`, async () => {
      await streamMode(mode);
      const app = await phoneSignedIn();
      performance.clearResourceTimings();
      const qr = await showQr();
      await until(() => heard.length > 0, 'a stream opened');
      await phone('scan', qr.id, app.token);
      await until(
        () => status(qr.el) === say('en', 'qr.scanned'),
        () => `"scanned" shown; shown "${status(qr.el)}"`,
      );
      expect(
        heard.flatMap((h) => h.statuses),
        'the scan came by the poll',
      ).to.deep.equal([]);
      // A held-back stream arrives whole once it ends (at confirmed): the panel may hear it
      // then, or have claimed the session by polling first; either way it signs in.
      await phone('confirm', qr.id, app.token);
      await waitForStep(qr.el, qr.rec, 'done');
      expect(qr.rec.success!.account.id).to.equal(app.accountId);
      expect(polls(qr.id), 'the poll carried it').to.be.at.least(2);
      expect(heard.every((h) => h.source.readyState === EventSource.CLOSED)).to.equal(true);
    });
  }
});
