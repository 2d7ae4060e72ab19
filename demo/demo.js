// The demo page. It embeds the elements exactly as a customer site would (the bundle's one
// script tag, then plain tags with attributes), and adds what a newcomer needs to finish every
// flow by clicking: a live view of the dev outbox, the account after sign-in, helpers for the
// dev-only routes, and the snippet to copy.
//
// Rules this file keeps: nothing from the server is ever put into the page as HTML (only
// textContent, and hrefs checked to be http(s)); no inline styles (classes and data attributes);
// the elements are touched only through their documented attributes, properties and events.

const PROVIDERS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];
const IDPS = ['wechat', 'wechat-mp', 'qq', 'jd'];
const POLL_MS = 1500;

// ---- strings -----------------------------------------------------------------------------------

const STRINGS = {
  en: {
    skip: 'Skip to the demo',
    badge: 'demo',
    navLabel: 'Resources',
    navMobile: 'Mobile app',
    navApi: 'HTTP API',
    localeLabel: 'Language',
    providerLabel: 'Provider',
    heroTitle: 'Sign-in and sign-up for cloud consoles, in one tag',
    heroText:
      'Account names, phone codes, app QR, WeChat, QQ and JD login — as JD Cloud, QingCloud and Tencent Cloud do them, in Chinese or English. Pick a console and try every flow: codes and links arrive in the outbox, nothing is really sent.',
    stageTitle: 'What your users see',
    modeLabel: 'Flow',
    signIn: 'Sign in',
    register: 'Register',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    signedOut: 'Signed out. The session token is revoked on the server.',
    signOutFailed: (why) => `Could not sign out: ${why}`,
    welcome: 'Welcome',
    signedInTo: (provider, source) => `Signed in to ${provider} · ${source}`,
    restored: 'restored from the session cookie',
    sessionTitle: 'Session',
    payloadTitle: (type) => `event.detail of ${type}`,
    payloadRestored: 'GET /session (the page was reloaded: the success event came earlier)',
    factAccountName: 'Account name',
    factPhone: 'Phone',
    factEmail: 'Email',
    factLoginWith: 'Signs in with',
    factConnections: 'Connected',
    factPassword: 'Password',
    factKind: 'Kind',
    factLegacy: 'Legacy JD account',
    factCreated: 'Created',
    factToken: 'Token',
    factExpires: 'Expires',
    factCookie: 'Cookie',
    cookieText: 'also set as an HttpOnly cookie',
    cookieOnly: 'HttpOnly cookie only (scripts cannot read it)',
    verified: 'verified',
    unverified: 'not verified yet',
    none: 'none',
    yes: 'yes',
    set: 'set',
    notSet: 'not set',
    kindMain: 'main account',
    kindSub: 'sub-account',
    identifiers: { accountName: 'account name', phone: 'phone', email: 'email' },
    securityPending:
      'Account security (<cloud-account-security>: security email, password, unbinding WeChat) is not in this build of the elements yet.',
    subTitle: 'Create a sub-account',
    subText: 'Sub-accounts sign in with their email on the “Sub-account” tab (QingCloud).',
    subCreate: 'Create sub-account',
    subCreated: (email) => `Created ${email}. Sign out, then try the Sub-account tab.`,
    email: 'Email',
    password: 'Password',
    phone: 'Phone',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Select and press Ctrl+C',
    close: 'Close',
    embedTitle: 'Embed it in your page',
    embedText: (provider, locale) =>
      `One script tag and one element — exactly what this page does for ${provider} in ${locale}.`,
    embedJsTitle: 'In your own script',
    embedHtmlLabel: 'HTML to embed',
    embedJsComment: 'account.id, session.token, session.expiresAt — the session is also an HttpOnly cookie',
    embedOrigins: 'Another origin? Start the server with ALLOWED_ORIGINS=https://your.site so it accepts your page.',
    sideLabel: 'Developer tools',
    outboxTitle: 'Dev outbox',
    outboxText: 'Every SMS, voice call and email the server “sends” lands here, live.',
    outboxEmpty: 'Nothing sent yet. Ask for a code on the card and it shows up here.',
    outboxOff: 'The outbox exists only in dev mode (the server runs with DEV_MODE=0).',
    outboxDown: 'The server cannot be reached; retrying…',
    outboxCount: (n) => (n === 1 ? '1 message' : `${n} messages`),
    channels: { sms: 'SMS', voice: 'Voice call', email: 'Email' },
    purposes: { register: 'registration', login: 'sign-in', bind: 'binding', verify: 'verify email', activate: 'activation' },
    useCode: 'Use this code',
    useCodeTitle:
      'Fills the code field that asked for this code (the one that fired cloud-code-sent), or copies the code when that field is gone',
    filled: 'Filled in ✓',
    openLink: 'Open link',
    justNow: 'just now',
    secondsAgo: (n) => `${n} s ago`,
    minutesAgo: (n) => `${n} min ago`,
    toastCode: (channel, to) => `${channel} to ${to}`,
    toastLink: (to) => `Email to ${to}`,
    guideTitle: 'Try it',
    phoneTip: 'Any valid number works, e.g.',
    qrTitle: 'App QR login',
    qrStep1: 'Register an account here first (or use one you have).',
    qrStep2: 'On the App QR tab, follow the link under the QR code (“open the app”): the mobile app page opens with that QR.',
    qrStep3: 'Sign in there with the account and confirm: this page signs in.',
    qrPhone:
      'A real phone can scan the QR too when it can reach this server (start it with HOST=0.0.0.0 and PUBLIC_URL=http://your-lan-address:8787).',
    qrMobile: 'Open the mobile app page',
    idpTitle: 'WeChat, QQ and JD login',
    idpText: 'The buttons on the sign-in card open simulated identity providers (dev mode), speaking the real OAuth2 shapes:',
    idps: {
      wechat: ['WeChat', '“Scan to log in” with a simulated phone: pick a nickname, then allow or deny.'],
      'wechat-mp': ['WeChat Official Account', 'The account’s follow page: following it signs you in.'],
      qq: ['QQ', 'QQ Connect’s consent page.'],
      jd: ['JD', 'JD’s password login: a new JD user is created on first sign-in.'],
    },
    legacyTitle: 'Legacy JD account',
    legacyText:
      'Accounts from before 2019-07-18 sign in only through JD login, then may upgrade to an account name and password. Create one:',
    legacyCreate: 'Create legacy account',
    legacyCreated: (phone, password) =>
      `Created (dated 2018). Now: sign in with ${phone} and “${password}” → you are told to use JD login; then press JD and sign in on JD’s page with the same phone and password → choose an account name to upgrade.`,
    working: 'One moment…',
    failed: (why) => `Failed: ${why}`,
    eventsTitle: 'Events',
    eventsHint: 'as the page receives them',
    eventsEmpty: 'cloud-step-change, cloud-code-sent, cloud-error and the success events appear here.',
    footText: 'Reference server in dev mode: codes, links and identity providers are simulated.',
    localeNames: { en: 'English', 'zh-CN': 'Chinese' },
  },
  'zh-CN': {
    skip: '跳到演示',
    badge: '演示',
    navLabel: '资源',
    navMobile: '手机 App',
    navApi: 'HTTP 接口',
    localeLabel: '语言',
    providerLabel: '云厂商',
    heroTitle: '云控制台的登录与注册，一个标签搞定',
    heroText:
      '账号名、手机验证码、App 扫码、微信、QQ 与京东登录 —— 与京东云、青云、腾讯云的做法一致，中英文皆可。选一个控制台，把每个流程都试一遍：验证码和链接会出现在发件箱里，不会真的发出。',
    stageTitle: '您的用户看到的样子',
    modeLabel: '流程',
    signIn: '登录',
    register: '注册',
    signOut: '退出登录',
    signingOut: '正在退出…',
    signedOut: '已退出登录，服务器已吊销该会话令牌。',
    signOutFailed: (why) => `退出失败：${why}`,
    welcome: '欢迎',
    signedInTo: (provider, source) => `已登录${provider} · ${source}`,
    restored: '由会话 Cookie 恢复',
    sessionTitle: '会话',
    payloadTitle: (type) => `${type} 事件的 event.detail`,
    payloadRestored: 'GET /session（页面已刷新，成功事件发生在刷新之前）',
    factAccountName: '账号名',
    factPhone: '手机号',
    factEmail: '邮箱',
    factLoginWith: '可用于登录',
    factConnections: '已绑定',
    factPassword: '密码',
    factKind: '类型',
    factLegacy: '京东老账号',
    factCreated: '创建时间',
    factToken: '令牌',
    factExpires: '过期时间',
    factCookie: 'Cookie',
    cookieText: '同时写入 HttpOnly Cookie',
    cookieOnly: '仅 HttpOnly Cookie（脚本无法读取）',
    verified: '已验证',
    unverified: '尚未验证',
    none: '无',
    yes: '是',
    set: '已设置',
    notSet: '未设置',
    kindMain: '主账号',
    kindSub: '子账号',
    identifiers: { accountName: '账号名', phone: '手机号', email: '邮箱' },
    securityPending: '账号安全（<cloud-account-security>：安全邮箱、密码、解绑微信）尚未包含在当前版本的组件中。',
    subTitle: '创建子账号',
    subText: '子账号在“子账号登录”标签页用邮箱登录（青云）。',
    subCreate: '创建子账号',
    subCreated: (email) => `已创建 ${email}。退出登录后，试试“子账号登录”。`,
    email: '邮箱',
    password: '密码',
    phone: '手机号',
    copy: '复制',
    copied: '已复制',
    copyFailed: '请选中后按 Ctrl+C',
    close: '关闭',
    embedTitle: '嵌入到您的页面',
    embedText: (provider, locale) => `一个脚本标签加一个元素 —— 本页为${provider}（${locale}）所做的正是这些。`,
    embedJsTitle: '在您自己的脚本中',
    embedHtmlLabel: '要嵌入的 HTML',
    embedJsComment: 'account.id、session.token、session.expiresAt —— 会话同时写入 HttpOnly Cookie',
    embedOrigins: '页面在其他源上？启动服务器时设置 ALLOWED_ORIGINS=https://your.site，服务器才会接受您的页面。',
    sideLabel: '开发者工具',
    outboxTitle: '开发发件箱',
    outboxText: '服务器“发送”的每条短信、语音电话和邮件都会实时出现在这里。',
    outboxEmpty: '还没有发送任何内容。在卡片上获取验证码，它就会出现在这里。',
    outboxOff: '发件箱只在开发模式下存在（服务器以 DEV_MODE=0 运行）。',
    outboxDown: '无法连接服务器，正在重试…',
    outboxCount: (n) => `${n} 条消息`,
    channels: { sms: '短信', voice: '语音电话', email: '邮件' },
    purposes: { register: '注册', login: '登录', bind: '绑定', verify: '验证邮箱', activate: '激活' },
    useCode: '使用此验证码',
    useCodeTitle: '填入请求该验证码的输入框（即触发 cloud-code-sent 的那个）；若该输入框已不在页面上，则复制验证码',
    filled: '已填入 ✓',
    openLink: '打开链接',
    justNow: '刚刚',
    secondsAgo: (n) => `${n} 秒前`,
    minutesAgo: (n) => `${n} 分钟前`,
    toastCode: (channel, to) => `发往 ${to} 的${channel}`,
    toastLink: (to) => `发往 ${to} 的邮件`,
    guideTitle: '试一试',
    phoneTip: '任何有效号码都可以，例如',
    qrTitle: 'App 扫码登录',
    qrStep1: '先在这里注册一个账号（或使用已有账号）。',
    qrStep2: '在“扫码登录”标签页，点击二维码下方打开 App 的链接：手机 App 页面会带着这个二维码打开。',
    qrStep3: '在那里用该账号登录并确认：本页随即登录。',
    qrPhone: '能访问本服务器的真实手机也可以直接扫码（启动时设置 HOST=0.0.0.0 和 PUBLIC_URL=http://局域网地址:8787）。',
    qrMobile: '打开手机 App 页面',
    idpTitle: '微信、QQ 与京东登录',
    idpText: '登录卡片上的按钮会打开模拟的身份提供方（开发模式），其 OAuth2 交互与真实的一致：',
    idps: {
      wechat: ['微信', '“扫码登录”页面附带模拟手机：选一个昵称，然后允许或拒绝。'],
      'wechat-mp': ['微信公众号', '公众号的关注页面：关注即可登录。'],
      qq: ['QQ', 'QQ 互联的授权页面。'],
      jd: ['京东', '京东的密码登录：首次登录时会创建新的京东用户。'],
    },
    legacyTitle: '京东老账号',
    legacyText: '2019-07-18 之前创建的账号只能通过京东账号登录，之后可以升级为账号名加密码。创建一个：',
    legacyCreate: '创建老账号',
    legacyCreated: (phone, password) =>
      `已创建（日期为 2018 年）。接下来：用 ${phone} 和“${password}”登录 → 会提示使用京东账号登录；再点击“京东”，在京东页面用同一手机号和密码登录 → 设置账号名完成升级。`,
    working: '请稍候…',
    failed: (why) => `失败：${why}`,
    eventsTitle: '事件',
    eventsHint: '页面收到的顺序',
    eventsEmpty: 'cloud-step-change、cloud-code-sent、cloud-error 以及成功事件会出现在这里。',
    footText: '参考服务器运行在开发模式：验证码、链接和身份提供方均为模拟。',
    localeNames: { en: '英文', 'zh-CN': '中文' },
  },
};

