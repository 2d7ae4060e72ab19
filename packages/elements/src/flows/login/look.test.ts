/**
 * The look of `<cloud-login>` and `<cloud-register>` where it carries meaning: a focused field
 * never looks like one in error (JD's red brand), an error is more than a colour, the third-party
 * buttons sit in equal columns with the providers' marks, and the card takes a header.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../index.ts';
import type { CloudLogin } from './login.ts';
import type { CloudRegister } from '../register/register.ts';
import { settle } from '../../test/helpers.ts';

const box = (el: Element) => el.getBoundingClientRect();

/** The hue (0–360) of a computed `rgb(…)` colour. */
function hue(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => Number(c) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/** The focused element, through the shadow roots. */
function activeDeep(): Element | null {
  let node = document.activeElement;
  while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
  return node;
}

describe('the look of the flows', () => {
  // First of all: the marks' chunk loads once per page, and a focus or a Tab below loads it.
  it('shows the providers’ marks on an untouched card, in places kept for them (nothing moves)', async () => {
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="tencentcloud" locale="en"></cloud-login>`,
    );
    const marks = (selector: string) =>
      [...el.shadowRoot!.querySelectorAll(`[part~=method-button] ${selector}`)] as HTMLElement[];
    // First the places: the marks are decoration, fetched once the first screen is complete.
    await waitUntil(() => marks('.mark').length === 3, 'places kept for 3 marks', { interval: 2 });
    const texts = () => marks('span').map((span) => Math.round(box(span).left));
    const before = texts();
    expect(marks('.mark').map((m) => [box(m).width, box(m).height])).to.deep.equal([
      [20, 20],
      [20, 20],
      [20, 20],
    ]);
    // Then the marks, with no pointer, focus or key near the card.
    await waitUntil(() => el.matches(':state(ready)'), 'ready');
    await waitUntil(() => marks('svg').length === 3, 'the marks, untouched');
    expect(marks('.mark')).to.have.length(0);
    expect(texts(), 'the names stay where they were').to.deep.equal(before);
  });

  it('is accessible with a header in the card', async function () {
    this.timeout(15000);
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" locale="en"
        ><strong slot="header">Example Console</strong></cloud-login
      >`,
    );
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('shows the header slot inside the card, above the heading, in login and registration', async () => {
    for (const tag of ['cloud-login', 'cloud-register'] as const) {
      const el = document.createElement(tag) as CloudLogin | CloudRegister;
      el.setAttribute('provider', 'qingcloud');
      const logo = document.createElement('img');
      logo.slot = 'header';
      logo.alt = 'Example';
      logo.width = 40;
      logo.height = 40;
      el.append(logo);
      const parent = await fixture(html`<div style="width: 400px"></div>`);
      parent.append(el);
      await settle(el);
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('[part=base] slot[name=header]')!;
      expect(slot.assignedElements(), tag).to.deep.equal([logo]);
      const heading = el.shadowRoot!.querySelector('[part=heading]')!;
      const card = el.shadowRoot!.querySelector('[part=base]')!;
      expect(box(logo).bottom, tag).to.be.at.most(box(heading).top);
      expect(box(logo).top, tag).to.be.at.least(box(card).top);
    }
  });

  it('rings a focused field in a colour other than the error colour, even with a red brand', async () => {
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="jdcloud-classic" locale="en"></cloud-login>`,
    );
    await settle(el);
    // The password panel: press Tab until an input has the focus (a keyboard focus, :focus-visible).
    let input: HTMLInputElement | undefined;
    for (let i = 0; i < 12 && !input; i++) {
      await sendKeys({ press: 'Tab' });
      const active = activeDeep();
      if (active instanceof HTMLInputElement) input = active;
    }
    expect(input, 'an input reached by Tab').to.exist;
    const focused = getComputedStyle(input!);
    expect(focused.outlineStyle).to.equal('solid');
    expect(parseFloat(focused.outlineOffset)).to.be.greaterThan(0);
    input!.setAttribute('aria-invalid', 'true');
    const invalid = getComputedStyle(input!);
    // The error is the field's own border (inside), the focus a ring apart from it (outside).
    // Not a shade of the same red: at least 60° apart on the colour wheel.
    const apart = Math.abs(hue(invalid.borderTopColor) - hue(focused.outlineColor));
    expect(Math.min(apart, 360 - apart), `${invalid.borderTopColor} vs ${focused.outlineColor}`).to.be.above(
      60,
    );
    expect(invalid.boxShadow).to.contain('inset');
  });

  it('starts each error message with an icon that assistive technology does not read', async () => {
    const el = await fixture<CloudLogin>(html`<cloud-login provider="qingcloud" locale="en"></cloud-login>`);
    await settle(el);
    const error = el.shadowRoot!.querySelector<HTMLElement>('.method-error')!;
    error.textContent = 'Something went wrong';
    const icon = getComputedStyle(error, '::before');
    expect(icon.content).to.contain('⚠');
    // The alternative text after the slash is empty: screen readers read the message alone.
    expect(icon.content).to.match(/\/ ""$/);
  });

  it('sets the third-party buttons in equal columns on one row, at 320 px too', async () => {
    for (const width of [320, 420]) {
      const wrap = await fixture<HTMLElement>(
        html`<div style=${`width: ${width}px`}><cloud-login provider="tencentcloud" locale="en"></cloud-login></div>`,
      );
      const el = wrap.querySelector('cloud-login')!;
      await settle(el);
      const buttons = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~=method-button]')];
      expect(buttons.length).to.equal(3);
      const widths = buttons.map((b) => Math.round(box(b).width));
      const tops = buttons.map((b) => Math.round(box(b).top));
      expect(new Set(widths).size, `widths at ${width}px: ${widths}`).to.equal(1);
      expect(new Set(tops).size, `one row at ${width}px`).to.equal(1);
      for (const b of buttons) expect(b.scrollWidth, 'no text clipped').to.be.at.most(b.clientWidth + 1);
    }
  });

  it('draws the marks in the text colour, hidden from assistive technology', async () => {
    const el = await fixture<CloudLogin>(html`<cloud-login provider="jdcloud" locale="zh-CN"></cloud-login>`);
    await settle(el);
    el.shadowRoot!.querySelector('[part=base]')!.dispatchEvent(new Event('focusin', { bubbles: true }));
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=method-button] svg').length === 2);
    for (const button of el.shadowRoot!.querySelectorAll('[part~=method-button]')) {
      const mark = button.querySelector('svg')!;
      expect(mark.getAttribute('aria-hidden')).to.equal('true');
      expect(mark.getAttribute('fill')).to.equal('currentColor');
      expect(button.textContent!.trim()).not.to.equal('');
    }
    await expect(el).to.be.accessible();
  });
});
