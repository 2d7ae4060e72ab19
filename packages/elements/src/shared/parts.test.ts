import { expect, fixture, html } from '@open-wc/testing';
import '../index.ts';
import type { CloudLogin } from '../flows/login/login.ts';
import { shown } from '../test/helpers.ts';

/** Parts of blocks nested two shadow roots deep reach the page through `exportparts`. */
describe('nested parts', () => {
  it('a page styles the inputs and the submit button inside <cloud-login> with ::part()', async () => {
    const style = document.createElement('style');
    style.textContent = `
      cloud-login.parts-test::part(input) { background-color: rgb(1, 2, 3); }
      cloud-login.parts-test::part(submit) { background-color: rgb(4, 5, 6); }
      cloud-login.parts-test::part(base) { outline-color: rgb(7, 8, 9); }`;
    document.head.append(style);
    try {
      const el = await fixture<CloudLogin>(
        html`<cloud-login class="parts-test" provider="jdcloud-classic" methods="password" locale="en"></cloud-login>`,
      );
      const panel = await shown(el, 'cloud-password-login');
      const field = panel.shadowRoot!.querySelector('cloud-password-field')!;
      const input = field.shadowRoot!.querySelector('input')!;
      expect(getComputedStyle(input).backgroundColor).to.equal('rgb(1, 2, 3)');
      const submit = panel.shadowRoot!.querySelector('[part~=submit]')!;
      expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(4, 5, 6)');
      // `base` is each element's own wrapper and stays unforwarded: only the card matches.
      const fieldBase = field.shadowRoot!.querySelector('[part~=base]');
      if (fieldBase) expect(getComputedStyle(fieldBase).outlineColor).not.to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });

  it('is set on nested elements only', async () => {
    const el = await fixture<CloudLogin>(
      html`<cloud-login provider="qingcloud" methods="password" locale="en"></cloud-login>`,
    );
    const panel = await shown(el, 'cloud-password-login');
    expect(panel.getAttribute('exportparts')).to.include('input');
    expect(el.hasAttribute('exportparts'), 'a top-level element leaves its host alone').to.equal(false);
  });
});