const PROVIDER_INFO = {
  jdcloud: {
    name: { en: 'JD Cloud', 'zh-CN': '京东云' },
    tagline: { en: 'App QR · JD · WeChat', 'zh-CN': 'App 扫码 · 京东 · 微信' },
  },
  'jdcloud-classic': {
    name: { en: 'JD Cloud classic', 'zh-CN': '京东云（经典）' },
    tagline: { en: 'JD login · HK / MO / TW', 'zh-CN': '京东登录 · 港澳台' },
  },
  qingcloud: {
    name: { en: 'QingCloud', 'zh-CN': '青云' },
    tagline: { en: 'SMS · sub-accounts', 'zh-CN': '短信 · 子账号' },
  },
  tencentcloud: {
    name: { en: 'Tencent Cloud', 'zh-CN': '腾讯云' },
    tagline: { en: 'Email · WeChat · QQ', 'zh-CN': '邮箱 · 微信 · QQ' },
  },
  default: {
    name: { en: 'Standard', 'zh-CN': '标准' },
    tagline: { en: 'Email or phone', 'zh-CN': '邮箱或手机' },
  },
};

/** What to try, per preset: the flows of docs/flows.md a newcomer can finish here by clicking. */
const GUIDES = {
  jdcloud: {
    en: [
      'Register: account name + password (each rule ticks as you type) → phone + code from the outbox → add a security email, or skip.',
      'Sign in with the account name and password. The phone signs in too, but only for the first account that registered it.',
      'App QR, JD and WeChat: see the cards below.',
    ],
    'zh-CN': [
      '注册：账号名 + 密码（每条规则随输入打勾）→ 手机号 + 发件箱里的验证码 → 添加安全邮箱，或跳过。',
      '用账号名和密码登录。手机号也能登录，但仅限第一个用它注册的账号。',
      'App 扫码、京东和微信登录：见下方卡片。',
    ],
  },
  'jdcloud-classic': {
    en: [
      'Register: phone (mainland, Hong Kong, Macao or Taiwan) + code + agreements → account name + password → enable the service.',
      'Sign in with the account name and password, or with JD (a simulated JD page; a new JD user leads to the enable-service form).',
    ],
    'zh-CN': [
      '注册：手机号（中国大陆、香港、澳门或台湾）+ 验证码 + 协议 → 账号名 + 密码 → 开通服务。',
      '用账号名和密码登录，或使用京东账号登录（模拟的京东页面；新的京东用户会进入开通服务表单）。',
    ],
  },
  qingcloud: {
    en: [
      'Register: phone + code → password.',
      'Register a second account with the same phone, then use SMS sign-in: you get the account chooser.',
      'After sign-in, create a sub-account and try the Sub-account tab.',
    ],
    'zh-CN': [
      '注册：手机号 + 验证码 → 密码。',
      '用同一手机号再注册一个账号，然后用短信登录：会出现账号选择。',
      '登录后创建子账号，再试试“子账号登录”标签页。',
    ],
  },
  tencentcloud: {
    en: [
      'Register: email + password → open the activation link from the outbox → pick an industry → signed in, back on this page.',
      'Or sign in with WeChat, WeChat Official Account or QQ for the first time: phone + code → email (WeChat) → industry. At most 5 accounts per phone.',
    ],
    'zh-CN': [
      '注册：邮箱 + 密码 → 打开发件箱中的激活链接 → 选择行业 → 登录并回到本页。',
      '或首次使用微信、微信公众号或 QQ 登录：手机号 + 验证码 → 邮箱（微信）→ 行业。每个手机号最多 5 个账号。',
    ],
  },
  default: {
    en: [
      'Register with an email and password, or with a phone + code and a password (8–64 characters, no composition rules, common passwords refused).',
      'Sign in with a password, or with an SMS code.',
    ],
    'zh-CN': [
      '用邮箱和密码注册，或用手机号 + 验证码再设置密码（8–64 位，无组成规则，拒绝常见密码）。',
      '用密码登录，或用短信验证码登录。',
    ],
  },
};

