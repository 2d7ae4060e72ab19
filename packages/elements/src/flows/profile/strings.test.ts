/**
 * The profile steps show no string whose catalogue they did not load. This page loads only the
 * profile chunk (`profile/index.ts`, what `<cloud-login>` imports when a sign-in needs more), so
 * registration's strings must come with the steps' own code.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { AccountField } from '@cloud-login/core';
import '../../auth/cloud-auth.ts';
import './index.ts';
import type { CloudLegacyUpgrade } from './legacy-upgrade.ts';
import type { CloudProfileForm } from './profile-form.ts';
import { apiError, deep, fakeClient, settle, typeInto } from '../../test/helpers.ts';
import { allCodeText, rawKeysIn } from '../../test/strings.ts';

/** A profile step as `<cloud-login>` shows it: inside an element that provides the configuration. */
async function profileForm(
  provider: string,
  locale: string,
  step: { method: string; required: AccountField[]; optional?: AccountField[] },
  routes = {},
) {
  const { client } = fakeClient(routes);
  const auth = await fixture(
    html`<cloud-auth provider=${provider} locale=${locale} .config=${{ client }}>
      <cloud-profile-form ticket="t1" method=${step.method} .required=${step.required} .optional=${step.optional ?? []}></cloud-profile-form>
    </cloud-auth>`,
  );
  const el = auth.querySelector<CloudProfileForm>('cloud-profile-form')!;
  await settle(el);
  return el;
}

async function noRawKeys(el: Element, where: string): Promise<void> {
  await settle(el);
  expect(rawKeysIn(el), where).to.deep.equal([]);
}

/** What each preset's first third-party login asks for (server/flows/bind.ts), and Tencent's industry. */
const STEPS: { provider: string; method: string; required: AccountField[]; optional?: AccountField[] }[] = [
  { provider: 'jdcloud', method: 'wechat', required: ['phone', 'code'] },
  { provider: 'jdcloud', method: 'wechat', required: ['accountName', 'agreements'], optional: ['password'] },
  { provider: 'tencentcloud', method: 'wechat', required: ['email'] },
  { provider: 'tencentcloud', method: 'password', required: ['industry', 'agreements'] },
  {
    provider: 'jdcloud-classic',
    method: 'jd',
    required: ['agreements', 'contactPhone'],
    optional: ['contactEmail', 'recommendationCode'],
  },
];

describe('profile steps’ strings', () => {
  for (const locale of ['en', 'zh-CN', 'zh-TW']) {
    it(`<cloud-profile-form>: every preset’s steps, submitted empty (${locale})`, async function () {
      this.timeout(20000);
      for (const step of STEPS) {
        const el = await profileForm(step.provider, locale, step);
        const where = `${step.provider} ${step.required.join(', ')}`;
        await noRawKeys(el, where);
        deep<HTMLButtonElement>(el, 'button[type=submit]').click();
        await noRawKeys(el, `${where}, submitted empty`);
      }
    });

    it(`<cloud-profile-form>: a refusal the step’s own strings name (${locale})`, async function () {
      const el = await profileForm('jdcloud', locale, STEPS[1]!, {
        'POST /continue': () => apiError(409, 'account_name_taken', { field: 'accountName' }),
      });
      typeInto(deep(el, '#accountName'), 'alice_02');
      deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
      const refused = oneEvent(el, 'cloud-error');
      deep<HTMLButtonElement>(el, 'button[type=submit]').click();
      expect((await refused).detail.message).to.equal(allCodeText(locale as 'en', 'account_name_taken'));
      await noRawKeys(el, 'name taken');
      expect(deep(el, '#accountName-error').textContent).to.equal(
        allCodeText(locale as 'en', 'account_name_taken'),
      );
    });
  }

  it('<cloud-legacy-upgrade>: empty, then refused', async function () {
    this.timeout(15000);
    const { client } = fakeClient({
      'POST /account/upgrade': () => apiError(409, 'account_name_taken', { field: 'accountName' }),
    });
    const el = await fixture<CloudLegacyUpgrade>(
      html`<cloud-legacy-upgrade provider="jdcloud" locale="zh-CN" .config=${{ client }}></cloud-legacy-upgrade>`,
    );
    await noRawKeys(el, 'upgrade');
    deep<HTMLButtonElement>(el, 'button[type=submit]').click();
    await noRawKeys(el, 'upgrade, submitted empty');
    typeInto(deep(el, '#accountName'), 'alice_02');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'Strong#2024');
    const refused = oneEvent(el, 'cloud-error');
    deep<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect((await refused).detail.message).to.equal(allCodeText('zh-CN', 'account_name_taken'));
    await noRawKeys(el, 'upgrade, name taken');
  });
});
