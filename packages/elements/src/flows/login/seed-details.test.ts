/**
 * Login details the sources show: the app download hint beside JD's QR (002), QingCloud's IAM
 * user login link (003) and its WeChat QR as the card's corner toggle (003).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../blocks/qr-panel/cloud-qr-panel.ts';
import './cloud-login.ts';
import type { CloudQrPanel } from '../../blocks/qr-panel/qr-panel.ts';
import type { CloudLogin } from './login.ts';
import { authenticated, deep, fakeClient, settle } from '../../test/helpers.ts';
import { connectLoaded, handOff, login, stubOpen, ticketMessage, until } from '../../test/third-party.ts';

const ID = 'D'.repeat(22);
const qrClient = () =>
  fakeClient({
    'POST /qr': () => ({
      status: 201,
      body: {
        id: ID,
        secret: 's',
        payload: `https://auth.test/mobile/?qr=${ID}`,
        image: `/qr/${ID}.svg`,
        expiresAt: '2099-01-01T00:00:00.000Z',
        pollInterval: 30,
      },
    }),
    [`GET /qr/${ID}`]: () => ({ status: 200, body: { status: 'pending' } }),
  }).client;

describe('login details from the sources', () => {
  it('seed 002: the QR panel says where to get the JD Cloud app, in three locales', async function () {
    this.timeout(15000);
    const expected = {
      en: ['No JD Cloud app yet? Search for “JD Cloud” in any app store.', 'Download the app'],
      'zh-CN': ['还没有京东云 App？在各大应用商店搜索“京东云”即可下载。', '下载 App'],
      'zh-TW': ['還沒有京東雲 App？在各大應用程式商店搜尋「京東雲」即可下載。', '下載 App'],
    };
    for (const [locale, [text, link]] of Object.entries(expected)) {
      const el = await fixture<CloudQrPanel>(
        html`<cloud-qr-panel provider="jdcloud" locale=${locale} .config=${{ client: qrClient() }}></cloud-qr-panel>`,
      );
      await settle(el);
      const hint = deep(el, '[part~=download]');
      expect(hint.textContent!.replace(/\s+/g, ' '), locale).to.contain(text!.replace(/\s+/g, ' '));
      const a = deep<HTMLAnchorElement>(el, '[part~=download] a');
      expect(a.href).to.equal('https://console.jdcloud.com/download');
      expect(a.rel).to.contain('noopener');
      expect(a.textContent, locale).to.contain(link);
      await expect(el).to.be.accessible();
    }
    // A preset without an app to download shows no hint (the site can still override the URL).
    const none = await fixture<CloudQrPanel>(
      html`<cloud-qr-panel provider="default" .config=${{ client: qrClient() }}></cloud-qr-panel>`,
    );
    await settle(none);
    expect(none.shadowRoot!.querySelector('[part~=download]')).to.equal(null);
  });

  it('seed 003: QingCloud shows IAM user login with the preset’s documented default link', async () => {
    for (const [locale, label] of [
      ['en', 'IAM user login'],
      ['zh-CN', 'IAM 用户登录'],
    ] as const) {
      const el = await fixture<CloudLogin>(
        html`<cloud-login provider="qingcloud" locale=${locale}></cloud-login>`,
      );
      await settle(el);
      const link = deep<HTMLAnchorElement>(el, 'a[part=link]');
      expect(link.href).to.equal('https://console.qingcloud.com/login/iam');
      expect(link.textContent!.trim()).to.equal(label);
    }
    // A site may hide it.
    const hidden = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" .config=${{ overrides: { iamLoginUrl: null } }}></cloud-login>`,
    );
    await settle(hidden);
    expect(hidden.shadowRoot!.querySelector('a[part=link]')).to.equal(null);
  });

  it('seed 003: QingCloud’s WeChat QR is the card’s corner toggle, switching to the scan and back', async function () {
    this.timeout(15000);
    const stub = stubOpen();
    try {
      const { el, steps } = await login('qingcloud', {
        'POST /continue': () => ({ status: 200, body: authenticated }),
      });
      await until(() => !!el.shadowRoot!.querySelector('[part~=corner]'), 'the toggle');
      await settle(el);
      // The corner, not a button in the row.
      expect(el.shadowRoot!.querySelector('[part~=method-button]')).to.equal(null);
      const toggle = () => deep<HTMLButtonElement>(el, '[part~=corner]');
      expect(toggle().getAttribute('aria-label')).to.equal('WeChat login');
      await expect(el).to.be.accessible();

      toggle().click();
      await settle(el);
      expect(stub.opened).to.have.length(1);
      expect(new URL(stub.opened[0]!.url).pathname).to.equal('/api/x/connections/wechat/authorize');
      expect(el.step.name).to.equal('connecting');
      expect(toggle().getAttribute('aria-label')).to.equal('Back to log in');

      // Back: the password form again.
      toggle().click();
      await settle(el);
      expect(el.step).to.deep.include({ name: 'method', method: 'password' });
      expect(steps.at(-1)).to.equal('password');

      // Scanning again signs in through the same hand-off as the button.
      toggle().click();
      await connectLoaded();
      handOff(stub.opened[1]!.popup, ticketMessage('wechat', undefined, 'qingcloud'));
      await until(() => el.step.name === 'done', 'signed in');
    } finally {
      stub.restore();
    }
    // Chinese labels.
    const zh = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="zh-CN"></cloud-login>`,
    );
    await until(() => !!zh.shadowRoot!.querySelector('[part~=corner]'), 'the toggle');
    expect(deep(zh, '[part~=corner]').getAttribute('aria-label')).to.equal('微信登录');
    // Other presets have no corner.
    const jd = await fixture<CloudLogin>(html`<cloud-login provider="jdcloud" locale="en"></cloud-login>`);
    await settle(jd);
    expect(jd.shadowRoot!.querySelector('[part~=corner]')).to.equal(null);
  });
});
