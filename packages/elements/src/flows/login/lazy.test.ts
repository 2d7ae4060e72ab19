/**
 * What `<cloud-login>` loads on demand: a tab's panel when the tab is first shown (or the
 * pointer or focus reaches it), the account chooser when a sign-in needs it, the pick-up of a
 * ticket in the address. The loaders are swapped for ones the test controls (a method through
 * `defineLoginMethod`, the flow's own parts through `loginParts`), so each state can be held.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../index.ts';
import { loginParts, type CloudLogin } from './login.ts';
import { defineLoginMethod, loginMethod, type LoginMethodDefinition } from './methods/index.ts';
import { deep, fakeClient, settle, typeInto } from '../../test/helpers.ts';

/**
 * A load the test settles by hand (the module it stands for is loaded already: `../index.ts`);
 * `calls` counts how often it was asked for.
 */
function gate() {
  const g = {
    calls: 0,
    release: () => {},
    fail: () => {},
    load: () => {
      g.calls += 1;
      return new Promise<void>((resolve, reject) => {
        g.release = () => resolve();
        g.fail = () => reject(new TypeError('Failed to fetch dynamically imported module'));
      });
    },
  };
  return g;
}

/** Gives method `id` another `load()` until `restore()`. */
function swapLoad(id: string, load: () => Promise<unknown>): () => void {
  const original = loginMethod(id)!;
  defineLoginMethod({ ...original, load } as LoginMethodDefinition);
  return () => defineLoginMethod(original);
}

