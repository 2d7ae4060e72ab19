/**
 * Tickets handed to a page through its address (`#cl_ticket=…`) are bound to the tab that
 * started the flow (packages/server/README.md, "Third-party login"), and this must hold where
 * it matters: the page (this runner's `localhost`) and the API (`127.0.0.1`) are different
 * sites, so the API's cookies are third-party to the page. The tab keeps a secret in
 * `sessionStorage`, the server gets only its hash. A third-party login whose popup is blocked
 * goes to WeChat and comes back signed in; a `#cl_ticket` from someone else's flow is neither
 * redeemed by the element nor accepted by the server without that flow's secret.
 */
import { expect } from '@open-wc/testing';
import '@cloud-login/elements';
import { API_ORIGIN, button, newPhone, until } from './support/e2e.ts';
import {
  accountOnPhone,
  bindWechatByScript,
  blockPopups,
  idpName,
  mainApi,
  mainApiUrl,
  say,
  signInAtIdp,
  siteLogin,
} from './connect-support.ts';

const hex = async (secret: string): Promise<string> => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

const stepOf = (el: HTMLElement) => (el as HTMLElement & { step: { name: string } }).step.name;

/** Someone's own WeChat login in redirect mode, stopped at the ticket in the address. */
async function ticketOfAnotherFlow(nickname: string, secret: string): Promise<string> {
  const returnTo = `${location.origin}/__cloud-login/pages/landing.html`;
  const query = new URLSearchParams({ mode: 'redirect', returnTo, flowHash: await hex(secret) });
  const other = window.open(
    `${mainApiUrl('jdcloud')}/connections/wechat/authorize?${query}`,
    `other-${Math.random()}`,
    'width=500,height=600',
  )!;
  try {
    await signInAtIdp('wechat', { name: nickname });
    let hash = '';
    await until(
      () => {
        try {
          hash = other.location.hash;
        } catch {
          return false; // still on the API's or the provider's origin
        }
        return hash.startsWith('#cl_ticket=');
      },
      'back on the site with a ticket',
      20_000,
    );
    return decodeURIComponent(hash.slice('#cl_ticket='.length));
  } finally {
    other.close();
  }
}

describe('address-borne tickets with the API on another site than the page', function () {
  this.timeout(60_000);

  it('the page and the API are different sites (the API’s cookies are third-party here)', () => {
    expect(new URL(API_ORIGIN).hostname).to.not.equal(location.hostname);
  });

  it('JD Cloud × WeChat (en), popup blocked: the page goes to WeChat and comes back signed in', async () => {
    const phone = newPhone();
    const existing = await accountOnPhone('jdcloud', phone);
    const nickname = idpName('wxbound');
    await bindWechatByScript(phone, existing.id, nickname);
    const site = window.open(
      '/__cloud-login/pages/host.html?tag=cloud-login&provider=jdcloud&locale=en',
      `site-${Math.random()}`,
      'width=520,height=900',
    )!;
    try {
      const flow = await siteLogin(site, 'jdcloud', 'en');
      blockPopups(site);
      button(flow.el, say('en', 'method.wechat')).click();
      await signInAtIdp('wechat', { name: nickname });
      const back = await siteLogin(site, 'jdcloud', 'en');
      await until(
        () => stepOf(back.el) === 'done',
        () => `signed in; at ${stepOf(back.el)}`,
        20_000,
      );
      expect(site.location.hash, 'the ticket left the address bar').to.equal('');
      expect(site.sessionStorage.getItem('cloud-login:connection'), 'the mark was taken').to.equal(null);
    } finally {
      site.close();
    }
  });

  it('a #cl_ticket from someone else’s flow: the element leaves it, the server refuses it without that flow’s secret', async () => {
    const attackerSecret = 'the-attackers-own-tab-secret';
    const planted = await ticketOfAnotherFlow(idpName('wxplant'), attackerSecret);
    const site = window.open(
      `/__cloud-login/pages/host.html?tag=cloud-login&provider=jdcloud&locale=en#cl_ticket=${encodeURIComponent(planted)}`,
      `victim-${Math.random()}`,
      'width=520,height=900',
    )!;
    try {
      const flow = await siteLogin(site, 'jdcloud', 'en');
      await until(() => site.location.hash === '', 'the foreign ticket cleared from the address');
      expect(stepOf(flow.el), 'not signed in').to.not.equal('done');
      expect(flow.rec.success, 'no cloud-login-success').to.equal(undefined);
    } finally {
      site.close();
    }
    // Forced through by script without the secret (or with the victim tab's own): refused, spent.
    const forced = await mainApi<{ error: { code: string } }>('jdcloud', 'POST', '/continue', {
      ticket: planted,
      flowSecret: 'the-victims-tab-secret',
    });
    expect(forced.status).to.equal(410);
    expect(forced.body.error.code).to.equal('ticket_expired');
    // The refusal is the binding, not the ticket's age: the flow's own secret redeems a fresh one.
    const own = await ticketOfAnotherFlow(idpName('wxown'), attackerSecret);
    const redeemed = await mainApi<{ status: string }>('jdcloud', 'POST', '/continue', {
      ticket: own,
      flowSecret: attackerSecret,
    });
    expect(redeemed.status, JSON.stringify(redeemed.body)).to.equal(200);
    expect(redeemed.body.status).to.equal('needs_profile');
  });
});
