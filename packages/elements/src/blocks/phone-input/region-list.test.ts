import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './cloud-phone-input.ts';
import type { CloudPhoneInput } from './phone-input.ts';
import { matchRegions } from './region-list.ts';

async function field(provider: string, locale = 'en') {
  const el = await fixture<CloudPhoneInput>(
    html`<cloud-phone-input provider=${provider} locale=${locale}></cloud-phone-input>`,
  );
  await el.ready;
  await el.updateComplete;
  await el.updateComplete;
  return el;
}

const button = (el: CloudPhoneInput) => el.shadowRoot!.querySelector<HTMLButtonElement>('#region')!;
const list = (el: CloudPhoneInput) => el.shadowRoot!.querySelector('cloud-region-list');

function key(target: Element, k: string) {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }),
  );
}

async function opened(el: CloudPhoneInput) {
  await waitUntil(() => list(el), 'the region list');
  await list(el)!.updateComplete;
  return list(el)!;
}

describe('region picker of <cloud-phone-input>', () => {
  it('loads its list only when opened', async () => {
    const el = await field('jdcloud-classic');
    expect(customElements.get('cloud-region-list')).to.equal(undefined);
    expect(button(el).getAttribute('aria-expanded')).to.equal('false');
    button(el).click();
    await opened(el);
    expect(customElements.get('cloud-region-list')).to.not.equal(undefined);
    expect(button(el).getAttribute('aria-expanded')).to.equal('true');
  });

  it('is a compact button named by the region and its calling code', async () => {
    const el = await field('jdcloud-classic');
    const b = button(el);
    expect(b.getAttribute('aria-haspopup')).to.equal('dialog');
    const name = b
      .getAttribute('aria-labelledby')!
      .split(' ')
      .map((id) => el.shadowRoot!.getElementById(id)!.textContent!.trim().replace(/\s+/g, ' '))
      .join(' ');
    expect(name).to.equal('Country/region Mainland China +86');
    await expect(el).to.be.accessible();
  });

  it('opens on a typed letter, filters, picks with Enter and gives focus back to the number', async () => {
    const el = await field('jdcloud-classic');
    key(button(el), 'h');
    const l = await opened(el);
    const search = l.shadowRoot!.querySelector('input')!;
    expect(l.shadowRoot!.activeElement).to.equal(search);
    expect(search.value).to.equal('h');
    expect(l.shadowRoot!.querySelector('[role=option]')!.id, 'a word starting with h first').to.equal('r-HK');
    expect(search.getAttribute('aria-activedescendant')).to.equal('r-HK');
    await expect(l).to.be.accessible();
    let changes = 0;
    el.addEventListener('change', () => changes++);
    key(search, 'Enter');
    await el.updateComplete;
    expect(el.region).to.equal('HK');
    expect(list(el)).to.equal(null);
    expect(el.shadowRoot!.activeElement?.id).to.equal('number');
    expect(button(el).textContent).to.contain('+852');
    await waitUntil(() => changes === 1, 'a change event');
  });

  it('moves with the arrow keys and closes on Escape, back on its button', async () => {
    const el = await field('jdcloud-classic');
    button(el).focus();
    key(button(el), 'ArrowDown');
    const l = await opened(el);
    const search = l.shadowRoot!.querySelector('input')!;
    expect(search.getAttribute('aria-activedescendant')).to.equal('r-CN');
    key(search, 'ArrowDown');
    await l.updateComplete;
    expect(search.getAttribute('aria-activedescendant')).to.equal('r-HK');
    key(search, 'Escape');
    await el.updateComplete;
    expect(list(el)).to.equal(null);
    expect(el.region ?? 'CN').to.equal('CN');
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
  });

  it('says so when nothing matches', async () => {
    const el = await field('tencentcloud', 'zh-CN');
    key(button(el), 'q');
    const l = await opened(el);
    const search = l.shadowRoot!.querySelector('input')!;
    search.value = 'qqqq';
    search.dispatchEvent(new InputEvent('input'));
    await l.updateComplete;
    expect(l.shadowRoot!.querySelectorAll('[role=option]').length).to.equal(0);
    expect(l.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('qqqq');
    expect(search.placeholder).to.equal('搜索国家/地区');
    await expect(l).to.be.accessible();
  });

  it('matches names, codes and calling codes', () => {
    const regions = [
      { code: 'HK', name: 'Hong Kong', dial: '852' },
      { code: 'CN', name: 'Mainland China', dial: '86' },
      { code: 'CI', name: 'Côte d’Ivoire', dial: '225' },
    ];
    expect(matchRegions(regions, '+85').map((r) => r.code)).to.deep.equal(['HK']);
    expect(matchRegions(regions, '86').map((r) => r.code)).to.deep.equal(['CN']);
    expect(matchRegions(regions, 'cote').map((r) => r.code)).to.deep.equal(['CI']);
    expect(matchRegions(regions, 'cn').map((r) => r.code)).to.deep.equal(['CN']);
    expect(matchRegions(regions, 'h').map((r) => r.code)).to.deep.equal(['HK', 'CN']);
    expect(matchRegions(regions, ' ').length).to.equal(3);
  });
});
