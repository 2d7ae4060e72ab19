/**
 * Errors on show follow the `locale` attribute: each is kept with the code that made it and
 * rendered again in the new language — a form's error, a field's, a block's own check.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../index.ts';
import type { CloudLogin } from './login.ts';
import { apiError, deep, fakeClient, settle, shown, typeInto } from '../../test/helpers.ts';

async function login(locale: string): Promise<CloudLogin> {
  const { client } = fakeClient({ 'POST /sessions': () => apiError(401, 'invalid_credentials') });
  const el = await fixture<CloudLogin>(
    html`<cloud-login provider="qingcloud" locale=${locale} .config=${{ client }}></cloud-login>`,
  );
  await shown(el, 'cloud-password-login');
  return el;
}

const submit = (el: CloudLogin) =>
  deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();

/** Switches the locale and waits until `shown()` reads `expected` (errors follow a tick later). */
async function switchTo(
  el: CloudLogin,
  locale: string,
  shown: () => string,
  expected: string,
): Promise<void> {
  el.locale = locale;
  await waitUntil(() => shown() === expected, `shows "${expected}"`, { timeout: 4000 }).catch(
    () => undefined,
  );
  await settle(el);
  expect(shown()).to.equal(expected);
}

describe('errors and the locale', () => {
  it('renders the form’s error from the server again in the new locale', async () => {
    const el = await login('en');
    typeInto(deep(el, 'cloud-password-login', '#identifier'), 'alice');
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-1');
    const refused = oneEvent(el, 'cloud-error');
    submit(el);
    await refused;
    await settle(el);
    const formError = () => deep(el, 'cloud-password-login', '[part=form-error]').textContent!.trim();
    expect(formError()).to.equal('The account or password is incorrect.');
    await switchTo(el, 'zh-CN', formError, '账号或密码错误。');
    await switchTo(el, 'zh-TW', formError, '帳號或密碼錯誤。');
  });

  it('renders field errors and a block’s own check again in the new locale', async () => {
    const el = await login('zh-CN');
    submit(el);
    await settle(el);
    const identifierError = () => deep(el, 'cloud-password-login', '#identifier-error').textContent!.trim();
    const passwordError = () =>
      deep(el, 'cloud-password-login', 'cloud-password-field', '[part=error]').textContent!.trim();
    expect(identifierError()).to.equal('此项为必填项。');
    expect(passwordError()).to.equal('此项为必填项。');
    await switchTo(el, 'en', identifierError, 'This field is required.');
    await switchTo(el, 'en', passwordError, 'This field is required.');
    await switchTo(el, 'zh-TW', identifierError, '此欄位為必填。');
  });
});

describe('the password throttle', () => {
  it('says how long to wait, in words', async () => {
    const { client } = fakeClient({
      'POST /sessions': () => apiError(429, 'too_many_attempts', { retryAfter: 900 }),
    });
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en" .config=${{ client }}></cloud-login>`,
    );
    await shown(el, 'cloud-password-login');
    typeInto(deep(el, 'cloud-password-login', '#identifier'), 'alice');
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'secret-1');
    const refused = oneEvent(el, 'cloud-error');
    submit(el);
    await refused;
    await settle(el);
    const formError = () => deep(el, 'cloud-password-login', '[part=form-error]').textContent!.trim();
    expect(formError()).to.equal('Too many failed attempts. Try again in 15 min.');
    await switchTo(el, 'zh-CN', formError, '错误次数过多，请 15 分钟后再试。');
  });
});
