// A site page that hosts one element, configured from its query string:
// ?tag=cloud-register&provider=tencentcloud&locale=zh-CN&returnTo=/somewhere&lane=…
// Used where a test needs a real page load: Tencent's activation link comes back to the page
// it was requested from, with `#cl_ticket=…` in the address.
import '@cloud-login/elements';
import { API_ORIGIN } from '/__cloud-login/env.js';

const params = new URLSearchParams(location.search);
const provider = params.get('provider') ?? 'default';
const el = document.createElement(params.get('tag') ?? 'cloud-register');
el.setAttribute('provider', provider);
// The test page's lane on the test server (see support/auth-server.ts).
const lane = params.get('lane');
el.setAttribute('api', `${API_ORIGIN}${lane ? `/lanes/${lane}` : ''}/api/${provider}`);
const locale = params.get('locale');
if (locale) {
  el.setAttribute('locale', locale);
  document.documentElement.lang = locale;
}
const returnTo = params.get('returnTo');
if (returnTo) el.setAttribute('return-to', returnTo);
document.querySelector('main')!.append(el);
