import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './cloud-code-input.ts';
import type { CloudCodeInput } from './code-input.ts';
import { apiError, fakeClient } from '../../test/helpers.ts';

const part = <T extends HTMLElement = HTMLElement>(el: CloudCodeInput, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~=${name}]`);

/** `POST /codes` asks for a challenge until a request carries a token. */
function challenging(kind: string) {
  return fakeClient({
    'POST /codes': (call) =>
      (call.body as { challengeToken?: string }).challengeToken
        ? { status: 202, body: { expiresIn: 300, resendAfter: 60 } }
        : apiError(428, 'challenge_required', {
            field: 'challengeToken',
            challenge: { kind, siteKey: 'site-1' },
          }),
    'POST /dev/challenge': () => ({ status: 201, body: { token: 'slider-token' } }),
  });
}

describe('<cloud-code-input> challenges', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`shows dev mode's slider as an accessible dialog, then sends with its token (${locale})`, async function () {
      // A chunk's first load is compiled on demand by the test server.
      this.timeout(20_000);
      const { client, calls } = challenging('slider');
      const el = await fixture<CloudCodeInput>(
        html`<cloud-code-input locale=${locale} phone="+8613800138000" .config=${{ client }}></cloud-code-input>`,
      );
      const sent = oneEvent(el, 'cloud-code-sent');
      part(el, 'send')!.click();
      await waitUntil(() => part(el, 'challenge'), 'the slider');
      const dialog = part<HTMLDialogElement>(el, 'challenge')!;
      expect(dialog.open).to.equal(true);
      expect(dialog.textContent).to.contain(locale === 'en' ? 'Security check' : '安全验证');
      await expect(dialog).to.be.accessible();
      const slider = part<HTMLInputElement>(el, 'challenge-slider')!;
      slider.value = '60';
      slider.dispatchEvent(new Event('change'));
      expect(
        calls.filter((c) => c.path === '/dev/challenge'),
        'not solved halfway',
      ).to.have.length(0);
      slider.value = '100';
      slider.dispatchEvent(new Event('change'));
      await sent;
      expect(calls.map((c) => c.path)).to.deep.equal(['/codes', '/dev/challenge', '/codes']);
      expect(calls[2]!.body).to.deep.include({ challengeToken: 'slider-token' });
      expect(part(el, 'challenge'), 'closed').to.equal(null);
    });
  }

  it('cancelling the slider sends nothing and shows challenge_required', async function () {
    // A chunk's first load is compiled on demand by the test server.
    this.timeout(20_000);
    const { client, calls } = challenging('slider');
    const el = await fixture<CloudCodeInput>(
      html`<cloud-code-input locale="en" phone="+8613800138000" .config=${{ client }}></cloud-code-input>`,
    );
    const failed = oneEvent(el, 'cloud-error');
    part(el, 'send')!.click();
    await waitUntil(() => part(el, 'challenge-cancel'), 'the slider');
    part(el, 'challenge-cancel')!.click();
    expect((await failed).detail.code).to.equal('challenge_required');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('Please complete the check first.');
    expect(calls.map((c) => c.path)).to.deep.equal(['/codes']);
  });

  it('asks the page for any other kind (cloud-challenge) and sends with the token it gives', async function () {
    // A chunk's first load is compiled on demand by the test server.
    this.timeout(20_000);
    const { client, calls } = challenging('turnstile');
    const el = await fixture<CloudCodeInput>(
      html`<cloud-code-input locale="en" phone="+8613800138000" .config=${{ client }}></cloud-code-input>`,
    );
    el.addEventListener('cloud-challenge', (event) => {
      expect(event.detail.kind).to.equal('turnstile');
      expect(event.detail.siteKey).to.equal('site-1');
      event.preventDefault();
      setTimeout(() => event.detail.respond('widget-token'));
    });
    const sent = oneEvent(el, 'cloud-code-sent');
    part(el, 'send')!.click();
    await sent;
    expect(calls[1]!.body).to.deep.include({ challengeToken: 'widget-token' });
  });

  it('unhandled, another kind shows challenge_required', async function () {
    // A chunk's first load is compiled on demand by the test server.
    this.timeout(20_000);
    const { client } = challenging('geetest');
    const el = await fixture<CloudCodeInput>(
      html`<cloud-code-input locale="zh-CN" phone="+8613800138000" .config=${{ client }}></cloud-code-input>`,
    );
    const failed = oneEvent(el, 'cloud-error');
    part(el, 'send')!.click();
    expect((await failed).detail.code).to.equal('challenge_required');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('请先完成安全验证。');
  });

  it('hides "get code" when the code was sent already (no-send)', async function () {
    // A chunk's first load is compiled on demand by the test server.
    this.timeout(20_000);
    const el = await fixture<CloudCodeInput>(html`<cloud-code-input locale="en" no-send></cloud-code-input>`);
    expect(part(el, 'send')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
