import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../blocks/qr-panel/cloud-qr-panel.ts';
import './cloud-login.ts';
import type { CloudQrPanel } from '../../blocks/qr-panel/qr-panel.ts';
import type { CloudLogin } from './login.ts';
import { account, apiError, deep, fakeClient, settle, type FakeCall } from '../../test/helpers.ts';

const created = (id = 'Q'.repeat(22), payload = 'https://auth.test/mobile/?qr=' + id) => ({
  status: 201,
  body: {
    id,
    secret: `secret-${id}`,
    payload,
    image: `/qr/${id}.svg`,
    expiresAt: '2099-01-01T00:00:00.000Z',
    pollInterval: 0.5,
  },
});

/** A fake server whose poll answers come from `answers` in turn (the last one repeats). */
function qrServer(
  answers: unknown[],
  extra: Record<string, (call: FakeCall) => { status: number; body?: unknown }> = {},
) {
  let polls = 0;
  let qrs = 0;
  const fake = fakeClient({
    'POST /qr': () => created(String.fromCharCode(65 + qrs++).repeat(22)),
    ...Object.fromEntries(
      ['A', 'B', 'C'].map((c) => [
        `GET /qr/${c.repeat(22)}`,
        () => {
          const answer = answers[Math.min(polls++, answers.length - 1)];
          return typeof answer === 'object' &&
            answer &&
            'status' in answer &&
            typeof (answer as { status: unknown }).status === 'number'
            ? (answer as { status: number; body?: unknown })
            : { status: 200, body: answer };
        },
      ]),
    ),
    ...extra,
  });
  return { ...fake, polls: () => fake.calls.filter((c) => c.method === 'GET').length };
}

const status = (el: Element) => deep(el, '[part~=status]').textContent!.trim();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, timeout = 4000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(25);
  }
}

