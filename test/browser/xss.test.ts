/**
 * XSS (issue 6): hostile strings reach the elements by every way the real server and the page
 * let them — the address bar's `#cl_error=` / `#cl_ticket=` (anyone can send such a link), what a
 * person types (echoed in fields, messages and the server's answers), and account data the
 * server stores (an email with a quote, masked chooser labels) — and stay text: nothing runs,
 * no element or event-handler attribute is made from them, no `javascript:` URL appears.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  advanceClock,
  apiUrl,
  button,
  chooseMethod,
  codeFor,
  createAccount,
  deepAll,
  field,
  fill,
  newPhone,
  record,
  rootsOf,
  settle,
  text,
  until,
  waitForStep,
  type Provider,
} from './support/e2e.ts';

const MARK = '__cloudLoginXss';
const PAYLOADS = [
  `<img src=x onerror="window.${MARK}=1">`,
  `"><svg onload="window.${MARK}=1"></svg>`,
  `<script>window.${MARK}=1</script>`,
  `javascript:window.${MARK}=1`,
  `'-window.${MARK}=1-'`,
  `<iframe srcdoc="<script>parent.${MARK}=1</script>"></iframe>`,
  `<a href="javascript:window.${MARK}=1">x</a>`,
  `{{constructor.constructor('window.${MARK}=1')()}}`,
];
const PROVIDERS: Provider[] = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];
const win = window as unknown as Record<string, unknown>;

/** Nothing ran, and nothing in any shadow root was built from a payload. */
function expectInert(el: Element, what: string): void {
  expect(win[MARK], `${what}: a payload ran`).to.equal(undefined);
  for (const root of rootsOf(el)) {
    for (const node of root.querySelectorAll('*')) {
      expect(
        ['script', 'iframe', 'object', 'embed'].includes(node.localName),
        `${what}: a <${node.localName}> in the element`,
      ).to.equal(false);
      for (const name of node.getAttributeNames()) {
        const value = node.getAttribute(name) ?? '';
        expect(/^on/i.test(name), `${what}: <${node.localName} ${name}="${value}">`).to.equal(false);
        expect(
          value.includes(MARK) && /^(href|src|srcdoc|action|formaction|style)$/i.test(name),
          `${what}: <${node.localName} ${name}="${value}">`,
        ).to.equal(false);
        if (/^(href|src|action|formaction)$/i.test(name))
          expect(/^\s*javascript:/i.test(value), `${what}: ${name}="${value}"`).to.equal(false);
      }
    }
  }
}

/** Lets queued work (a fetch, a render, an image's error event) happen before looking. */
async function quiet(el: Element): Promise<void> {
  await settle(el);
  await new Promise((resolve) => setTimeout(resolve, 150));
  await settle(el);
}

function setFragment(fragment: string): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}#${fragment}`);
}

