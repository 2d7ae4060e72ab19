import { expect, fixture, html } from '@open-wc/testing';
import {
  CloudErrorEvent,
  CloudLoginSuccessEvent,
  CloudRegisterSuccessEvent,
  CloudStepChangeEvent,
} from './events.ts';
import { brandTokens, contrast } from './theme.ts';
import { PRESETS } from '@cloud-login/core';
import '../flows/login/cloud-login.ts';
import { settle, shown } from '../test/helpers.ts';
import { authenticated } from '../test/helpers.ts';

describe('events', () => {
  it('bubble out of shadow roots and carry typed details', () => {
    const detail = { account: authenticated.account, session: authenticated.session } as never;
    const events = [
      new CloudLoginSuccessEvent(detail),
      new CloudRegisterSuccessEvent(detail),
      new CloudStepChangeEvent({ flow: 'login', step: 'sms' }),
      new CloudErrorEvent({ code: 'invalid_code', message: 'x' }),
    ];
    expect(events.map((e) => e.type)).to.deep.equal([
      'cloud-login-success',
      'cloud-register-success',
      'cloud-step-change',
      'cloud-error',
    ]);
    for (const e of events) expect(e.bubbles && e.composed, e.type).to.equal(true);
    expect(events[0]!.cancelable, 'success is cancelable: the site may route itself').to.equal(true);
  });

  it('reach a listener outside the element', async () => {
    const seen: string[] = [];
    const listener = (e: Event) => seen.push((e as CloudStepChangeEvent).detail.step);
    document.addEventListener('cloud-step-change', listener);
    const el = await fixture(html`<cloud-login provider="qingcloud"></cloud-login>`);
    await settle(el);
    document.removeEventListener('cloud-step-change', listener);
    expect(seen).to.deep.equal(['password']);
  });
});

describe('theme', () => {
  it('keeps every preset’s brand AA-readable: button labels, and links on light and dark', () => {
    for (const preset of Object.values(PRESETS)) {
      const t = brandTokens(preset.theme);
      expect(
        contrast(t['--_preset-brand']!, t['--_preset-brand-contrast']!),
        `${preset.id} button`,
      ).to.be.at.least(4.5);
      expect(contrast(t['--_preset-brand-text']!, '#ffffff'), `${preset.id} link on light`).to.be.at.least(
        4.5,
      );
      expect(
        contrast(t['--_preset-brand-text-dark']!, '#17181c'),
        `${preset.id} link on dark`,
      ).to.be.at.least(4.5);
    }
  });

  it('leaves a brand that already passes untouched', () => {
    expect(brandTokens(PRESETS.tencentcloud.theme)['--_preset-brand']).to.equal('#0052d9');
  });

  it('lets --cloud-* custom properties win over the preset', async () => {
    const el = await fixture(
      html`<cloud-login provider="jdcloud" methods="password" style="--cloud-button-bg: rgb(1, 2, 3)"></cloud-login>`,
    );
    const button = (await shown(el, 'cloud-password-login')).shadowRoot!.querySelector('[part=submit]')!;
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('uses the preset brand by default', async () => {
    const el = await fixture(html`<cloud-login provider="tencentcloud"></cloud-login>`);
    const button = (await shown(el, 'cloud-password-login')).shadowRoot!.querySelector('[part=submit]')!;
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(0, 82, 217)');
  });
});