// ---- state -------------------------------------------------------------------------------------

const params = new URLSearchParams(location.search);
const provider = PROVIDERS.includes(params.get('provider')) ? params.get('provider') : 'jdcloud';
const api = `${location.origin}/api/${provider}`;
const signedInKey = `cloud-login-demo:signed-in:${provider}`;
let locale = pickLocale(params.get('locale'));
let mode = params.get('mode') === 'register' || params.get('mode') === 'login'
  ? params.get('mode')
  : /[#&]cl_ticket=/.test(location.hash) ? 'register' : 'login';

/** The signed-in account as the page knows it: from a success event, or from GET /session. */
let signedIn;
/** The last `<cloud-code-input>` that had a code sent (from `cloud-code-sent`'s composed path). */
let codeField;
let config;

function pickLocale(value) {
  if (value === 'en' || value === 'zh-CN') return value;
  const preferred = navigator.languages?.[0] ?? navigator.language ?? 'en';
  return preferred.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const $ = (id) => document.getElementById(id);
const t = (key, ...args) => {
  const value = STRINGS[locale][key] ?? STRINGS.en[key];
  return typeof value === 'function' ? value(...args) : value;
};
const providerName = (id = provider) => PROVIDER_INFO[id].name[locale];

/** Builds an element with a class and text (never HTML). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An http(s) URL from the server, or undefined: other schemes never become a link. */
function safeHref(value) {
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function pageUrl(changes = {}) {
  // The mode is always in the address: a ticket coming back in `#cl_ticket=` (Tencent's
  // activation link, a third-party login whose popup was blocked) returns to this address, and
  // must find the same element it left from.
  const next = new URLSearchParams({ provider, locale, mode });
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) next.delete(key);
    else next.set(key, value);
  }
  return `?${next}`;
}

// ---- copy --------------------------------------------------------------------------------------

/** Copies through the Clipboard API, else the old `execCommand('copy')` on a hidden textarea. */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', 'offscreen');
    area.value = text;
    area.setAttribute('readonly', '');
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** Copies and says so on the button; when both ways fail, selects `selectable` for Ctrl+C. */
async function copyWithFeedback(button, text, selectable) {
  const ok = await copyText(text);
  if (!ok && selectable) {
    const range = document.createRange();
    range.selectNodeContents(selectable);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }
  flash(button, ok ? t('copied') : t('copyFailed'));
  return ok;
}

function flash(button, text) {
  const original = button.dataset.label ?? button.textContent;
  button.dataset.label = original;
  button.textContent = text;
  button.classList.add('is-done');
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(
    setTimeout(() => {
      button.textContent = button.dataset.label;
      delete button.dataset.label;
      button.classList.remove('is-done');
    }, 1800),
  );
}

// ---- static strings ----------------------------------------------------------------------------

function applyStrings() {
  document.documentElement.lang = locale;
  // The demo's "mobile app" page speaks the language picked here (a QR's link carries none).
  try {
    localStorage.setItem('cloud-login-demo:locale', locale);
  } catch {
    // Storage refused (private mode): the mobile page falls back to the browser's language.
  }
  document.title = `cloud-login · ${providerName()} · ${t('badge')}`;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    if (node.dataset.label !== undefined) node.dataset.label = t(node.dataset.i18n);
    else node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      node.setAttribute(attr, t(key));
    }
  }
}

