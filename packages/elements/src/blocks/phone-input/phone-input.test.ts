import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './cloud-phone-input.ts';
import type { CloudPhoneInput } from './phone-input.ts';

async function ready(el: CloudPhoneInput) {
  await el.ready;
  await el.updateComplete;
  await el.updateComplete;
  return el;
}

function type(el: CloudPhoneInput, text: string) {
  const input = el.shadowRoot!.querySelector('input')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
}

/** Opens the region picker and waits for its list (a chunk of its own). */
export async function openPicker(el: CloudPhoneInput) {
  el.shadowRoot!.querySelector<HTMLButtonElement>('#region')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector('cloud-region-list'), 'the region list');
  const list = el.shadowRoot!.querySelector('cloud-region-list')!;
  await list.updateComplete;
  return list;
}

describe('<cloud-phone-input>', () => {
  it('is accessible', async () => {
    const el = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="jdcloud-classic" locale="en"></cloud-phone-input>`,
      ),
    );
    await expect(el).to.be.accessible();
  });

  it('offers only the preset regions', async () => {
    const classic = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="jdcloud-classic" locale="en"></cloud-phone-input>`,
      ),
    );
    const list = await openPicker(classic);
    const options = [...list.shadowRoot!.querySelectorAll('[role=option]')].map((o) => o.id);
    expect(options).to.deep.equal(['r-CN', 'r-HK', 'r-MO', 'r-TW']);

    const jd = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="jdcloud" locale="zh-CN"></cloud-phone-input>`,
      ),
    );
    expect(jd.shadowRoot!.querySelector('#region')).to.equal(null);
    expect(jd.shadowRoot!.querySelector('[part=prefix]')!.textContent).to.contain('+86');
  });

  it('formats as you type and produces E.164', async () => {
    const el = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="jdcloud" locale="en"></cloud-phone-input>`,
      ),
    );
    type(el, '13800138000');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('138 0013 8000');
    expect(el.value).to.equal('+8613800138000');
    expect(await el.validate()).to.equal(true);
  });

  it('rejects numbers outside the preset regions, tied to the input', async () => {
    const el = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="jdcloud" locale="en"></cloud-phone-input>`,
      ),
    );
    type(el, '+85291234567');
    expect(await el.validate()).to.equal(false);
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector('input')!;
    const error = el.shadowRoot!.getElementById('error')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('error');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('not supported');
    expect(el.value).to.equal('');
  });

  it('accepts a Hong Kong number for jdcloud-classic', async () => {
    const el = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="jdcloud-classic" locale="en"></cloud-phone-input>`,
      ),
    );
    const list = await openPicker(el);
    list.shadowRoot!.querySelector<HTMLElement>('#r-HK')!.click();
    await el.updateComplete;
    type(el, '91234567');
    expect(await el.validate()).to.equal(true);
    expect(el.value).to.equal('+85291234567');
  });

  it('prefills from an E.164 value', async () => {
    const el = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="jdcloud-classic" value="+85291234567"></cloud-phone-input>`,
      ),
    );
    await el.updateComplete;
    expect(el.region).to.equal('HK');
    expect(el.shadowRoot!.querySelector('input')!.value.replace(/\s/g, '')).to.equal('91234567');
  });

  it('requires a value when required', async () => {
    const el = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="qingcloud" locale="zh-CN" required></cloud-phone-input>`,
      ),
    );
    expect(await el.validate()).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot!.getElementById('error')!.textContent).to.not.equal('');
  });

  it('lists every region for `any`, and loads the full metadata', async () => {
    const el = await ready(
      await fixture<CloudPhoneInput>(
        html`<cloud-phone-input provider="tencentcloud" locale="en"></cloud-phone-input>`,
      ),
    );
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#region')!.textContent).to.contain('+86');
    const list = await openPicker(el);
    expect(list.shadowRoot!.querySelectorAll('[role=option]').length).to.be.greaterThan(200);
    expect(list.shadowRoot!.querySelector('[aria-selected=true]')!.id).to.equal('r-CN');
  });
  it('loads phone handling only once shown, and counts what was typed before it arrived', async function () {
    this.timeout(20_000);
    const box = await fixture<HTMLDivElement>(
      html`<div hidden><cloud-phone-input provider="jdcloud" locale="en"></cloud-phone-input></div>`,
    );
    const el = box.querySelector<CloudPhoneInput>('cloud-phone-input')!;
    await el.updateComplete;
    const prefix = () => el.shadowRoot!.querySelector('[part=prefix]')!.textContent!;
    expect(prefix(), 'no calling code while hidden (nothing loaded)').not.to.contain('+86');
    let seen = '';
    el.addEventListener('input', () => (seen = el.value));
    box.hidden = false;
    type(el, '13800138000');
    await waitUntil(() => seen === '+8613800138000', 'the typed number was read once phone handling loaded', {
      timeout: 10_000,
    });
    expect(prefix()).to.contain('+86');
  });
});
