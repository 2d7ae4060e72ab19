/**
 * A login page shows only strings that load with it: this page loads `<cloud-login>`'s code and
 * nothing else, as a page with the CDN bundle would, so a key of registration's, account
 * security's or another flow's catalogue that a login screen used would show here as itself.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../flows/login/cloud-login.ts';
import type { CloudLogin } from '../flows/login/login.ts';
import { apiError, fakeClient, settle, typeInto } from '../test/helpers.ts';
import { allCodeText, rawKeysIn } from '../test/strings.ts';

const PROVIDERS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];

/** Every element matching `selector` below `root`, through shadow roots. */
function deepAll<T extends Element>(root: Element | ShadowRoot, selector: string): T[] {
  const out: T[] = [...root.querySelectorAll<T>(selector)];
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) out.push(...deepAll<T>(el.shadowRoot, selector));
  return out;
}

async function noRawKeys(el: CloudLogin, where: string): Promise<void> {
  await settle(el, 4);
  expect(rawKeysIn(el), where).to.deep.equal([]);
}

/** The panel of the selected tab (or the only one). */
const shownPanel = (el: CloudLogin) =>
  el.shadowRoot!.querySelector<HTMLElement>('[part~=panel]:not([hidden])')!;

describe('a login page’s strings', () => {
  for (const locale of ['en', 'zh-CN', 'zh-TW']) {
    it(`every preset’s methods, submitted empty and refused (${locale})`, async function () {
      this.timeout(60000);
      for (const provider of PROVIDERS) {
        const { client } = fakeClient({
          'POST /sessions': () => apiError(401, 'invalid_credentials'),
          'POST /sessions/subaccount': () => apiError(401, 'invalid_credentials'),
          'POST /qr': () => apiError(429, 'rate_limited', { retryAfter: 40_000 }),
        });
        const el = await fixture<CloudLogin>(
          html`<cloud-login provider=${provider} locale=${locale} .config=${{ client }}></cloud-login>`,
        );
        await noRawKeys(el, `${provider}: first screen`);
        const tabs = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role=tab]')];
        for (const tab of [undefined, ...tabs]) {
          tab?.click();
          const where = `${provider} ${tab?.id ?? 'first tab'}`;
          await noRawKeys(el, where);
          const submit = deepAll<HTMLButtonElement>(shownPanel(el), 'button[type=submit]')[0];
          if (!submit) continue;
          submit.click();
          await noRawKeys(el, `${where}, submitted empty`);
          const [identifier] = deepAll<HTMLInputElement>(
            shownPanel(el),
            'input[autocomplete=username], input[type=email]',
          );
          const [password] = deepAll<HTMLInputElement>(shownPanel(el), 'input[type=password]');
          if (!identifier || !password) continue;
          typeInto(identifier, 'someone@example.com');
          typeInto(password, 'Secret#2024');
          const refused = oneEvent(el, 'cloud-error');
          submit.click();
          // A sign-in's refusal loads with the login: its own text, not the generic one.
          expect((await refused).detail.message, where).to.equal(
            allCodeText(locale as 'en', 'invalid_credentials'),
          );
          await noRawKeys(el, `${where}, refused`);
        }
      }
    });
  }
});
