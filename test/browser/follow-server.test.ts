/**
 * The elements follow the real server's `GET /config`: what a server does not offer gets no tab
 * and no button, and a server that refuses the page's origin (CORS) is named as the cause,
 * in the page's language, with the fix in the console. Lanes set up by `support/auth-server.ts`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import { createClient, type ApiError } from '@cloud-login/core';
import { API_ORIGIN, LANE, deepAll, message, settle, until } from './support/e2e.ts';

const tabs = (el: Element) => deepAll(el, '[role=tab]').map((t) => t.id.replace('tab-', ''));
const buttons = (el: Element) => deepAll(el, '[part=method-button]').map((b) => b.dataset.method);

describe('the elements follow the server', function () {
  this.timeout(30_000);

  it('shows no SMS tab and no WeChat button when the server offers neither', async () => {
    const el = await fixture(
      html`<cloud-login provider="qingcloud" locale="en" api=${`${API_ORIGIN}/lanes/narrow-${LANE}/api/qingcloud`}></cloud-login>`,
    );
    await until(
      () => !tabs(el).includes('sms'),
      () => `tabs ${tabs(el)}`,
    );
    await settle(el);
    expect(tabs(el)).to.deep.equal(['password', 'subaccount']);
    expect(buttons(el)).to.not.include('wechat');
    expect(deepAll(el, '[part~=corner]'), 'nor the WeChat corner toggle').to.have.length(0);
    expect(deepAll(el, 'cloud-password-login').length, 'the password form is there').to.equal(1);
  });

  it('names the cause when the server refuses the page’s origin, and logs ALLOWED_ORIGINS', async () => {
    const logged: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      for (const locale of ['en', 'zh-CN'] as const) {
        const el = await fixture(
          html`<cloud-login provider="qingcloud" locale=${locale} api=${`${API_ORIGIN}/lanes/closed-${LANE}/api/qingcloud`}></cloud-login>`,
        );
        await until(() => deepAll(el, '[part=load-failed] [role=alert]').length, 'the problem view');
        expect(deepAll(el, '[part=load-failed] [role=alert]')[0]!.textContent!.trim()).to.equal(
          message(locale, 'origin_not_allowed'),
        );
        expect(deepAll(el, '[part=retry]')[0]!.textContent!.trim()).to.equal(
          locale === 'en' ? 'Try again' : '重试',
        );
        expect(deepAll(el, 'cloud-password-login, [role=tab]'), 'no dead form').to.deep.equal([]);
      }
      expect(logged.join('\n')).to.include('ALLOWED_ORIGINS').and.include(location.origin);
    } finally {
      console.warn = warn;
    }
  });

  it('names a refused origin on any request, not a network failure, and logs ALLOWED_ORIGINS', async () => {
    const logged: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const client = createClient({ baseUrl: `${API_ORIGIN}/lanes/closed-${LANE}/api/qingcloud` });
      const refused = await client.login({ identifier: 'alice', password: 'secret-1' }).then(
        () => undefined,
        (error: unknown) => error as ApiError,
      );
      expect(refused?.code).to.equal('origin_not_allowed');
      expect(logged.join('\n')).to.include(`ALLOWED_ORIGINS=${location.origin}`);
      // An unreachable server stays a network failure (nothing answers the probe).
      const down = await createClient({ baseUrl: 'http://127.0.0.1:9/api/qingcloud' })
        .login({ identifier: 'alice', password: 'secret-1' })
        .then(
          () => undefined,
          (error: unknown) => error as ApiError,
        );
      expect(down?.code).to.equal('network_error');
    } finally {
      console.warn = warn;
    }
  });

  it('names a wrong api URL', async () => {
    const el = await fixture(
      html`<cloud-login provider="qingcloud" locale="en" api=${`${API_ORIGIN}/lanes/${LANE}/api/nowhere`}></cloud-login>`,
    );
    await until(() => deepAll(el, '[part=load-failed] [role=alert]').length, 'the problem view');
    expect(deepAll(el, '[part=load-failed] [role=alert]')[0]!.textContent!.trim()).to.equal(
      'No sign-in service at this address.',
    );
  });
});