/** Test files run in parallel pages, most of them in background tabs: say this one is shown. */
function showPage(state: 'visible' | 'hidden' = 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('<cloud-qr-panel>', () => {
  before(() => showPage());
  after(() => {
    delete (document as { visibilityState?: string }).visibilityState;
  });

  it('is accessible: the QR has alt text and the state is a polite live region', async () => {
    const { client } = qrServer([{ status: 'pending' }]);
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="en" .config=${{ client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'pending', 'pending');
    await settle(el);
    await expect(el).to.be.accessible();
    const img = deep<HTMLImageElement>(el, 'img');
    expect(img.alt).to.equal('QR code to log in with the JD Cloud app');
    expect(deep(el, '[part~=status]').getAttribute('role')).to.equal('status');
    expect(status(el)).to.equal('Scan the QR code with the mobile app to log in.');
    expect(deep(el, '[part~=countdown]').textContent).to.match(/Expires in 1[12]\d s/);
  });

  it('is accessible in Chinese, in dark mode', async () => {
    const { client } = qrServer([{ status: 'pending' }]);
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="zh-CN" theme="dark" .config=${{ client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'pending', 'pending');
    await settle(el);
    await expect(el).to.be.accessible();
    expect(deep<HTMLImageElement>(el, 'img').alt).to.equal('使用京东云 App 扫码登录的二维码');
  });

  it('shows the server’s image by URL, never its markup', async () => {
    const { client } = qrServer([{ status: 'pending' }]);
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" .config=${{ client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'pending', 'pending');
    await settle(el);
    expect(deep<HTMLImageElement>(el, 'img').getAttribute('src')).to.equal(
      `https://auth.test/api/x/qr/${'A'.repeat(22)}.svg`,
    );
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
  });

  it('links the QR’s payload for phones, but never a script URL', async () => {
    const bad = fakeClient({
      'POST /qr': () => created('A'.repeat(22), 'javascript:alert(1)'),
      [`GET /qr/${'A'.repeat(22)}`]: () => ({ status: 200, body: { status: 'pending' } }),
    });
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" .config=${{ client: bad.client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'pending', 'pending');
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part~=app-link]')).to.equal(null);

    const { client } = qrServer([{ status: 'pending' }]);
    const good = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="en" .config=${{ client }}></cloud-qr-panel>`,
    );
    await until(() => good.state.name === 'pending', 'pending');
    await settle(good);
    expect(deep<HTMLAnchorElement>(good, '[part~=app-link]').href).to.equal(
      `https://auth.test/mobile/?qr=${'A'.repeat(22)}`,
    );
  });

  it('goes pending → scanned → confirmed, polling with the secret, and signs in (on its own: cloud-login-success)', async function () {
    this.timeout(8000);
    const { client, calls } = qrServer([
      { status: 'pending' },
      { status: 'scanned' },
      { status: 'confirmed', account, session: { token: 'qr-token', expiresAt: '2099-01-01T00:00:00.000Z' } },
    ]);
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="en" .config=${{ client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'scanned', 'scanned');
    await settle(el);
    expect(status(el)).to.equal('Scanned. Confirm the login on your phone.');
    const success = oneEvent(el, 'cloud-login-success');
    const event = await success;
    expect(event.detail.session.token).to.equal('qr-token');
    expect(el.state.name).to.equal('confirmed');
    await settle(el);
    expect(status(el)).to.equal('Logged in.');
    const polls = calls.filter((c) => c.method === 'GET');
    expect(polls.length).to.equal(3);
    const pollsBefore = polls.length;
    await wait(1200);
    expect(calls.filter((c) => c.method === 'GET').length, 'no polling after the end').to.equal(pollsBefore);
  });

  it('says denied and offers a new QR', async function () {
    this.timeout(8000);
    const { client, calls } = qrServer([{ status: 'denied' }]);
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="zh-CN" .config=${{ client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'denied', 'denied');
    await settle(el);
    expect(status(el)).to.equal('已在手机上取消登录。');
    const refresh = deep<HTMLButtonElement>(el, '[part~=refresh]');
    expect(refresh.textContent!.trim()).to.equal('刷新二维码');
    await expect(el).to.be.accessible();
    refresh.click();
    await until(() => el.state.name === 'pending', 'a new QR');
    expect(calls.filter((c) => c.path === '/qr')).to.have.length(2);
  });

  it('says expired when the server does, and when its own countdown runs out', async function () {
    this.timeout(8000);
    const server = qrServer([{ status: 'expired' }]);
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="en" .config=${{ client: server.client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'expired', 'expired by the server');
    await settle(el);
    expect(status(el)).to.equal('The QR code has expired.');
    expect(deep(el, '[part~=refresh]').textContent!.trim()).to.equal('Refresh');

    const local = qrServer([{ status: 'pending' }]);
    const short = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="en" .config=${{ client: local.client, overrides: { qrTtl: 1 } }}></cloud-qr-panel>`,
    );
    await until(() => short.state.name === 'expired', 'expired by the countdown', 3000);
    const polls = local.polls();
    await wait(1200);
    expect(local.polls(), 'an expired QR is not polled').to.equal(polls);
  });

  it('treats a QR the server no longer knows (404) as expired, and keeps polling through a network blip', async function () {
    this.timeout(8000);
    const { client } = qrServer([
      { status: 'pending' },
      { status: 503, body: 'down' },
      apiError(404, 'not_found'),
    ]);
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" locale="en" .config=${{ client }}></cloud-qr-panel>`,
    );
    await until(() => el.state.name === 'expired', 'expired after the 404', 6000);
  });

  it('stops polling when it leaves the page, and when the browser tab is hidden', async function () {
    this.timeout(8000);
    const server = qrServer([{ status: 'pending' }]);
    const el = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="jdcloud" .config=${{ client: server.client }}></cloud-qr-panel>`,
    );
    await until(() => server.polls() >= 1, 'a first poll');
    el.remove();
    const afterRemove = server.polls();
    await wait(1200);
    expect(server.polls(), 'no poll once removed').to.equal(afterRemove);
    document.body.append(el);
    await until(() => server.polls() > afterRemove, 'polling again once back on the page');

    showPage('hidden');
    try {
      const hidden = server.polls();
      await wait(1200);
      expect(server.polls(), 'no poll while the tab is hidden').to.equal(hidden);
    } finally {
      showPage('visible');
    }
    await until(() => server.polls() > afterRemove + 1, 'polling again when the tab is shown');
    el.remove();
  });

  it('inside <cloud-login> (JD Cloud: first tab) polls only while its tab is shown, and the login announces the sign-in once', async function () {
    this.timeout(8000);
    let confirm = false;
    const { client, calls } = fakeClient({
      'POST /qr': () => created('A'.repeat(22)),
      [`GET /qr/${'A'.repeat(22)}`]: () => ({
        status: 200,
        body: confirm
          ? {
              status: 'confirmed',
              account,
              session: { token: 'qr-token', expiresAt: '2099-01-01T00:00:00.000Z' },
            }
          : { status: 'pending' },
      }),
    });
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="jdcloud" locale="en" .config=${{ client }}></cloud-login>`,
    );
    await settle(el);
    expect(deep(el, '#tab-qr').getAttribute('aria-selected')).to.equal('true');
    const panel = await (async () => {
      await customElements.whenDefined('cloud-qr-panel');
      return deep<CloudQrPanel>(el, 'cloud-qr-panel');
    })();
    await until(() => panel.state.name === 'pending', 'QR shown');
    await expect(el).to.be.accessible();
    deep<HTMLButtonElement>(el, '#tab-password').click();
    await settle(el);
    const polls = () => calls.filter((c) => c.method === 'GET').length;
    const hidden = polls();
    await wait(1200);
    expect(polls(), 'no poll while the password tab is shown').to.equal(hidden);
    deep<HTMLButtonElement>(el, '#tab-qr').click();
    await settle(el);
    let count = 0;
    el.addEventListener('cloud-login-success', () => count++);
    confirm = true;
    await until(() => el.step.name === 'done', 'signed in through the QR');
    await wait(50);
    expect(count).to.equal(1);
  });
});
