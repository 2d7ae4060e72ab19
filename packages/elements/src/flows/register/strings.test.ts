/**
 * `<cloud-register>` shows no string whose catalogue it did not load. This page loads only the
 * registration element's own code (its registration file), as a page with the CDN bundle would:
 * the strings of every step must come with that code, never from some other element.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './cloud-register.ts';
import type { CloudRegister } from './register.ts';
import { authenticated, deep, fakeClient, settle, typeInto } from '../../test/helpers.ts';
import { rawKeysIn } from '../../test/strings.ts';

const PROVIDERS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];
const submit = (el: CloudRegister) => deep<HTMLButtonElement>(el, 'button[type=submit]').click();

async function noRawKeys(el: CloudRegister, where: string): Promise<void> {
  await settle(el);
  expect(rawKeysIn(el), `${where} (step ${el.step.name})`).to.deep.equal([]);
}

async function fillPhoneStep(el: CloudRegister) {
  await (deep(el, 'cloud-phone-input') as unknown as { ready: Promise<unknown> }).ready;
  await settle(el);
  typeInto(deep(el, 'cloud-phone-input', 'input'), '13800138000');
  typeInto(deep(el, 'cloud-code-input', 'input'), '123456');
}

describe('<cloud-register> strings', () => {
  it('every preset’s methods and first step, empty and refused, in both locales', async function () {
    this.timeout(30000);
    for (const provider of PROVIDERS) {
      for (const locale of ['en', 'zh-CN', 'zh-TW']) {
        const el = await fixture<CloudRegister>(
          html`<cloud-register provider=${provider} locale=${locale}></cloud-register>`,
        );
        const tabs = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role=tab]')];
        for (const tab of [undefined, ...tabs]) {
          tab?.click();
          await noRawKeys(el, `${provider} ${locale} ${tab?.textContent?.trim() ?? ''}`);
          // Every field's rule message, and the checklists half met.
          submit(el);
          await noRawKeys(el, `${provider} ${locale}, submitted empty`);
          const name = el.shadowRoot!.querySelector<HTMLInputElement>('#accountName');
          if (name) typeInto(name, '12345');
          const password = el
            .shadowRoot!.querySelector('cloud-password-field')
            ?.shadowRoot?.querySelector('input');
          if (password) typeInto(password, 'abc');
          submit(el);
          await noRawKeys(el, `${provider} ${locale}, refused`);
        }
      }
    }
  });

  it('JD: the phone step, the security email and its "sent" screen, then done', async function () {
    this.timeout(15000);
    const { client } = fakeClient({
      'POST /accounts': () => ({ status: 201, body: authenticated }),
      'POST /account/email': () => ({ status: 202, body: { expiresIn: 7200 } }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="jdcloud" locale="zh-CN" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    typeInto(deep(el, '#accountName'), 'alice_1');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'Secret-12');
    submit(el);
    await noRawKeys(el, 'phone step');
    await fillPhoneStep(el);
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    submit(el);
    await oneEvent(el, 'cloud-step-change');
    await noRawKeys(el, 'security email');
    typeInto(deep(el, '#email'), 'alice@example.com');
    submit(el);
    await oneEvent(el, 'cloud-step-change');
    expect(el.step.name).to.equal('security-email-sent');
    await noRawKeys(el, 'security email sent');
  });

  it('JD classic: the enable-service step', async function () {
    this.timeout(15000);
    const { client } = fakeClient({
      // The phone step's code is proven before the next step.
      'POST /codes/verify': () => ({ status: 200, body: { codeTicket: 'ct/1', expiresIn: 600 } }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="jdcloud-classic" locale="en" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    await fillPhoneStep(el);
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    submit(el);
    await settle(el);
    typeInto(deep(el, '#accountName'), '京东用户');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'abcdef');
    submit(el);
    await settle(el, 5);
    typeInto(deep(el, '#recommendationCode'), 'no spaces!');
    submit(el);
    await noRawKeys(el, 'enable service');
  });

  it('Tencent: "check your mailbox", then the industry step from #cl_ticket', async function () {
    this.timeout(15000);
    const { client } = fakeClient({
      'POST /accounts': () => ({ status: 202, body: { status: 'activation_sent', email: 'a@example.com' } }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="tencentcloud" locale="en" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    typeInto(deep(el, '#email'), 'a@example.com');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'abc123');
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    submit(el);
    await oneEvent(el, 'cloud-step-change');
    await noRawKeys(el, 'activation sent');

    history.replaceState(null, '', `${location.pathname}${location.search}#cl_ticket=tick`);
    const back = await fixture<CloudRegister>(
      html`<cloud-register provider="tencentcloud" locale="zh-CN" .config=${{ client }}></cloud-register>`,
    );
    await settle(back);
    expect(back.step.name).to.equal('after-activation');
    submit(back);
    await noRawKeys(back, 'industry, submitted empty');
  });
});
