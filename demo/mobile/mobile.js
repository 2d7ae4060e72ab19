// The demo's "mobile app": the phone side of app QR login (docs/flows.md#app-qr-login). A person signed in here opens
// the link of a login page's QR code (?provider=…&qr=<id>), sees which browser is asking, and
// confirms or denies. It talks to the same HTTP contract as the elements: POST /sessions to
// sign in, then POST /qr/{id}/scan|confirm|deny with its own session as a bearer token.
//
// The app's session is kept in this tab only (sessionStorage) and is never a cookie: requests go
// out with `credentials: 'omit'`, so signing in here cannot replace or revoke the session the
// same browser's login page holds (the demo runs both in one browser).

const PROVIDERS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];
const NAMES = {
  jdcloud: ['JD Cloud', '京东云'],
  'jdcloud-classic': ['JD Cloud', '京东云'],
  qingcloud: ['QingCloud', '青云'],
  tencentcloud: ['Tencent Cloud', '腾讯云'],
  default: ['Cloud', '云'],
};

const params = new URLSearchParams(location.search);
const provider = PROVIDERS.includes(params.get('provider')) ? params.get('provider') : 'jdcloud';
const qrId = /^[A-Za-z0-9_-]{22}$/.test(params.get('qr') ?? '') ? params.get('qr') : undefined;
const api = `/api/${provider}`;
const storageKey = `cloud-login-mobile:${provider}`;
// The language: `?lang=`, else the one last picked on the demo page (this "phone" belongs to the
// person trying the demo: a QR link carries no language), else the browser's.
const demoLocale = (() => {
  try {
    return localStorage.getItem('cloud-login-demo:locale');
  } catch {
    return null;
  }
})();
const zh = (params.get('lang') ?? demoLocale ?? navigator.language ?? '').toLowerCase().startsWith('zh');

const TEXT = {
  en: {
    app: (name) => `${name} app`,
    demo: 'demo',
    noQrTitle: 'Scan a QR code',
    noQrText:
      'Open this page from the QR code on a login page (App QR login). In the demo, open the QR\u2019s link in this browser.',
    signInTitle: 'Sign in to the app',
    signInHint: 'The account you sign in with here is the one the computer will be signed in to.',
    identifier: 'Account name, phone or email',
    password: 'Password',
    signIn: 'Sign in',
    chooseTitle: 'Choose an account',
    requestTitle: 'Sign in on another device?',
    who: 'Asking',
    when: 'Requested at',
    account: 'Account',
    expires: 'Expires in',
    requestHint: 'Confirm only if you are signing in on that computer right now.',
    deny: 'Deny',
    confirm: 'Confirm sign-in',
    signOut: 'Sign out of the app',
    working: 'One moment\u2026',
    seconds: (n) => `${n} s`,
    confirmedTitle: 'Signed in',
    confirmedText: 'The computer is now signed in to your account. You can close this page.',
    deniedTitle: 'Denied',
    deniedText: 'Nobody was signed in. If you did not ask for this, you can ignore it.',
    expiredTitle: 'QR code expired',
    expiredText: 'Refresh the QR code on the computer and scan it again.',
    unknown: 'This QR code is not valid, or another account already scanned it.',
    parent:
      'This is an older JD account: it cannot sign in to the app with a password. Use JD login on the computer and upgrade the account first.',
    invalid: 'The account or password is not correct.',
    failed: 'Something went wrong; try again.',
    network: 'The server cannot be reached.',
    moreSteps: 'This account has a step to finish first; sign in on the computer once.',
    backToDemo: '\u2190 Back to the cloud-login demo',
  },
  zh: {
    app: (name) => `${name} App`,
    demo: '演示',
    noQrTitle: '扫描二维码',
    noQrText: '请通过登录页上的二维码（App 扫码登录）打开此页面。演示时，在本浏览器中打开二维码的链接即可。',
    signInTitle: '登录 App',
    signInHint: '您在这里登录的账号，就是电脑上将要登录的账号。',
    identifier: '账号名、手机号或邮箱',
    password: '密码',
    signIn: '登录',
    chooseTitle: '选择账号',
    requestTitle: '确认在其他设备上登录？',
    who: '请求方',
    when: '请求时间',
    account: '账号',
    expires: '剩余时间',
    requestHint: '仅当您正在那台电脑上登录时才确认。',
    deny: '拒绝',
    confirm: '确认登录',
    signOut: '退出 App',
    working: '请稍候…',
    seconds: (n) => `${n} 秒`,
    confirmedTitle: '已登录',
    confirmedText: '电脑已登录您的账号，可以关闭此页面。',
    deniedTitle: '已拒绝',
    deniedText: '没有任何设备登录。如果这不是您本人的操作，请忽略。',
    expiredTitle: '二维码已过期',
    expiredText: '请在电脑上刷新二维码后重新扫描。',
    unknown: '二维码无效，或已被其他账号扫描。',
    parent: '这是京东老账号，不能在 App 中用密码登录。请先在电脑上使用京东账号登录并升级账号。',
    invalid: '账号或密码不正确。',
    failed: '出错了，请重试。',
    network: '无法连接服务器。',
    moreSteps: '该账号还有未完成的步骤，请先在电脑上登录一次。',
    backToDemo: '\u2190 返回 cloud-login 演示',
  },
};
const t = zh ? TEXT.zh : TEXT.en;
const $ = (id) => document.getElementById(id);

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function token() {
  return sessionStorage.getItem(storageKey) ?? undefined;
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const init = { method, headers, credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(api + path, init);
  } catch {
    throw new ApiError(0, 'network_error', t.network);
  }
  if (response.status === 204) return undefined;
  const data = await response.json().catch(() => undefined);
  if (!response.ok)
    throw new ApiError(
      response.status,
      data?.error?.code ?? 'unexpected_response',
      data?.error?.message ?? t.failed,
    );
  return data;
}

