import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './cloud-code-input.ts';
import type { CloudCodeInput } from './code-input.ts';
import { apiError, fakeClient, typeInto } from '../../test/helpers.ts';

const part = (el: CloudCodeInput, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);

describe('<cloud-code-input>', () => {
  it('is accessible', async () => {
    const el = await fixture<CloudCodeInput>(html`<cloud-code-input locale="en"></cloud-code-input>`);
    await expect(el).to.be.accessible();
  });

  it('sends a code, counts down from resendAfter, then offers resend and a voice call', async () => {
    const { client, calls } = fakeClient({
      'POST /codes': () => ({ status: 202, body: { expiresIn: 300, resendAfter: 2 } }),
    });
    const el = await fixture<CloudCodeInput>(
      html`<cloud-code-input provider="jdcloud" locale="en" purpose="register" phone="+8613800138000" .config=${{ client }}></cloud-code-input>`,
    );
    expect(part(el, 'send')!.textContent!.trim()).to.equal('Get code');
    const sent = oneEvent(el, 'cloud-code-sent');
    part(el, 'send')!.click();
    expect((await sent).detail).to.deep.equal({ channel: 'sms', expiresIn: 300, resendAfter: 2 });
    await el.updateComplete;
    // The element's locale goes along: the SMS is written in it.
    expect(calls[0]!.body).to.deep.equal({
      phone: '+8613800138000',
      channel: 'sms',
      purpose: 'register',
      locale: 'en',
    });
    expect((part(el, 'send') as HTMLButtonElement).disabled).to.equal(true);
    expect(part(el, 'send')!.textContent).to.match(/Resend in [12] s/);
    expect(part(el, 'status')!.textContent).to.equal('A code has been sent to +86 138****8000.');
    expect(part(el, 'voice'), 'no voice call during the countdown').to.equal(null);
    await new Promise((r) => setTimeout(r, 0));
    // Compare identities as booleans: chai would try to print a DOM node on failure.
    expect(
      el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('input'),
      'focus moves to the code field',
    ).to.equal(true);
    await new Promise((r) => setTimeout(r, 2300));
    await el.updateComplete;
    expect(part(el, 'send')!.textContent!.trim()).to.equal('Resend');
    expect(part(el, 'voice')!.textContent!.trim()).to.equal('No SMS? Get a voice call');
    part(el, 'voice')!.click();
    await oneEvent(el, 'cloud-code-sent');
    expect(calls[1]!.body).to.deep.include({ channel: 'voice' });
  });

  /** The error as it shows: during a cooldown, its live count (hidden from assistive technology). */
  const shown = (el: CloudCodeInput) => {
    const error = part(el, 'error')!;
    return (error.querySelector('[aria-hidden=true]') ?? error).textContent!.trim();
  };

  it('follows the server’s cooldown (429 code_cooldown with retryAfter)', async () => {
    const { client } = fakeClient({
      'POST /codes': () => apiError(429, 'code_cooldown', { retryAfter: 42 }),
    });
    const el = await fixture<CloudCodeInput>(
      html`<cloud-code-input locale="en" phone="+8613800138000" .config=${{ client }}></cloud-code-input>`,
    );
    const error = oneEvent(el, 'cloud-error');
    part(el, 'send')!.click();
    expect((await error).detail.code).to.equal('code_cooldown');
    await el.updateComplete;
    expect(part(el, 'send')!.textContent).to.contain('42');
    expect(shown(el)).to.equal('A code was just sent. You can get another one in 42 s.');
  });

  it('counts the cooldown message down with the button, and drops it when the wait is over', async () => {
    const { client } = fakeClient({
      'POST /codes': () => apiError(429, 'code_cooldown', { retryAfter: 2 }),
    });
    const el = await fixture<CloudCodeInput>(
      html`<cloud-code-input locale="en" phone="+8613800138000" .config=${{ client }}></cloud-code-input>`,
    );
    const error = oneEvent(el, 'cloud-error');
    part(el, 'send')!.click();
    await error;
    await waitUntil(
      () => part(el, 'send')!.textContent!.includes('Resend in 1 s'),
      'the button counts down',
      { timeout: 3000 },
    );
    await el.updateComplete;
    expect(shown(el)).to.equal('A code was just sent. You can get another one in 1 s.');
    // The alert's text for a screen reader stays what it said once: not a reading every second.
    const heard = part(el, 'error')!.querySelector('.visually-hidden')!;
    expect(heard.textContent).to.equal('A code was just sent. You can get another one in 2 s.');
    await waitUntil(() => !(part(el, 'send') as HTMLButtonElement).disabled, 'the wait ends', {
      timeout: 4000,
    });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('');
  });

  it('asks the flow for the phone first', async () => {
    const { client, calls } = fakeClient({});
    let asked = 0;
    const el = await fixture<CloudCodeInput>(
      html`<cloud-code-input .config=${{ client }} .requestPhone=${() => (asked++, null)}></cloud-code-input>`,
    );
    part(el, 'send')!.click();
    await el.updateComplete;
    expect(asked).to.equal(1);
    expect(calls).to.have.length(0);
  });

  it('keeps digits only and checks the length', async () => {
    const el = await fixture<CloudCodeInput>(
      html`<cloud-code-input locale="zh-CN" required></cloud-code-input>`,
    );
    const input = el.shadowRoot!.querySelector('input')!;
    typeInto(input, 'Code: 12 34');
    expect(el.value).to.equal('1234');
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('6');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    typeInto(input, '123456');
    expect(el.validate()).to.equal(true);
  });
});
