/**
 * "Bind" in `<cloud-account-security>` (docs/flows.md#bind-a-third-party-login): a login the
 * account lacks opens its provider in a popup (`mode=bind`), whose ticket goes to
 * `POST /account/connections` with the proof the server asks for; a blocked popup and a refusal
 * are said in the step. The real server and provider: test/browser/account-security.test.ts.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './cloud-account-security.ts';
import type { CloudAccountSecurity } from './account-security.ts';
import { account, apiError, deep, fakeClient, settle, typeInto, type FakeRoute } from '../../test/helpers.ts';
import { connectLoaded, handOff, stubOpen, ticketMessage, until } from '../../test/third-party.ts';

const jdAccount = {
  ...account,
  provider: 'jdcloud',
  accountName: 'alice_01',
  loginIdentifiers: ['accountName'],
  connections: [],
};

async function security(routes: Record<string, FakeRoute>, locale = 'en') {
  const fake = fakeClient(routes);
  const el = await fixture<CloudAccountSecurity>(
    html`<cloud-account-security provider="jdcloud" locale=${locale} theme="light" .config=${{ client: fake.client }}></cloud-account-security>`,
  );
  await until(() => el.step.name !== 'loading', 'the account');
  await settle(el);
  return { el, ...fake };
}

const text = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
const buttons = (el: Element, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].filter(
    (b) => b.textContent!.trim() === label,
  );

describe('<cloud-account-security> bind', () => {
  let stub: ReturnType<typeof stubOpen> | undefined;
  afterEach(() => stub?.restore());

  it('offers "Bind" for each login the account lacks, named for its provider, in both scripts', async function () {
    this.timeout(15000);
    const { el } = await security({
      'GET /session': () => ({ status: 200, body: { account: { ...jdAccount, connections: ['jd'] } } }),
    });
    const bind = buttons(el, 'Bind');
    expect(bind.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Bind WeChat login']);
    expect(buttons(el, 'Unbind').length).to.equal(1);
    await expect(el).to.be.accessible();
    const zh = await security(
      { 'GET /session': () => ({ status: 200, body: { account: jdAccount } }) },
      'zh-CN',
    );
    expect(buttons(zh.el, '绑定').map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      '绑定京东登录',
      '绑定微信登录',
    ]);
  });

  it('opens the provider with mode=bind, asks for the password, then binds with the same ticket', async function () {
    this.timeout(15000);
    stub = stubOpen();
    let connections: string[] = [];
    const { el, calls } = await security({
      'GET /session': () => ({ status: 200, body: { account: { ...jdAccount, connections } } }),
      'POST /account/connections': ({ body }) => {
        const proof = body as { currentPassword?: string };
        if (!proof.currentPassword) return apiError(403, 'reauth_required', { field: 'currentPassword' });
        connections = ['wechat'];
        return { status: 200, body: { account: { ...jdAccount, connections } } };
      },
    });
    buttons(el, 'Bind')[1]!.click();
    await settle(el);
    expect(el.step.name).to.equal('bind');
    expect(text(el)).to.contain('A window opens where you log in with WeChat login.');
    await expect(el).to.be.accessible();

    buttons(el, 'Bind')[0]!.click();
    expect(stub.opened.length, 'opened inside the click').to.equal(1);
    const url = new URL(stub.opened[0]!.url);
    expect(url.pathname).to.equal('/api/x/connections/wechat/authorize');
    expect(url.searchParams.get('mode')).to.equal('bind');
    expect(url.searchParams.get('locale')).to.equal('en');
    await connectLoaded();
    const ticket = 'B'.repeat(43);
    handOff(stub.opened[0]!.popup, ticketMessage('wechat', ticket));
    await until(
      () => el.shadowRoot!.querySelector('[part~=reauth] cloud-password-field') !== null,
      'the password asked for',
    );
    await settle(el);
    await expect(el).to.be.accessible();

    await typeInto(deep(el, '[part~=reauth] cloud-password-field', 'input'), 'Secret-123');
    const changed = oneEvent(el, 'cloud-account-change');
    buttons(el, 'Bind')[0]!.click();
    const event = await changed;
    expect(event.detail.change).to.equal('bind');
    expect(stub.opened.length, 'no second popup: the ticket waited for the proof').to.equal(1);
    const posts = calls.filter((c) => c.path === '/account/connections').map((c) => c.body);
    expect(posts).to.deep.equal([
      { ticket, locale: 'en' },
      { ticket, currentPassword: 'Secret-123', locale: 'en' },
    ]);
    await settle(el);
    expect(el.step.name).to.equal('overview');
    expect(deep(el, '[part~=notice]').textContent!.trim()).to.equal('WeChat login has been bound.');
  });

  it('says so when the popup is blocked, and when the login belongs to another account', async function () {
    this.timeout(15000);
    stub = stubOpen(true);
    const { el } = await security({
      'GET /session': () => ({ status: 200, body: { account: jdAccount } }),
      'POST /account/connections': () => apiError(409, 'already_bound'),
    });
    buttons(el, 'Bind')[1]!.click();
    await settle(el);
    buttons(el, 'Bind')[0]!.click();
    await settle(el);
    expect(deep(el, '[part~=form-error]').textContent).to.contain('Allow pop-ups for this site');
    stub.restore();
    stub = stubOpen();
    buttons(el, 'Bind')[0]!.click();
    await connectLoaded();
    handOff(stub.opened[0]!.popup, ticketMessage('wechat'));
    await until(() => deep(el, '[part~=form-error]').textContent!.trim() !== '', 'the refusal');
    expect(el.step.name).to.equal('bind');
    expect(el.step.name === 'bind' && el.step.ticket).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});
