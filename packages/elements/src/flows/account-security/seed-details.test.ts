/**
 * Account security as the sources describe it: the unbind confirmation lists the login methods
 * that remain (002), and the contact phone and email of the enable-service step can be changed
 * later, each proven with a code (001).
 */
import { expect, fixture, html } from '@open-wc/testing';
import './cloud-account-security.ts';
import type { CloudAccountSecurity } from './account-security.ts';
import { account, deep, fakeClient, settle, type FakeRoute } from '../../test/helpers.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, timeout = 4000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

async function security(routes: Record<string, FakeRoute>, provider = 'jdcloud', locale = 'en') {
  const fake = fakeClient(routes);
  const el = await fixture<CloudAccountSecurity>(
    html`<cloud-account-security provider=${provider} locale=${locale} .config=${{ client: fake.client }}></cloud-account-security>`,
  );
  await until(() => el.step.name !== 'loading', 'the account');
  await settle(el);
  return { el, ...fake };
}

const buttonNamed = (el: Element, label: string) => {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.textContent!.trim() === label || b.getAttribute('aria-label') === label,
  );
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};
const remaining = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('[part=remaining] li')].map((li) => li.textContent!.trim());

describe('<cloud-account-security> details from the sources', () => {
  it('seed 002: confirming an unbind lists the login methods that remain', async () => {
    const jd = {
      ...account,
      provider: 'jdcloud',
      accountName: 'alice_01',
      email: 'alice@example.com',
      emailVerified: true,
      loginIdentifiers: ['accountName', 'email'],
      connections: ['wechat', 'jd'],
    };
    const { el } = await security({ 'GET /session': () => ({ status: 200, body: { account: jd } }) });
    buttonNamed(el, 'Unbind WeChat login').click();
    await settle(el);
    expect(deep(el, '[part=remaining]').getAttribute('aria-labelledby')).to.equal('remaining-title');
    expect(remaining(el)).to.deep.equal(['Account name and password', 'Email and password', 'JD login']);
    await expect(el).to.be.accessible();

    // QingCloud in Chinese: the phone with the password, and SMS login.
    const qing = { ...account, loginIdentifiers: ['phone'], connections: ['wechat'] };
    const zh = await security(
      { 'GET /session': () => ({ status: 200, body: { account: qing } }) },
      'qingcloud',
      'zh-CN',
    );
    buttonNamed(zh.el, '解除绑定微信登录').click();
    await settle(zh.el);
    expect(remaining(zh.el)).to.deep.equal(['手机号 + 密码', '短信登录']);
  });
});