// ---- header: providers and locales ---------------------------------------------------------------

function renderProviders() {
  const nav = $('providers');
  nav.replaceChildren(
    ...PROVIDERS.map((id) => {
      const link = el('a', 'provider');
      link.href = `?${new URLSearchParams({ provider: id, locale })}`;
      link.dataset.provider = id;
      if (id === provider) link.setAttribute('aria-current', 'page');
      const dot = el('span', 'provider-dot');
      dot.setAttribute('aria-hidden', 'true');
      const text = el('span', 'provider-text');
      text.append(el('span', 'provider-name', PROVIDER_INFO[id].name[locale]), el('span', 'provider-tag', PROVIDER_INFO[id].tagline[locale]));
      link.append(dot, text);
      return link;
    }),
  );
  // On a phone the list scrolls sideways: bring the current provider into view (not the page).
  const current = nav.querySelector('[aria-current="page"]');
  if (current && nav.scrollWidth > nav.clientWidth) {
    const start = parseFloat(getComputedStyle(nav).paddingLeft) || 0;
    nav.scrollLeft += current.getBoundingClientRect().left - nav.getBoundingClientRect().left - start;
  }
}

function renderLocaleLinks() {
  for (const [id, value] of [['locale-en', 'en'], ['locale-zh', 'zh-CN']]) {
    const link = $(id);
    link.href = pageUrl({ locale: value });
    if (value === locale) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

function setLocale(next) {
  if (next === locale) return;
  locale = next;
  history.replaceState(history.state, '', pageUrl() + location.hash);
  // The elements follow their `locale` attribute live, so a flow in progress keeps its state.
  for (const node of document.querySelectorAll('cloud-login, cloud-register, cloud-account-security')) node.setAttribute('locale', locale);
  renderAll();
}

for (const [id, value] of [['locale-en', 'en'], ['locale-zh', 'zh-CN']]) {
  $(id).addEventListener('click', (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    setLocale(value);
  });
}

// ---- the stage: the elements as a customer page embeds them ------------------------------------

function mount(which) {
  mode = which;
  history.replaceState(history.state, '', pageUrl() + location.hash);
  const tag = which === 'register' ? 'cloud-register' : 'cloud-login';
  const element = document.createElement(tag);
  element.setAttribute('provider', provider);
  element.setAttribute('api', api);
  element.setAttribute('locale', locale);
  $('slot').replaceChildren(element);
  if (!customElements.get(tag)) void explainMissingBundle(tag, element);
  $('show-login').setAttribute('aria-pressed', String(which === 'login'));
  $('show-register').setAttribute('aria-pressed', String(which === 'register'));
  renderSnippet();
}

/**
 * The bundle is another module graph: it may still be loading when this runs. After a moment
 * without the tag, ask whether the bundle is there at all (not built?) and say so where the
 * card should be; a slow machine only gets the card late, never a false alarm.
 */
async function explainMissingBundle(tag, element) {
  const defined = await Promise.race([
    customElements.whenDefined(tag).then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), 2000)),
  ]);
  if (defined) return;
  const response = await fetch('/cloud-login.js', { method: 'HEAD', cache: 'no-store' }).catch(() => undefined);
  if (response?.ok || !element.isConnected || customElements.get(tag)) return;
  $('slot').append(el('p', 'card pending bundle-missing', 'cloud-login.js did not load: run `npm run build:bundle`, then reload.'));
}