function show(section) {
  for (const id of ['no-qr', 'sign-in', 'request', 'done']) $(id).hidden = id !== section;
  $('sign-out').hidden = !token();
}

function setStatus(text) {
  $('status').textContent = text ?? '';
}

function showError(text) {
  $('error').textContent = text ?? '';
  $('error').hidden = !text;
}

function finish(title, text) {
  stopCountdown();
  $('done-title').textContent = title;
  $('done-text').textContent = text;
  show('done');
}

let countdown;
function stopCountdown() {
  clearInterval(countdown);
  countdown = undefined;
}

function startCountdown(expiresAt) {
  stopCountdown();
  const tick = () => {
    const left = Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));
    $('req-left').textContent = t.seconds(left);
    if (left === 0) finish(t.expiredTitle, t.expiredText);
  };
  tick();
  countdown = setInterval(tick, 1000);
}

/** What a failed QR call means to the person holding the phone. */
function qrFailure(error) {
  if (error.code === 'qr_expired') return finish(t.expiredTitle, t.expiredText);
  if (error.code === 'unauthenticated') {
    sessionStorage.removeItem(storageKey);
    show('sign-in');
    return showError(null);
  }
  if (error.code === 'not_found') return finish(t.expiredTitle, t.unknown);
  showError(error.message || t.failed);
}

let account;

async function scan() {
  setStatus(t.working);
  try {
    const me = await call('GET', '/session');
    account = me.account;
    const answer = await call('POST', `/qr/${qrId}/scan`);
    $('req-browser').textContent = answer.info.browser;
    $('req-time').textContent = new Date(answer.info.createdAt).toLocaleTimeString(zh ? 'zh-CN' : 'en');
    $('req-account').textContent = account.accountName ?? account.email ?? account.phone ?? account.id;
    show('request');
    startCountdown(answer.info.expiresAt);
    $('confirm').focus();
  } catch (error) {
    qrFailure(error);
  } finally {
    setStatus('');
  }
}

async function decide(action) {
  for (const id of ['confirm', 'deny']) $(id).disabled = true;
  showError(null);
  try {
    const answer = await call('POST', `/qr/${qrId}/${action}`);
    if (answer.status === 'confirmed') finish(t.confirmedTitle, t.confirmedText);
    else finish(t.deniedTitle, t.deniedText);
  } catch (error) {
    qrFailure(error);
  } finally {
    for (const id of ['confirm', 'deny']) $(id).disabled = false;
  }
}

async function signedIn(answer) {
  if (answer.status === 'authenticated') {
    sessionStorage.setItem(storageKey, answer.session.token);
    $('password').value = '';
    $('chooser').hidden = true;
    if (qrId) await scan();
    else show('no-qr');
    return;
  }
  if (answer.status === 'choose_account') {
    const list = $('chooser-list');
    list.replaceChildren(
      ...answer.accounts.map((choice) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = choice.label;
        button.addEventListener('click', async () => {
          try {
            await signedIn(await call('POST', '/continue', { ticket: answer.ticket, accountId: choice.id }));
          } catch (error) {
            showError(error.message || t.failed);
          }
        });
        item.append(button);
        return item;
      }),
    );
    $('chooser').hidden = false;
    list.querySelector('button')?.focus();
    return;
  }
  showError(t.moreSteps);
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  showError(null);
  const submit = event.submitter ?? $('sign-in-form').querySelector('button');
  submit.disabled = true;
  try {
    await signedIn(
      await call('POST', '/sessions', { identifier: $('identifier').value, password: $('password').value }),
    );
  } catch (error) {
    showError(
      error.code === 'use_parent_login'
        ? t.parent
        : error.code === 'invalid_credentials'
          ? t.invalid
          : error.message || t.failed,
    );
    $('password').focus();
  } finally {
    submit.disabled = false;
  }
});

$('confirm').addEventListener('click', () => decide('confirm'));
$('deny').addEventListener('click', () => decide('deny'));
$('sign-out').addEventListener('click', async () => {
  try {
    await call('DELETE', '/session');
  } catch {
    // Gone already: signed out either way.
  }
  sessionStorage.removeItem(storageKey);
  stopCountdown();
  show('sign-in');
});

// Strings and brand.
document.documentElement.lang = zh ? 'zh-CN' : 'en';
const name = NAMES[provider][zh ? 1 : 0];
for (const node of document.querySelectorAll('[data-i18n]')) {
  const value = t[node.dataset.i18n];
  node.textContent = typeof value === 'function' ? value(name) : value;
}
document.title = `${t.app(name)} (${t.demo})`;
document.querySelector('.phone').dataset.provider = provider;
document.body.dataset.provider = provider;
$('back').href = `/?${new URLSearchParams({ provider, locale: zh ? 'zh-CN' : 'en' })}`;

if (!qrId) show(token() ? 'no-qr' : 'sign-in');
else if (token()) scan();
else show('sign-in');
