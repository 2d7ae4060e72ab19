// The demo page: embeds the elements exactly as a customer site would, plus a live view of the
// dev outbox so every flow can be finished without a terminal. No server data is put into the
// page as HTML: everything goes through textContent or DOM properties.
const params = new URLSearchParams(location.search);
const providers = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];
const provider = providers.includes(params.get('provider')) ? params.get('provider') : 'jdcloud';
const locale = params.get('locale') === 'en' ? 'en' : 'zh-CN';
const mode = params.get('mode') === 'register' || location.hash.includes('cl_ticket=') ? 'register' : 'login';
const api = `${location.origin}/api/${provider}`;

document.documentElement.lang = locale;
const $ = (id) => document.getElementById(id);
$('provider').value = provider;
$('locale').value = locale;
for (const select of [$('provider'), $('locale')]) {
  select.addEventListener('change', () => {
    const next = new URLSearchParams({ provider: $('provider').value, locale: $('locale').value });
    location.search = next.toString();
  });
}

function show(which) {
  const slot = $('slot');
  slot.replaceChildren();
  const el = document.createElement(which === 'register' ? 'cloud-register' : 'cloud-login');
  el.setAttribute('provider', provider);
  el.setAttribute('api', api);
  el.setAttribute('locale', locale);
  slot.append(el);
  $('show-login').setAttribute('aria-pressed', String(which === 'login'));
  $('show-register').setAttribute('aria-pressed', String(which === 'register'));
}
$('show-login').addEventListener('click', () => show('login'));
$('show-register').addEventListener('click', () => show('register'));
show(mode);

let token;
function signedIn(event) {
  token = event.detail.session?.token;
  $('payload').textContent = JSON.stringify({ type: event.type, detail: event.detail }, null, 2);
  $('signed-in').hidden = false;
}
document.addEventListener('cloud-login-success', signedIn);
document.addEventListener('cloud-register-success', signedIn);
$('logout').addEventListener('click', async () => {
  await fetch(`${api}/session`, { method: 'DELETE', credentials: 'include', headers: token ? { Authorization: `Bearer ${token}` } : {} });
  token = undefined;
  $('signed-in').hidden = true;
  show('login');
});

let seen = '';
async function pollOutbox() {
  try {
    const response = await fetch(`${api}/dev/outbox`);
    if (response.ok) {
      const { messages } = await response.json();
      const key = JSON.stringify(messages.map((m) => m.sentAt + m.to));
      if (key !== seen) {
        seen = key;
        $('outbox').replaceChildren(...messages.slice(0, 20).map(renderMessage));
      }
    }
  } catch {
    // The server restarting is not worth an error on a demo page; the next poll retries.
  }
  setTimeout(pollOutbox, 1500);
}
function renderMessage(message) {
  const li = document.createElement('li');
  const head = document.createElement('div');
  head.textContent = `${message.channel.toUpperCase()} → ${message.to} (${message.purpose})`;
  li.append(head);
  if (message.code) {
    const code = document.createElement('div');
    code.className = 'code';
    code.textContent = message.code;
    li.append(code);
  }
  if (message.link) {
    const a = document.createElement('a');
    a.href = message.link;
    a.textContent = message.link;
    li.append(a);
  }
  const text = document.createElement('div');
  text.className = 'hint';
  text.textContent = message.text;
  li.append(text);
  return li;
}
pollOutbox();
