/**
 * The identity providers' marks on the third-party login buttons: one-colour glyphs drawn in
 * `currentColor` (they follow the button's text in light, dark and forced colours), hidden from
 * assistive technology — the button's text names the provider. Decoration, so a chunk of its own
 * that stays out of the first load (packages/elements/README.md, "Size"): `<cloud-login>` fetches
 * it when the browser is idle after its first screen is complete, or sooner if the person reaches
 * for the card (pointer, touch or focus); each button keeps the mark's place meanwhile.
 */
import { html, type TemplateResult } from 'lit';

/** Eyes and other cut-outs are holes (`evenodd`), so the glyph needs no second colour. */
const PATHS: Record<string, string> = {
  wechat:
    'M9 3.5C4.9 3.5 1.5 6.3 1.5 9.8c0 2 1.1 3.7 2.8 4.9l-.7 2.2 2.6-1.3c.9.3 1.8.4 2.8.4h.8a5.4 5.4 0 0 1-.3-1.8c0-3.4 3.2-6.1 7.2-6.1h.5C16.5 5.6 13.1 3.5 9 3.5ZM6.3 7a1 1 0 1 0 0 2 1 1 0 0 0 0-2Zm5.4 0a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z' +
    'M16.7 9.6c-3.5 0-6.3 2.4-6.3 5.3s2.8 5.3 6.3 5.3c.7 0 1.4-.1 2.1-.3l2 1.1-.5-1.8c1.6-1 2.7-2.5 2.7-4.3 0-2.9-2.8-5.3-6.3-5.3Zm-2.2 3a.9.9 0 1 0 0 1.8.9.9 0 0 0 0-1.8Zm4.4 0a.9.9 0 1 0 0 1.8.9.9 0 0 0 0-1.8Z',
  'wechat-mp':
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 3a7 7 0 0 1 5.3 11.6l-2-1.8A4.3 4.3 0 1 0 12 16.3V19a7 7 0 0 1 0-14Zm0 4.4a2.6 2.6 0 1 0 0 5.2 2.6 2.6 0 0 0 0-5.2Z',
  qq: 'M12 2C8.8 2 6.6 4.6 6.6 8v1.2c-.9 1.3-2.2 3.4-2.2 5.3 0 1 .3 1.5.7 1.5.3 0 .8-.5 1.2-1.2.3 1.2.9 2.2 1.7 3-1.1.4-1.9 1.1-1.9 1.8 0 1.1 1.8 1.4 3.8 1.4 1.4 0 2.7-.3 3.2-.8h1.8c.5.5 1.8.8 3.2.8 2 0 3.8-.3 3.8-1.4 0-.7-.8-1.4-1.9-1.8.8-.8 1.4-1.8 1.7-3 .4.7.9 1.2 1.2 1.2.4 0 .7-.5.7-1.5 0-1.9-1.3-4-2.2-5.3V8c0-3.4-2.2-6-5.4-6Zm-1.7 4.3c.5 0 .9.6.9 1.3s-.4 1.3-.9 1.3-.9-.6-.9-1.3.4-1.3.9-1.3Zm3.4 0c.5 0 .9.6.9 1.3s-.4 1.3-.9 1.3-.9-.6-.9-1.3.4-1.3.9-1.3Z',
  jd: 'M3 3h18v18H3ZM8 7v7.4a1 1 0 0 1-1.8.6l-1.5 1.4A3 3 0 0 0 10 14.4V7Zm4 0v10h2.5a5 5 0 0 0 0-10Zm2 2h.5a3 3 0 0 1 0 6H14Z',
};

/** The provider's mark, or nothing for an identity provider without one. */
export function logo(id: string): TemplateResult | undefined {
  const d = PATHS[id];
  return d
    ? html`<svg part="logo" width="20" height="20" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false"><path fill-rule="evenodd" d=${d}></path></svg>`
    : undefined;
}