$('show-login').addEventListener('click', () => mode !== 'login' && mount('login'));
$('show-register').addEventListener('click', () => mode !== 'register' && mount('register'));

// ---- signed in ---------------------------------------------------------------------------------

function onSuccess(event) {
  // The demo shows the account instead of following `return-to` (it sets none anyway).
  event.preventDefault();
  const { account, session } = event.detail;
  signedIn = { account, token: session?.token, expiresAt: session?.expiresAt, source: event.type, payload: event.detail };
  sessionStorage.setItem(signedInKey, '1');
  showAccount(true);
}
document.addEventListener('cloud-login-success', onSuccess);
document.addEventListener('cloud-register-success', onSuccess);
// <cloud-account-security> changed the account (password, unbind, upgrade): show the new state.
document.addEventListener('cloud-account-change', (event) => {
  if (!signedIn || !event.detail?.account) return;
  signedIn = { ...signedIn, account: event.detail.account };
  renderAccount();
});

function showAccount(moveFocus) {
  const signed = Boolean(signedIn);
  $('slot').hidden = signed;
  $('account').hidden = !signed;
  document.querySelector('.mode').hidden = signed;
  if (!signed) return;
  renderAccount();
  mountSecurity();
  if (moveFocus) {
    // Focus for screen readers and keyboards; the scroll keeps the card's top clear of the header.
    $('account').focus({ preventScroll: true });
    $('account').scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
}

function fact(list, label, value) {
  if (value === undefined || value === null || value === '') return;
  const dt = el('dt', '', label);
  const dd = el('dd');
  if (value instanceof Node) dd.append(value);
  else dd.textContent = String(value);
  list.append(dt, dd);
}

function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

function renderAccount() {
  if (!signedIn) return;
  const { account } = signedIn;
  const name = account.accountName ?? account.email ?? account.phone ?? account.id;
  // The first letter or CJK character of the name; a phone-only account shows its last digits.
  const initial = /[\p{L}]/u.exec(String(name))?.[0];
  $('avatar').textContent = initial ? initial.toUpperCase() : String(name).replace(/\D/g, '').slice(-2) || '?';
  $('account-greet').textContent = t('welcome');
  $('account-title').textContent = name;
  $('account-title').title = name;
  $('account-sub').textContent = t('signedInTo', providerName(), signedIn.source === 'restored' ? t('restored') : signedIn.source);

  const facts = $('account-facts');
  facts.replaceChildren();
  fact(facts, t('factAccountName'), account.accountName);
  fact(facts, t('factPhone'), account.phone);
  if (account.email) fact(facts, t('factEmail'), `${account.email} (${account.emailVerified ? t('verified') : t('unverified')})`);
  const ids = (account.loginIdentifiers ?? []).map((id) => t('identifiers')[id] ?? id);
  fact(facts, t('factLoginWith'), ids.length ? ids.join(' · ') : t('none'));
  const connections = (account.connections ?? []).map((id) => t('idps')[id]?.[0] ?? id);
  fact(facts, t('factConnections'), connections.length ? connections.join(' · ') : t('none'));
  fact(facts, t('factPassword'), account.hasPassword ? t('set') : t('notSet'));
  fact(facts, t('factKind'), account.kind === 'sub' ? t('kindSub') : t('kindMain'));
  if (account.legacy) fact(facts, t('factLegacy'), t('yes'));
  if (account.createdAt) fact(facts, t('factCreated'), formatDate(account.createdAt));

  const session = $('session-facts');
  session.replaceChildren();
  if (signedIn.token) {
    const token = signedIn.token;
    const wrap = el('span', 'token');
    const code = el('code', '', `${token.slice(0, 8)}…${token.slice(-6)}`);
    code.title = token;
    const copy = el('button', 'btn btn-small btn-ghost', t('copy'));
    copy.type = 'button';
    copy.addEventListener('click', () => copyWithFeedback(copy, token, code));
    wrap.append(code, copy);
    fact(session, t('factToken'), wrap);
    if (signedIn.expiresAt) fact(session, t('factExpires'), formatDate(signedIn.expiresAt));
    fact(session, t('factCookie'), t('cookieText'));
  } else {
    fact(session, t('factCookie'), t('cookieOnly'));
  }

  $('payload-title').textContent = signedIn.source === 'restored' ? t('payloadRestored') : t('payloadTitle', signedIn.source);
  $('payload').textContent = JSON.stringify(signedIn.payload, null, 2);

  // QingCloud main accounts can create sub-accounts (docs/flows.md#sub-account-login) through the contract.
  $('subaccount').hidden = !(provider === 'qingcloud' && account.kind !== 'sub');
}

function mountSecurity() {
  const slot = $('security');
  const tag = 'cloud-account-security';
  let element = slot.querySelector(tag);
  if (!element) {
    element = document.createElement(tag);
    element.setAttribute('provider', provider);
    element.setAttribute('api', api);
    slot.replaceChildren(element);
    // The bundle defines this tag on use (its chunk loads once the tag is in the document). A
    // build of the elements without it never defines it: say so rather than leave a hole.
    const placed = element;
    Promise.race([
      customElements.whenDefined(tag).then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
    ]).then((defined) => {
      if (!defined && placed.isConnected) slot.replaceChildren(el('p', 'muted small pending', t('securityPending')));
    });
  }
  element.setAttribute('locale', locale);
  // Its documented `token` property (never an attribute); without it the element falls back
  // to the session cookie, which is what a reload leaves us with.
  if (signedIn?.token) element.token = signedIn.token;
}

async function authFetch(path, init = {}) {
  const headers = { Accept: 'application/json', ...init.headers };
  if (signedIn?.token) headers.Authorization = `Bearer ${signedIn.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${api}${path}`, { ...init, headers, credentials: 'include' });
}