describe('XSS: hostile strings stay text in every element', function () {
  this.timeout(60_000);

  afterEach(() => {
    history.replaceState(history.state, '', location.pathname + location.search);
    delete win[MARK];
  });

  it('the check catches a payload that was parsed as HTML (so it can fail)', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    // An inline handler nobody triggers: caught by its attribute, without running anything.
    host.attachShadow({ mode: 'open' }).innerHTML = `<p><span onclick="window.${MARK}=1">x</span></p>`;
    expect(() => expectInert(host, 'control')).to.throw(/onclick/);
  });

  it('#cl_error= and #cl_ticket= in the address bar (<cloud-login>, <cloud-register>, every preset)', async () => {
    let rendered = 0;
    for (const [i, provider] of PROVIDERS.entries()) {
      for (const kind of ['cl_error', 'cl_ticket']) {
        for (const tag of ['cloud-login', 'cloud-register']) {
          const payload = PAYLOADS[(i + rendered) % PAYLOADS.length]!;
          setFragment(`${kind}=${encodeURIComponent(payload)}`);
          const el =
            tag === 'cloud-login'
              ? await fixture<HTMLElement>(
                  html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale="en"></cloud-login>`,
                )
              : await fixture<HTMLElement>(
                  html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale="en"></cloud-register>`,
                );
          await quiet(el);
          expectInert(el, `${tag} ${provider} #${kind}=${payload}`);
          el.remove();
          setFragment('');
          rendered++;
        }
      }
    }
    expect(rendered).to.equal(PROVIDERS.length * 4);
  });

  it('typed into every field of every form and submitted (<cloud-login>, <cloud-register>)', async () => {
    let filled = 0;
    let submitted = 0;
    for (const [i, provider] of PROVIDERS.entries()) {
      for (const tag of ['cloud-login', 'cloud-register']) {
        const payload = PAYLOADS[i % PAYLOADS.length]!;
        const el =
          tag === 'cloud-login'
            ? await fixture<HTMLElement>(
                html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale="en"></cloud-login>`,
              )
            : await fixture<HTMLElement>(
                html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale="en"></cloud-register>`,
              );
        await quiet(el);
        // Every tab (login methods), every text field in it, then its submit button.
        const tabs = deepAll<HTMLButtonElement>(el, '[role=tab]').filter((t) => t.checkVisibility());
        for (const tab of tabs.length ? tabs : [undefined]) {
          tab?.click();
          await quiet(el);
          const inputs = deepAll<HTMLInputElement>(el, 'input').filter(
            (input) => input.checkVisibility() && /^(text|email|tel|password|search|)$/.test(input.type),
          );
          for (const input of inputs) fill(input, payload);
          filled += inputs.length;
          for (const submit of deepAll<HTMLButtonElement>(
            el,
            'button[type=submit], form button:not([type=button])',
          ).filter((b) => b.checkVisibility() && !b.disabled)) {
            submit.click();
            submitted++;
          }
          await quiet(el);
          expectInert(el, `${tag} ${provider} typed ${payload}`);
          // The typed text is still there, as text.
          for (const input of inputs.filter((input) => input.isConnected && input.type !== 'password')) {
            if (input.value) expect(input.value.length).to.be.greaterThan(0);
          }
        }
        el.remove();
      }
    }
    expect(filled, 'fields filled').to.be.greaterThan(20);
    expect(submitted, 'forms submitted').to.be.greaterThan(10);
  });

  it('account data from the server: an email with an apostrophe, masked labels in the account chooser', async () => {
    // The server's rules keep markup out of names and emails; what they allow must still stay text.
    const email = `o'hara.${Date.now()}@example.com`;
    const registered = await createAccount('default', { email, password: 'xss-proof-2024' });
    const security = await fixture<HTMLElement>(
      html`<cloud-account-security provider="default" api=${apiUrl('default')} locale="en" .token=${registered.session.token}></cloud-account-security>`,
    );
    await until(
      () => deepAll(security, '*').some((node) => node.textContent?.includes(email)),
      () =>
        `the account’s email shown as text; shown: ${rootsOf(security)
          .map((root) => root.textContent)
          .join(' / ')
          .replace(/\s+/g, ' ')
          .slice(0, 400)}`,
    );
    await quiet(security);
    expectInert(security, 'cloud-account-security');

    // QingCloud: two accounts on one phone with one password → the chooser lists masked labels.
    const phone = newPhone();
    for (let i = 0; i < 2; i++) {
      if (i > 0) await advanceClock(61);
      await createAccount('qingcloud', {
        phone: phone.e164,
        code: await codeFor('qingcloud', phone.e164, 'register'),
        password: 'qing-xss-2024',
        agreements: true,
      });
    }
    const login = await fixture<HTMLElement>(
      html`<cloud-login provider="qingcloud" api=${apiUrl('qingcloud')} locale="en"></cloud-login>`,
    );
    const rec = record(login);
    await settle(login);
    await chooseMethod(login, text('en', 'method.password'));
    fill(
      field(
        login,
        [text('en', 'identifier.phone'), text('en', 'identifier.email')].join(text('en', 'identifier.join')),
      ),
      phone.national,
    );
    fill(field(login, text('en', 'label.password')), 'qing-xss-2024');
    button(login, text('en', 'action.login')).click();
    await waitForStep(login, rec, 'choose-account');
    await quiet(login);
    expectInert(login, 'cloud-login qingcloud account chooser');
  });
});