const panel = (el: CloudLogin, id: string) => deep(el, `#panel-${id}`);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('<cloud-login> parts loaded on demand', () => {
  const restores: (() => void)[] = [];
  afterEach(() => restores.splice(0).forEach((restore) => restore()));

  it('loads a tab’s panel when the tab is first shown, busy meanwhile, with the outline of a form', async () => {
    const sms = gate();
    restores.push(swapLoad('sms', sms.load));
    const el = await fixture<CloudLogin>(html`<cloud-login provider="qingcloud" locale="en"></cloud-login>`);
    await settle(el);
    expect(sms.calls, 'not on first render: password comes first').to.equal(0);
    expect(panel(el, 'sms').children.length).to.equal(0);

    deep(el, '#tab-sms').click();
    await settle(el);
    expect(sms.calls).to.equal(1);
    expect(panel(el, 'sms').getAttribute('aria-busy')).to.equal('true');
    expect(deep(el, '#panel-sms [part=loading]').textContent!.trim()).to.equal('Please wait…');
    await expect(el).to.be.accessible();

    sms.release();
    await waitUntil(() => el.shadowRoot!.querySelector('#panel-sms cloud-sms-login'), 'the SMS panel');
    expect(panel(el, 'sms').hasAttribute('aria-busy')).to.equal(false);
    // Back and forth: both panels stay, nothing loads again.
    deep(el, '#tab-password').click();
    deep(el, '#tab-sms').click();
    await settle(el);
    expect(sms.calls).to.equal(1);
    expect(el.shadowRoot!.querySelector('[part=loading]')).to.equal(null);
  });

  it('loads the panel of a site’s first tab at once (SMS first)', async () => {
    const sms = gate();
    restores.push(swapLoad('sms', sms.load));
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" methods="sms password"></cloud-login>`,
    );
    await settle(el);
    expect(sms.calls).to.equal(1);
    expect(panel(el, 'sms').getAttribute('aria-busy')).to.equal('true');
    sms.release();
    await waitUntil(() => el.shadowRoot!.querySelector('#panel-sms cloud-sms-login'), 'the SMS panel');
  });

  it('starts loading a tab’s panel when the pointer or focus reaches the tab', async () => {
    const sms = gate();
    const subaccount = gate();
    restores.push(swapLoad('sms', sms.load), swapLoad('subaccount', subaccount.load));
    const el = await fixture<CloudLogin>(html`<cloud-login provider="qingcloud"></cloud-login>`);
    await settle(el);
    deep(el, '#tab-sms').dispatchEvent(new PointerEvent('pointerenter'));
    deep(el, '#tab-subaccount').focus();
    await tick();
    expect([sms.calls, subaccount.calls]).to.deep.equal([1, 1]);
    expect(el.step).to.deep.equal({ name: 'method', method: 'password' });
    sms.release();
    await tick();
    deep(el, '#tab-sms').click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('#panel-sms cloud-sms-login'), 'there at once: preloaded').to.exist;
  });

  it('forgets a preload that failed: showing the tab tries again', async () => {
    const sms = gate();
    restores.push(swapLoad('sms', sms.load));
    const el = await fixture<CloudLogin>(html`<cloud-login provider="qingcloud"></cloud-login>`);
    await settle(el);
    const errors: string[] = [];
    el.addEventListener('cloud-error', (e) => errors.push(e.detail.code));
    deep(el, '#tab-sms').dispatchEvent(new PointerEvent('pointerenter'));
    await tick();
    sms.fail();
    await tick();
    deep(el, '#tab-sms').click();
    await settle(el);
    expect(sms.calls).to.equal(2);
    expect(errors, 'nobody saw the preload fail').to.deep.equal([]);
    expect(panel(el, 'sms').getAttribute('aria-busy')).to.equal('true');
  });

  it('says so when a panel cannot be loaded, in both locales, and loads it on “try again”', async () => {
    for (const [locale, message, retry] of [
      ['en', 'Cannot reach the server. Check your connection and try again.', 'Try again'],
      ['zh-CN', '网络连接失败，请检查网络后重试。', '重试'],
    ] as const) {
      const sms = gate();
      const restore = swapLoad('sms', sms.load);
      try {
        const el = await fixture<CloudLogin>(
          html`<cloud-login provider="qingcloud" locale=${locale} methods="sms password"></cloud-login>`,
        );
        const error = oneEvent(el, 'cloud-error');
        sms.fail();
        expect((await error).detail.code).to.equal('network_error');
        await settle(el);
        expect(panel(el, 'sms').hasAttribute('aria-busy'), locale).to.equal(false);
        expect(deep(el, '#panel-sms [part~=form-error]').textContent!.trim(), locale).to.equal(message);
        expect(deep(el, '#panel-sms [part=form-error]').getAttribute('role')).to.equal('alert');
        const button = deep<HTMLButtonElement>(el, '#panel-sms [part=retry]');
        expect(button.textContent!.trim(), locale).to.equal(retry);
        await expect(el).to.be.accessible();

        button.click();
        await settle(el);
        expect(sms.calls).to.equal(2);
        expect(panel(el, 'sms').getAttribute('aria-busy')).to.equal('true');
        sms.release();
        await waitUntil(() => el.shadowRoot!.querySelector('#panel-sms cloud-sms-login'), 'the SMS panel');
        // Focus goes where the button was: into the panel that came.
        await waitUntil(
          () => el.shadowRoot!.activeElement?.localName === 'cloud-sms-login',
          'focus in the panel',
        );
      } finally {
        restore();
      }
    }
  });

  it('holds the page still: the placeholder is as tall as the panel that replaces it', async () => {
    const password = gate();
    restores.push(swapLoad('password', password.load));
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="tencentcloud" locale="en"></cloud-login>`,
    );
    await settle(el);
    const loading = el.getBoundingClientRect().height;
    password.release();
    await waitUntil(() => el.shadowRoot!.querySelector('cloud-password-login'), 'the password panel');
    await settle(el);
    expect(Math.abs(el.getBoundingClientRect().height - loading)).to.be.below(1);
  });

  it('loads the account chooser when a sign-in matches several accounts, and offers “try again” if it cannot', async () => {
    const chooser = gate();
    const original = loginParts.chooser;
    loginParts.chooser = chooser.load;
    restores.push(() => (loginParts.chooser = original));
    const { client } = fakeClient({
      'POST /sessions': () => ({
        status: 200,
        body: { status: 'choose_account', ticket: 't1', accounts: [{ id: 'a', label: 'al***e' }] },
      }),
    });
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" .config=${{ client }}></cloud-login>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('cloud-password-login'), 'the password panel');
    await settle(el);
    expect(chooser.calls).to.equal(0);
    typeInto(deep(el, 'cloud-password-login', '#identifier'), 'alice');
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-1');
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    await waitUntil(() => el.step.name === 'choose-account', 'the chooser step');
    await settle(el);
    expect(chooser.calls).to.equal(1);
    expect(deep(el, '[part=loading]').getAttribute('aria-busy')).to.equal('true');
    chooser.fail();
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('part') === 'retry',
      'focus on “try again”',
    );
    expect(deep(el, '[part=load-failed] [part~=form-error]').textContent).to.contain(
      'Cannot reach the server',
    );
    expect(deep(el, '[part~=back]'), 'the way back stays').to.exist;

    deep<HTMLButtonElement>(el, '[part=retry]').click();
    await settle(el);
    expect(chooser.calls).to.equal(2);
    chooser.release();
    await waitUntil(
      () => el.shadowRoot!.activeElement?.localName === 'cloud-account-chooser',
      'the chooser focused',
    );
  });

  it('picks up a ticket in the address with a chunk loaded only then; if that fails, says so and leaves the ticket', async () => {
    const before = location.href;
    const original = loginParts.pickUp;
    let calls = 0;
    loginParts.pickUp = () => {
      calls += 1;
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    try {
      const plain = await fixture<CloudLogin>(
        html`<cloud-login provider="qingcloud" locale="en"></cloud-login>`,
      );
      await settle(plain);
      expect(calls, 'no ticket, nothing to load').to.equal(0);

      history.replaceState(null, '', `${location.pathname}${location.search}#cl_ticket=${'R'.repeat(43)}`);
      const el = document.createElement('cloud-login') as CloudLogin;
      el.setAttribute('provider', 'qingcloud');
      el.setAttribute('locale', 'en');
      const steps: string[] = [];
      el.addEventListener('cloud-step-change', (e) => steps.push(e.detail.step));
      document.body.append(el);
      try {
        await waitUntil(() => el.step.name === 'method', 'back to the methods');
        await settle(el);
        expect(calls).to.equal(1);
        expect(steps, 'looking at the ticket is no step of its own').to.deep.equal(['password']);
        expect(deep(el, '.method-error').textContent).to.contain('Cannot reach the server');
        expect(location.hash, 'a reload tries again').to.equal(`#cl_ticket=${'R'.repeat(43)}`);
      } finally {
        el.remove();
      }
    } finally {
      loginParts.pickUp = original;
      history.replaceState(null, '', before.split('#')[0]);
    }
  });
});
