import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { PRESETS, publicConfig, resolvePreset } from '@cloud-login/core';
import '../index.ts';
import type { CloudLogin } from '../flows/login/login.ts';
import { settle } from '../test/helpers.ts';

/**
 * An element with an `api` reads `GET {api}/config` through the page's `fetch`, which these
 * tests replace: `answer` decides each request's fate by URL and `mode`.
 */
type Answer = (url: string, init: RequestInit | undefined) => Promise<Response>;
const realFetch = window.fetch;
let requests: { url: string; mode: string }[] = [];
let errors: string[] = [];
const realWarn = console.warn;

function serve(answer: Answer) {
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push({ url: request.url, mode: init?.mode ?? request.mode });
    return answer(request.url, init ?? { mode: request.mode });
  }) as typeof fetch;
}
const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  );

// Each test its own api base: the config cache is per page and per base.
let n = 0;
const api = () => `https://auth${++n}.test/api/qingcloud`;

const tabs = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('[role=tab]')].map((t) => t.id.replace('tab-', ''));
const buttons = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=method-button]')].map((b) => b.dataset.method);
const problem = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part=load-failed]');

async function problemText(el: Element): Promise<string> {
  await waitUntil(() => problem(el), 'the problem view', { timeout: 4000 });
  return problem(el)!.querySelector('[role=alert]')!.textContent!.trim();
}

describe('following the server (GET /config)', () => {
  beforeEach(() => {
    requests = [];
    errors = [];
    console.warn = (...args: unknown[]) => errors.push(args.join(' '));
  });
  afterEach(() => {
    window.fetch = realFetch;
    console.warn = realWarn;
  });

  it('shows only the methods and identity providers the server offers', async () => {
    const served = publicConfig(
      resolvePreset('qingcloud', { methods: { login: ['password', 'subaccount', 'iam'] } }),
    );
    serve(() => json(served));
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" api=${api()}></cloud-login>`,
    );
    // The preset paints first: SMS is there until the server answers.
    expect(tabs(el)).to.deep.equal(['password', 'sms', 'subaccount']);
    await waitUntil(() => !tabs(el).includes('sms'), 'the SMS tab hidden');
    await settle(el);
    expect(tabs(el)).to.deep.equal(['password', 'subaccount']);
    expect(buttons(el)).to.not.include('wechat');
    expect(requests.map((r) => new URL(r.url).pathname)).to.deep.equal(['/api/qingcloud/config']);
  });

  it('lets the `methods` attribute narrow what the server offers, never widen it', async () => {
    serve(() =>
      json(publicConfig(resolvePreset('qingcloud', { methods: { login: ['password', 'wechat'] } }))),
    );
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" methods="sms password" api=${api()}></cloud-login>`,
    );
    await waitUntil(() => requests.length === 1);
    await settle(el);
    expect(tabs(el)).to.deep.equal([]);
    await waitUntil(() => el.shadowRoot!.querySelector('cloud-password-login'), 'the password form');
    expect(buttons(el)).to.deep.equal([]);
  });

  it('reads the config once per api base for every element on the page', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    serve(async () => (await held, json(publicConfig(PRESETS.qingcloud))));
    const base = api();
    const el = await fixture(html`<div>
      <cloud-login provider="qingcloud" api=${base}></cloud-login>
      <cloud-register provider="qingcloud" api=${base}></cloud-register>
      <cloud-login provider="qingcloud" api=${`${base}/`}></cloud-login>
    </div>`);
    await settle(el);
    release();
    await settle(el);
    expect(requests.length, 'one request while it is in flight').to.equal(1);
    el.append(Object.assign(document.createElement('cloud-login'), { provider: 'qingcloud', api: base }));
    await settle(el);
    expect(requests.length, 'none once it has answered').to.equal(1);
  });

  it('says so when the api URL is wrong (404, or not a config), in the page’s language', async () => {
    serve(() =>
      Promise.resolve(
        new Response('<h1>Not Found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } }),
      ),
    );
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" api=${api()}></cloud-login>`,
    );
    expect(await problemText(el)).to.equal('No sign-in service at this address.');
    expect(el.shadowRoot!.querySelector('[role=tablist], cloud-password-login'), 'no dead form').to.equal(
      null,
    );
    expect(errors.join('\n')).to.match(/check the api attribute/i);

    serve(() => json({ hello: 'world' }));
    const zh = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="zh-CN" api=${api()}></cloud-login>`,
    );
    expect(await problemText(zh)).to.equal('此地址没有登录服务。');
    expect(problem(zh)!.querySelector('button')!.textContent!.trim()).to.equal('重试');
  });

  it('says the server cannot be reached when neither the config nor a no-cors probe gets through', async () => {
    serve(() => Promise.reject(new TypeError('Failed to fetch')));
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" api=${api()}></cloud-login>`,
    );
    expect(await problemText(el)).to.equal('Cannot reach the server. Check your connection and try again.');
    // One probe, the client's (which names a CORS refusal), finds nothing; the view does not repeat it.
    expect(requests.map((r) => r.mode)).to.deep.equal(['cors', 'no-cors']);
    expect(errors.join('\n')).to.match(/cannot reach the server.*check the api attribute/i);
  });

  it('infers origin_not_allowed when the config fails but a no-cors probe of the same URL answers (CORS refusal)', async () => {
    serve((url, init) =>
      init?.mode === 'no-cors'
        ? Promise.resolve(new Response(null, { status: 200 }))
        : Promise.reject(new TypeError('Failed to fetch')),
    );
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="zh-CN" api=${api()}></cloud-login>`,
    );
    expect(await problemText(el)).to.equal('当前网站未获授权使用此登录服务。');
    expect(errors.join('\n')).to.include('ALLOWED_ORIGINS').and.include(location.origin);
    // One probe and one line for the developer.
    expect(requests.map((r) => r.mode)).to.deep.equal(['cors', 'no-cors']);
    expect(errors.filter((line) => line.includes('ALLOWED_ORIGINS'))).to.have.length(1);
  });

  it('reads the config again on “Try again”, and shows the form once it answers', async () => {
    let down = true;
    serve(() =>
      down ? Promise.reject(new TypeError('Failed to fetch')) : json(publicConfig(PRESETS.qingcloud)),
    );
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" api=${api()}></cloud-login>`,
    );
    await problemText(el);
    down = false;
    problem(el)!.querySelector('button')!.click();
    await waitUntil(() => !problem(el), 'the form back');
    await settle(el);
    expect(tabs(el)).to.deep.equal(['password', 'sms', 'subaccount']);
  });

  it('leaves a site’s own client alone (its transport is its own business)', async () => {
    serve(() => json({}));
    const { fakeClient } = await import('../test/helpers.ts');
    const { client, calls } = fakeClient({});
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" .config=${{ client }}></cloud-login>`,
    );
    await settle(el);
    expect(calls).to.deep.equal([]);
    expect(problem(el)).to.equal(null);
  });
});