async function errorText(response) {
  const body = await response.json().catch(() => undefined);
  const error = body?.error;
  if (!error) return `HTTP ${response.status}`;
  const issue = error.issues?.[0]?.message;
  return `${error.code}${issue ? ` — ${issue}` : error.message ? ` — ${error.message}` : ''}`;
}

$('sign-out').addEventListener('click', async () => {
  const button = $('sign-out');
  button.disabled = true;
  button.textContent = t('signingOut');
  try {
    const response = await authFetch('/session', { method: 'DELETE' });
    // 401: the session was gone already; signed out either way.
    if (!response.ok && response.status !== 401) throw new Error(await errorText(response));
    signedIn = undefined;
    sessionStorage.removeItem(signedInKey);
    $('security').replaceChildren();
    showAccount(false);
    mount('login');
    showToast({ label: t('signedOut') });
    $('stage').focus();
  } catch (error) {
    showToast({ label: t('signOutFailed', error.message) });
  } finally {
    button.disabled = false;
    button.textContent = t('signOut');
  }
});

/** After a reload, the HttpOnly cookie still holds the session: ask the server who we are. */
async function restoreSession() {
  if (!sessionStorage.getItem(signedInKey)) return;
  try {
    const response = await fetch(`${api}/session`, { credentials: 'include', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      sessionStorage.removeItem(signedInKey);
      return;
    }
    const body = await response.json();
    signedIn = { account: body.account, source: 'restored', payload: body };
    showAccount(false);
  } catch {
    // The server is down: show the sign-in card; the outbox says the server is unreachable.
  }
}

$('subaccount').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('sub-result');
  const email = $('sub-email').value.trim();
  result.textContent = t('working');
  try {
    const response = await authFetch('/account/subaccounts', { method: 'POST', body: JSON.stringify({ email, password: $('sub-password').value }) });
    if (!response.ok) throw new Error(await errorText(response));
    result.textContent = t('subCreated', email);
  } catch (error) {
    result.textContent = t('failed', error.message);
  }
});

// ---- the dev outbox ----------------------------------------------------------------------------

const outbox = { messages: [], seen: new Set(), baseline: false, state: 'ok' };

const messageKey = (m) => `${m.sentAt}|${m.channel}|${m.to}|${m.code ?? ''}|${m.link ?? ''}`;

function ago(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 5) return t('justNow');
  if (seconds < 60) return t('secondsAgo', seconds);
  if (seconds < 3600) return t('minutesAgo', Math.floor(seconds / 60));
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/**
 * "Use this code": fills the `<cloud-code-input>` that asked for a code, through its documented
 * `value` property plus the native `input` event the flows listen to (as autofill would), found
 * from the composed path of its own `cloud-code-sent` event. With no such field on the page any
 * more, the code goes to the clipboard instead. Answers what it did.
 */
async function useCode(code) {
  if (codeField?.isConnected && !codeField.disabled) {
    codeField.value = code;
    codeField.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    codeField.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return 'filled';
  }
  return (await copyText(code)) ? 'copied' : 'failed';
}

async function onUseCode(button, code, codeNode) {
  const done = await useCode(code);
  if (done === 'failed' && codeNode) {
    const range = document.createRange();
    range.selectNodeContents(codeNode);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }
  flash(button, done === 'filled' ? t('filled') : done === 'copied' ? t('copied') : t('copyFailed'));
  // The toast offered the same code: it has done its job (unless another message took its place).
  if (done === 'filled' && $('toast-code').textContent === code) {
    const shown = toastCount;
    setTimeout(() => shown === toastCount && hideToast(), 1200);
  }
}

/** `+8613800138000` → `+86 138 0013 8000`; other numbers and emails as they are. */
function formatTo(to) {
  const cn = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(to);
  return cn ? `+86 ${cn[1]} ${cn[2]} ${cn[3]}` : to;
}

function renderMessage(message, superseded) {
  const item = el('li', `message message--${message.channel}`);
  item.dataset.key = messageKey(message);
  item.dataset.to = message.to;
  if (outbox.baseline && !outbox.seenAtLoad?.has(item.dataset.key)) item.classList.add('is-new');
  // A newer code or link went to the same address for the same purpose: this one is history.
  if (superseded) item.classList.add('is-old');

  const head = el('div', 'message-head');
  const chip = el('span', 'chip', t('channels')[message.channel] ?? message.channel);
  const purpose = el('span', 'purpose', t('purposes')[message.purpose] ?? message.purpose);
  const time = el('time', 'ago', ago(message.sentAt));
  time.dateTime = message.sentAt;
  head.append(chip, purpose, time);
  item.append(head, el('div', 'to', formatTo(message.to)));

  if (message.code) {
    const row = el('div', 'code-row');
    const code = el('span', 'code-value', message.code);
    const use = el('button', 'btn btn-small btn-primary use-code', t('useCode'));
    use.type = 'button';
    use.title = t('useCodeTitle');
    use.addEventListener('click', () => onUseCode(use, message.code, code));
    const copy = el('button', 'btn btn-small btn-ghost', t('copy'));
    copy.type = 'button';
    copy.addEventListener('click', () => copyWithFeedback(copy, message.code, code));
    row.append(code, use, copy);
    item.append(row);
  }
  const href = message.link ? safeHref(message.link) : undefined;
  if (href) {
    const link = el('a', 'btn btn-small btn-primary open-link', t('openLink'));
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener';
    const url = el('a', 'link-url', href);
    url.href = href;
    url.target = '_blank';
    url.rel = 'noopener';
    item.append(link, url);
  }
  if (message.text) item.append(el('p', 'message-text', message.text));
  return item;
}

