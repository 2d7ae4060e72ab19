/**
 * The CDN bundle (packages/elements/cdn/cloud-login.js, built by `npm run build:bundle`) in a
 * plain HTML page: one `<script type="module">` and one `<cloud-login>`, nothing else — no
 * build step, no framework, no test code in the page. Logging in through it proves the bundle
 * is self-contained and loads its lazy chunks (phone handling) from where it was loaded.
 */
import { expect } from '@open-wc/testing';
import { PRESETS, PROVIDER_IDS } from '@cloud-login/core';
import {
  API_ORIGIN,
  agreementIds,
  button,
  chooseMethod,
  closeFrames,
  codeFor,
  createAccount,
  field,
  fill,
  frameElement,
  newPhone,
  openFrame,
  record,
  sessionAccount,
  text,
  until,
  waitForStep,
} from './support/e2e.ts';

const provider = 'qingcloud';
const PASSWORD = 'plain2024page';
const TAGS = [
  'cloud-login',
  'cloud-register',
  'cloud-auth',
  'cloud-phone-input',
  'cloud-code-input',
  'cloud-password-field',
  'cloud-account-chooser',
  'cloud-agreements',
];
const t = (key: Parameters<typeof text>[1]) => text('en', key);
const identifierLabel = [t('identifier.phone'), t('identifier.email')].join(t('identifier.join'));

async function account() {
  const phone = newPhone();
  const created = await createAccount(provider, {
    phone: phone.e164,
    code: await codeFor(provider, phone.e164, 'register'),
    password: PASSWORD,
    agreements: await agreementIds(provider),
  });
  return { phone, id: created.account.id };
}

/** Logs in through the `<cloud-login>` of the page in `frame` (English: the page's `<html lang>`). */
async function logInThrough(frame: HTMLIFrameElement) {
  const { phone, id } = await account();
  const el = await frameElement(frame, 'cloud-login');
  const rec = record(el);
  await chooseMethod(el, t('method.password'));
  fill(field(el, identifierLabel), phone.national);
  fill(field(el, t('label.password')), PASSWORD);
  button(el, t('action.login')).click();
  await waitForStep(el, rec, 'done');
  expect(rec.success!.account.id).to.equal(id);
  expect((await sessionAccount(provider, rec.success!.session.token)).id).to.equal(id);
}

describe('the bundle in a plain HTML page', function () {
  this.timeout(60_000);
  afterEach(closeFrames);

  it('logs in through a page that has only the script tag and <cloud-login provider="qingcloud" api="…">', async () => {
    const page = '/__cloud-login/pages/plain.html';
    const served = await (await fetch(page)).text();
    expect(served.match(/<script\b/g)?.length, `the page as served has one script tag:\n${served}`).to.equal(
      1,
    );
    expect(served).to.include('<script type="module" src="/cloud-login.js"></script>');

    const frame = await openFrame(page);
    await logInThrough(frame);

    const win = frame.contentWindow as Window & typeof globalThis;
    // The bundle defines a tag once the page uses it (packages/elements/src/cdn.ts): the tags this
    // login did not need are put in the page, and each must then be defined.
    for (const tag of TAGS) {
      if (!win.customElements.get(tag))
        frame.contentDocument!.body.append(frame.contentDocument!.createElement(tag));
      await until(
        () => win.customElements.get(tag),
        `${tag} defined by the bundle once the page uses it`,
        5000,
      );
    }
    const scripts = win.performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js'))
      .map((e) => new URL(e.name).pathname);
    expect(scripts, 'the page loads the bundle and its own chunks only').to.include('/cloud-login.js');
    for (const path of scripts)
      expect(path, 'script loaded by the page').to.match(/^\/(cloud-login\.js|chunks\/[\w-]+\.js)$/);
    expect(
      scripts.some((p) => p.startsWith('/chunks/')),
      'phone handling came as a lazy chunk',
    ).to.equal(true);
  });

  it('fetches only the preset the page names, beside the element’s chunk rather than after it', async () => {
    const frame = await openFrame('/__cloud-login/pages/plain.html');
    await frameElement(frame, 'cloud-login');
    const scripts = frame
      .contentWindow!.performance.getEntriesByType('resource')
      .filter((e) =>
        /^\/(cloud-login\.js|chunks\/[\w-]+\.js)$/.test(new URL(e.name).pathname),
      ) as PerformanceResourceTiming[];
    const texts = await Promise.all(scripts.map(async (s) => (await fetch(s.name)).text()));
    // A preset's brand colour is in its data and nowhere else in the bundle (default's is also
    // the styles' fallback, so it tells nothing).
    const holding = (id: (typeof PROVIDER_IDS)[number]) =>
      scripts.filter((_, i) => texts[i]!.includes(PRESETS[id].theme.brand));
    for (const id of PROVIDER_IDS) {
      if (id !== provider && id !== 'default') expect(holding(id), `${id}'s preset data`).to.deep.equal([]);
    }
    const presetFiles = holding(provider);
    expect(presetFiles, `${provider}'s preset data, in one file`).to.have.length(1);
    // The entry saw the tag and its provider and started the preset with the element's chunk;
    // the element itself would start it only once its code had all arrived.
    const preset = presetFiles[0]!;
    const lastOther = Math.max(...scripts.filter((s) => s !== preset).map((s) => s.responseEnd));
    expect(
      preset.startTime,
      'the preset was requested before the element’s code had all arrived',
    ).to.be.below(lastOther);
  });

  it('logs in under a strict Content-Security-Policy (no inline script or style, no eval)', async () => {
    const frame = await openFrame('/__cloud-login/pages/plain-csp.html');
    await logInThrough(frame);
    // The policy is in force: an inline script in that page does not run.
    const doc = frame.contentDocument!;
    const inline = doc.createElement('script');
    inline.textContent = 'window.inlineRan = true';
    doc.body.append(inline);
    expect(
      (frame.contentWindow as Window & { inlineRan?: boolean }).inlineRan,
      'inline script blocked by the CSP',
    ).to.equal(undefined);
  });

  // The top-level README's first example loads the bundle from the auth server's own origin:
  // `<script type="module" src="https://auth.example.com/cloud-login.js">` on the site's page.
  // A module script from another origin needs CORS.
  it('loads the bundle from the reference server’s /cloud-login.js on another origin (README’s snippet)', async () => {
    const response = await fetch(`${API_ORIGIN}/cloud-login.js`, { mode: 'cors' }).catch(
      (error: Error) => error,
    );
    expect(
      response instanceof Response,
      `GET ${API_ORIGIN}/cloud-login.js from ${location.origin} is refused by CORS (no Access-Control-Allow-Origin on the static bundle), ` +
        'so <script type="module" src="…/cloud-login.js"> on a site cannot load it',
    ).to.equal(true);
    const frame = await openFrame('/__cloud-login/pages/cdn.html');
    await until(
      () => frame.contentWindow!.customElements.get('cloud-login'),
      'cloud-login defined by the bundle from the auth server',
      5000,
    );
    await logInThrough(frame);
  });
});
