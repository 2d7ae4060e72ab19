/**
 * `<cloud-qr-panel>` with the pushed status (`GET /qr/{id}/events`): the stream carries the
 * states and the poll steps back; when the stream fails, or never speaks (a proxy that buffers
 * it), the poll carries the login. `EventSource` is replaced by a fake the test drives.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createClient, type CloudClient } from '@cloud-login/core';
import './cloud-qr-panel.ts';
import type { CloudQrPanel } from './qr-panel.ts';
import { account, fakeClient, settle } from '../../test/helpers.ts';

class FakeEventSource extends EventTarget {
  static opened: FakeEventSource[] = [];
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close(): void {
    this.closed = true;
  }
  say(status: string): void {
    this.dispatchEvent(new MessageEvent('status', { data: JSON.stringify({ status }) }));
  }
  fail(): void {
    this.dispatchEvent(new Event('error'));
  }
}

const ID = 'A'.repeat(22);
const confirmed = {
  status: 'confirmed',
  account,
  session: { token: 'qr-token', expiresAt: '2099-01-01T00:00:00.000Z' },
};

/** A fake server whose polls answer `answers` in turn (the last repeats), and a client that streams. */
function server(answers: unknown[]) {
  let polls = 0;
  const fake = fakeClient({
    'POST /qr': () => ({
      status: 201,
      body: {
        id: ID,
        secret: 'the-secret',
        payload: `https://auth.test/mobile/?qr=${ID}`,
        image: `/qr/${ID}.svg`,
        expiresAt: '2099-01-01T00:00:00.000Z',
        pollInterval: 0.5,
      },
    }),
    [`GET /qr/${ID}`]: () => ({ status: 200, body: answers[Math.min(polls++, answers.length - 1)] }),
  });
  const client: CloudClient = {
    ...fake.client,
    qrEventsUrl: (id, secret) => `https://auth.test/api/x/qr/${id}/events?secret=${secret}`,
  };
  return { client, polls: () => fake.calls.filter((c) => c.method === 'GET').length };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, timeout = 4000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}
const stream = () => FakeEventSource.opened.at(-1)!;

describe('<cloud-qr-panel> with the status stream', () => {
  let real: typeof EventSource | undefined;
  before(() => {
    real = globalThis.EventSource;
    (globalThis as { EventSource: unknown }).EventSource = FakeEventSource;
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });
  after(() => {
    (globalThis as { EventSource: unknown }).EventSource = real;
    delete (document as { visibilityState?: string }).visibilityState;
  });
  beforeEach(() => {
    FakeEventSource.opened = [];
  });

  async function show(client: CloudClient) {
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="en" .config=${{ client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'pending' && FakeEventSource.opened.length > 0, 'the stream opened');
    return el;
  }

  it('is accessible while the stream carries the states', async () => {
    const { client } = server([{ status: 'pending' }]);
    const el = await show(client);
    stream().say('scanned');
    await settle(el);
    await expect(el).to.be.accessible();
    expect(deep(el).textContent).to.contain('Scanned. Confirm the login on your phone.');
  });

  it('opens the stream with the secret; once it speaks the poll stops, and confirmed costs one poll that signs in', async function () {
    this.timeout(8000);
    const { client, polls } = server([confirmed]);
    const el = await show(client);
    expect(stream().url).to.equal(`https://auth.test/api/x/qr/${ID}/events?secret=the-secret`);
    stream().say('pending');
    // Twice the poll interval: a poll would have gone out by now without the stream.
    await wait(1000);
    expect(polls(), 'no poll while the stream carries the states').to.equal(0);
    stream().say('scanned');
    await until(() => el.state.name === 'scanned', 'scanned');
    const success = oneEvent(el, 'cloud-login-success');
    stream().say('confirmed');
    expect((await success).detail.session.token).to.equal('qr-token');
    expect(el.state.name).to.equal('confirmed');
    expect(polls(), 'one poll, to claim the session').to.equal(1);
    expect(stream().closed, 'the stream is closed').to.equal(true);
  });

  it('denied and expired from the stream end it; a refresh opens a new one', async () => {
    const { client } = server([{ status: 'pending' }]);
    const el = await show(client);
    stream().say('denied');
    await until(() => el.state.name === 'denied', 'denied');
    expect(stream().closed).to.equal(true);
    await el.refresh();
    await until(() => FakeEventSource.opened.length === 2, 'a second stream');
    stream().say('expired');
    await until(() => el.state.name === 'expired', 'expired');
    expect(stream().closed).to.equal(true);
  });

  it('a stream that fails at once leaves the login to the poll', async function () {
    this.timeout(8000);
    const { client, polls } = server([{ status: 'scanned' }, confirmed]);
    const el = await show(client);
    stream().fail();
    expect(stream().closed, 'no reconnecting by itself').to.equal(true);
    const success = oneEvent(el, 'cloud-login-success');
    expect((await success).detail.session.token).to.equal('qr-token');
    expect(polls()).to.equal(2);
  });

  it('a stream that never speaks (a proxy that buffers it) does not hold the poll back', async function () {
    this.timeout(8000);
    const { client } = server([{ status: 'pending' }, { status: 'scanned' }, confirmed]);
    const el = await show(client);
    const success = oneEvent(el, 'cloud-login-success');
    expect((await success).detail.session.token).to.equal('qr-token');
    expect(stream().closed, 'closed at the end').to.equal(true);
  });

  it('a stream cut after it spoke hands back to the poll', async function () {
    this.timeout(8000);
    const { client } = server([confirmed]);
    const el = await show(client);
    stream().say('scanned');
    await until(() => el.state.name === 'scanned', 'scanned');
    const success = oneEvent(el, 'cloud-login-success');
    stream().fail();
    expect((await success).detail.session.token).to.equal('qr-token');
  });

  it('nonsense on the stream counts as a failure, not a state', async function () {
    this.timeout(8000);
    const { client } = server([confirmed]);
    const el = await show(client);
    const success = oneEvent(el, 'cloud-login-success');
    stream().dispatchEvent(new MessageEvent('status', { data: '{"status":"hacked"}' }));
    expect(stream().closed).to.equal(true);
    await success;
  });

  it('polls when the browser has no EventSource, or the client has no stream (a custom transport)', async function () {
    this.timeout(8000);
    (globalThis as { EventSource: unknown }).EventSource = undefined;
    try {
      const { client } = server([confirmed]);
      const el = await fixture<CloudQrPanel>(
        html`<cloud-qr-panel provider="jdcloud" .config=${{ client }}></cloud-qr-panel>`,
      );
      await oneEvent(el, 'cloud-login-success');
    } finally {
      (globalThis as { EventSource: unknown }).EventSource = FakeEventSource;
    }
    expect(fakeClient({}).client.qrEventsUrl(ID, 's'), 'custom transport').to.equal(undefined);
    expect(createClient({ baseUrl: 'https://auth.test/api/jdcloud/' }).qrEventsUrl(ID, 'a b')).to.equal(
      `https://auth.test/api/jdcloud/qr/${ID}/events?secret=a+b`,
    );
  });
});

function deep(el: CloudQrPanel): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~=status]')!;
}