function renderOutbox() {
  const list = $('outbox');
  const shown = outbox.messages.slice(0, 20);
  const latest = new Set();
  list.replaceChildren(
    ...shown.map((message) => {
      const key = `${message.to}|${message.purpose}`;
      const superseded = latest.has(key);
      latest.add(key);
      return renderMessage(message, superseded);
    }),
  );
  $('outbox-count').textContent = outbox.messages.length ? t('outboxCount', outbox.messages.length) : '';
  const empty = $('outbox-empty');
  empty.hidden = outbox.messages.length > 0 && outbox.state === 'ok';
  if (outbox.state === 'off') empty.textContent = t('outboxOff');
  else if (outbox.state === 'down') empty.textContent = t('outboxDown');
  else empty.textContent = t('outboxEmpty');
  empty.classList.toggle('is-warning', outbox.state !== 'ok');
  // For people and tests alike: whether the outbox is live ('ok'), off (not dev mode) or unreachable.
  $('outbox').closest('section').dataset.state = outbox.baseline || outbox.state !== 'ok' ? outbox.state : 'loading';
}

function refreshTimes() {
  for (const time of document.querySelectorAll('#outbox time[datetime]')) time.textContent = ago(time.dateTime);
}

async function pollOutbox() {
  if (!document.hidden) {
    try {
      const response = await fetch(`${api}/dev/outbox`, { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (response.status === 404) {
        outbox.state = 'off';
        renderOutbox();
        return; // dev mode is off: there is nothing to poll for
      }
      if (!response.ok) throw new Error(String(response.status));
      const { messages } = await response.json();
      const wasOk = outbox.state === 'ok';
      outbox.state = 'ok';
      const fresh = messages.filter((m) => !outbox.seen.has(messageKey(m)));
      for (const m of messages) outbox.seen.add(messageKey(m));
      if (!outbox.baseline) {
        // What was sent before the page opened is history, not news.
        outbox.seenAtLoad = new Set(messages.map(messageKey));
        outbox.baseline = true;
        outbox.messages = messages;
        renderOutbox();
      } else if (fresh.length > 0 || !wasOk) {
        outbox.messages = messages;
        renderOutbox();
        if (fresh[0]) announce(fresh[0]);
      } else {
        refreshTimes();
      }
    } catch {
      if (outbox.state !== 'down') {
        outbox.state = 'down';
        renderOutbox();
      }
    }
  }
  setTimeout(pollOutbox, POLL_MS);
}
document.addEventListener('visibilitychange', () => !document.hidden && refreshTimes());

// ---- toast -------------------------------------------------------------------------------------

let toastTimer;
/** Counts toasts shown, so a delayed hide never hides a newer one. */
let toastCount = 0;
function showToast({ label, code, action, actionLabel }) {
  toastCount += 1;
  const toast = $('toast');
  $('toast-label').textContent = label;
  $('toast-code').textContent = code ?? '';
  $('toast-code').hidden = !code;
  const use = $('toast-use');
  use.hidden = !action;
  use.textContent = actionLabel ?? '';
  use.onclick = action ? () => action(use) : null;
  toast.hidden = false;
  toast.classList.remove('is-leaving');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(hideToast, 15000);
}
function hideToast() {
  $('toast').hidden = true;
}
$('toast-close').addEventListener('click', hideToast);

/** A message that just arrived: shown big, with its code or link one click away. */
function announce(message) {
  const channel = t('channels')[message.channel] ?? message.channel;
  if (message.code) {
    showToast({
      label: t('toastCode', channel, formatTo(message.to)),
      code: message.code,
      actionLabel: t('useCode'),
      action: (button) => onUseCode(button, message.code, $('toast-code')),
    });
  } else if (message.link && safeHref(message.link)) {
    const href = safeHref(message.link);
    showToast({
      label: t('toastLink', message.to),
      actionLabel: t('openLink'),
      action: () => window.open(href, '_blank', 'noopener'),
    });
  }
}

// ---- event log ---------------------------------------------------------------------------------

const events = [];
function summarise(event) {
  const d = event.detail ?? {};
  switch (event.type) {
    case 'cloud-step-change':
      return `${d.flow} → ${d.step}`;
    case 'cloud-code-sent':
      return `${d.channel}, resend after ${d.resendAfter} s`;
    case 'cloud-error':
      return `${d.code}${d.field ? ` (${d.field})` : ''}`;
    case 'cloud-login-success':
    case 'cloud-register-success':
      return d.account?.accountName ?? d.account?.email ?? d.account?.phone ?? d.account?.id ?? '';
    case 'cloud-account-select':
      return d.createNew ? 'createNew' : String(d.accountId ?? '');
    case 'cloud-account-change':
      return String(d.change ?? '');
    default:
      return '';
  }
}
function logEvent(event) {
  events.unshift({ type: event.type, summary: summarise(event), at: new Date() });
  events.length = Math.min(events.length, 12);
  renderEvents();
}
function renderEvents() {
  $('events-empty').hidden = events.length > 0;
  $('events').replaceChildren(
    ...events.map((entry) => {
      const item = el('li', `event event--${entry.type.replace('cloud-', '')}`);
      const time = el('time', 'event-time', entry.at.toLocaleTimeString(locale, { hour12: false }));
      time.dateTime = entry.at.toISOString();
      item.append(time, el('code', 'event-name', entry.type), el('span', 'event-summary', entry.summary));
      return item;
    }),
  );
}
for (const type of ['cloud-step-change', 'cloud-code-sent', 'cloud-error', 'cloud-login-success', 'cloud-register-success', 'cloud-account-select', 'cloud-account-change']) {
  document.addEventListener(type, logEvent);
}
document.addEventListener('cloud-code-sent', (event) => {
  const origin = event.composedPath()[0];
  if (origin instanceof HTMLElement && origin.localName === 'cloud-code-input') codeField = origin;
});

// ---- embed snippet -----------------------------------------------------------------------------

/** Pieces of highlighted code: [className, text]; rendered as spans, copied as plain text. */
function htmlSnippet() {
  const tag = mode === 'register' ? 'cloud-register' : 'cloud-login';
  const origin = location.origin;
  const attr = (name, value) => [['', '\n  '], ['attr', name], ['punct', '="'], ['value', value], ['punct', '"']];
  return [
    ['punct', '<'], ['tag', 'script'], ['', ' '], ['attr', 'type'], ['punct', '="'], ['value', 'module'], ['punct', '" '],
    ['attr', 'src'], ['punct', '="'], ['value', `${origin}/cloud-login.js`], ['punct', '"></'], ['tag', 'script'], ['punct', '>'],
    ['', '\n\n'],
    ['punct', '<'], ['tag', tag],
    ...attr('provider', provider),
    ...attr('api', `${origin}/api/${provider}`),
    ...attr('locale', locale),
    ['punct', '>\n</'], ['tag', tag], ['punct', '>'],
  ];
}

function jsSnippet() {
  const type = mode === 'register' ? 'cloud-register-success' : 'cloud-login-success';
  return [
    ['', 'document.'], ['fn', 'addEventListener'], ['', '('], ['value', `'${type}'`], ['', ', (event) => {\n'],
    ['', '  '], ['kw', 'const'], ['', ' { account, session } = event.detail;\n'],
    ['comment', `  // ${t('embedJsComment')}`],
    ['', '\n});'],
  ];
}

function renderCode(node, pieces) {
  node.replaceChildren(...pieces.map(([cls, text]) => (cls ? el('span', `tok-${cls}`, text) : document.createTextNode(text))));
}
const plain = (pieces) => pieces.map(([, text]) => text).join('');

function renderSnippet() {
  $('embed-text').textContent = t('embedText', providerName(), t('localeNames')[locale]);
  renderCode($('snippet-html'), htmlSnippet());
  renderCode($('snippet-js'), jsSnippet());
}
$('copy-html').addEventListener('click', () => copyWithFeedback($('copy-html'), plain(htmlSnippet()), $('snippet-html')));
$('copy-js').addEventListener('click', () => copyWithFeedback($('copy-js'), plain(jsSnippet()), $('snippet-js')));

// ---- guides and dev helpers --------------------------------------------------------------------

/** A mainland mobile number nobody else in this browser used: limits are per phone. */
function randomPhone() {
  const prefixes = ['138', '139', '186', '158'];
  const prefix = prefixes[Math.floor(Math.random() * prefixes.length)];
  const rest = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).join('');
  return `${prefix}${rest}`;
}
const tipPhone = randomPhone();
const spaced = (digits) => `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;

function renderGuide() {
  $('guide').replaceChildren(...GUIDES[provider][locale].map((text) => el('li', '', text)));
  $('phone-tip').textContent = spaced(tipPhone);

  const methods = config?.methods?.login ?? [];
  const mobile = `/mobile/?${new URLSearchParams({ provider, lang: locale })}`;
  $('link-mobile').href = mobile;
  $('qr-mobile-link').href = mobile;
  $('qr-card').hidden = !methods.includes('qr');

  const idps = IDPS.filter((id) => methods.includes(id) || (config?.methods?.register ?? []).includes(id));
  $('idp-card').hidden = idps.length === 0;
  $('idp-list').replaceChildren(
    ...idps.map((id) => {
      const [name, text] = t('idps')[id];
      const item = el('li', 'idp');
      item.dataset.idp = id;
      const mark = el('span', 'idp-mark', name.slice(0, 1));
      mark.setAttribute('aria-hidden', 'true');
      const body = el('span', 'idp-body');
      body.append(el('strong', '', name), el('span', 'muted small', text));
      item.append(mark, body);
      return item;
    }),
  );
  $('legacy-card').hidden = provider !== 'jdcloud';
}
$('copy-phone').addEventListener('click', () => copyWithFeedback($('copy-phone'), tipPhone, $('phone-tip')));

async function loadConfig() {
  try {
    const response = await fetch(`${api}/config`, { headers: { Accept: 'application/json' } });
    if (response.ok) config = await response.json();
  } catch {
    config = undefined;
  }
  renderGuide();
}

$('legacy-phone').value = randomPhone();
$('legacy-password').value = `Jd-${Math.random().toString(36).slice(2, 8)}`;
$('legacy-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('legacy-result');
  const digits = $('legacy-phone').value.replace(/[\s()-]/g, '');
  const phone = digits.startsWith('+') ? digits : `+86${digits}`;
  const password = $('legacy-password').value;
  const button = event.submitter ?? $('legacy-form').querySelector('button');
  button.disabled = true;
  result.textContent = t('working');
  result.classList.remove('is-error');
  try {
    const response = await fetch(`${api}/dev/legacy-accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ phone, password }),
    });
    if (!response.ok) throw new Error(await errorText(response));
    result.textContent = t('legacyCreated', digits, password);
    // Ready for another one: each phone holds one legacy account in this demo.
    $('legacy-phone').value = randomPhone();
  } catch (error) {
    result.textContent = t('failed', error.message);
    result.classList.add('is-error');
  } finally {
    button.disabled = false;
  }
});

// ---- start -------------------------------------------------------------------------------------

function renderAll() {
  applyStrings();
  renderProviders();
  renderLocaleLinks();
  renderSnippet();
  renderGuide();
  renderOutbox();
  renderEvents();
  renderAccount();
  if (signedIn) mountSecurity();
}

document.documentElement.dataset.provider = provider;
renderAll();
mount(mode);
restoreSession();
loadConfig();
pollOutbox();
