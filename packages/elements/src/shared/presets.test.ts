import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PresetOverrides, ProviderId } from '@cloud-login/core';
import '../flows/login/cloud-login.ts';
import type { CloudLogin } from '../flows/login/login.ts';
import { brandTokens } from './theme.ts';
import { loadPresetFor, preloadPresets, presetIfLoaded } from './presets.ts';
import { settle } from '../test/helpers.ts';

const tabNames = (el: CloudLogin) =>
  [...el.shadowRoot!.querySelectorAll('[role=tab]')].map((t) => t.id.replace('tab-', ''));

// What has loaded is read from the elements' cache, not from the network: unbundled, as the tests
// run, core's index imports every preset module (a bundle keeps only what is used; test/size and
// test/browser/plain-page check that a page of the CDN bundle fetches one preset).
const loadedIds = () =>
  (['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'] as ProviderId[]).filter((id) =>
    presetIfLoaded(id, undefined),
  );

// In this order: each test file gets a page of its own, with nothing loaded when the first runs.
describe('presets, one module each', () => {
  it('an element loads the preset its provider names, and no other', async () => {
    expect(loadedIds()).to.deep.equal([]);
    const el = await fixture<CloudLogin>(html`<cloud-login provider="qingcloud" locale="en"></cloud-login>`);
    await settle(el);
    expect(tabNames(el)).to.deep.equal(['password', 'sms', 'subaccount']);
    expect(loadedIds()).to.deep.equal(['qingcloud']);
    expect(presetIfLoaded('qingcloud', undefined)?.id).to.equal('qingcloud');
  });

  it('preloadPresets loads what the tags name, own or through <cloud-auth>; an unknown name loads default', async () => {
    const host = await fixture(html`<div>
      <x-preset-probe provider="jdcloud-classic"></x-preset-probe>
      <cloud-auth provider="tencentcloud"><x-preset-probe></x-preset-probe></cloud-auth>
      <x-preset-probe provider="nope"></x-preset-probe>
      <x-preset-probe></x-preset-probe>
    </div>`);
    preloadPresets('x-preset-probe');
    const named = ['jdcloud-classic', 'tencentcloud', 'default'] as const;
    await waitUntil(() => named.every((id) => presetIfLoaded(id, undefined)), 'the named presets load', {
      timeout: 4000,
    });
    // A tag that names none (its provider may come from script) loads nothing.
    expect(loadedIds()).to.deep.equal(['jdcloud-classic', 'qingcloud', 'tencentcloud', 'default']);
    host.remove();
  });

  it('follows a provider changed at runtime: methods and brand of the new preset', async () => {
    const el = await fixture<CloudLogin>(html`<cloud-login provider="qingcloud" locale="en"></cloud-login>`);
    await settle(el);
    el.provider = 'default';
    await settle(el);
    expect(tabNames(el)).to.deep.equal(['password', 'sms']);
    expect(el.style.getPropertyValue('--_preset-brand')).to.equal(
      brandTokens(presetIfLoaded('default', undefined)!.theme)['--_preset-brand'],
    );
    el.setAttribute('provider', 'jdcloud');
    await settle(el);
    expect(tabNames(el)).to.deep.equal(['qr', 'password']);
  });

  it('an unknown provider still says so and falls back to default', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const el = await fixture<CloudLogin>(html`<cloud-login provider="aliyun" locale="en"></cloud-login>`);
      await settle(el);
      expect(tabNames(el)).to.deep.equal(['password', 'sms']);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.include('cloud-login: unknown provider "aliyun", using "default"');
  });

  it('applies a site’s overrides to the loaded preset, once per overrides object', async () => {
    const overrides: PresetOverrides = { password: { min: 12 } };
    expect(presetIfLoaded('qingcloud', overrides)).to.equal(undefined);
    expect(await loadPresetFor('qingcloud', overrides)).to.equal(true);
    const preset = presetIfLoaded('qingcloud', overrides)!;
    expect(preset.password.min).to.equal(12);
    const plain = presetIfLoaded('qingcloud', undefined)!;
    expect(preset.password.max).to.equal(plain.password.max);
    expect(presetIfLoaded('qingcloud', overrides)).to.equal(preset);
    expect(plain.password.min).to.equal(8);
  });

  it('keeps the plain preset when an override breaks the schema', async () => {
    const errors: unknown[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => errors.push(args[0]);
    try {
      const overrides: PresetOverrides = { password: { min: -1 } };
      expect(await loadPresetFor('default', overrides)).to.equal(true);
      expect(presetIfLoaded('default', overrides)).to.equal(presetIfLoaded('default', undefined));
    } finally {
      console.error = error;
    }
    expect(errors).to.include('cloud-login: invalid preset overrides, using the plain preset');
  });
});
