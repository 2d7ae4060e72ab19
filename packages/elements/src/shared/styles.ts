/**
 * Tokens and the field/button styles every element shares. Public tokens are `--cloud-*`, read
 * through a fallback chain that ends at the preset's brand (set on the host by CloudElement as
 * `--_preset-*`) and at AA-checked neutrals for light and dark.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --_brand: var(--cloud-brand, var(--_preset-brand, #2855c8));
    --_brand-contrast: var(--cloud-brand-contrast, var(--_preset-brand-contrast, #ffffff));
    --_brand-text: var(--cloud-brand-text, var(--_preset-brand-text, #2855c8));
    --_radius: var(--cloud-radius, var(--_preset-radius, 4px));
    --_surface: var(--cloud-surface, #ffffff);
    --_text: var(--cloud-text, #1f2328);
    --_muted: var(--cloud-muted-text, #57606a);
    --_border: var(--cloud-border-color, #767676);
    --_field-bg: var(--cloud-field-bg, #ffffff);
    --_error: var(--cloud-error, #b3261e);
    --_success: var(--cloud-success, #1a7f37);
    --_focus: var(--cloud-focus-ring, var(--_preset-focus, var(--_brand-text)));
    --_gap: var(--cloud-gap, 0.75rem);
    --_font: var(
      --cloud-font,
      system-ui,
      -apple-system,
      'Segoe UI',
      'PingFang SC',
      'Hiragino Sans GB',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      'Source Han Sans SC',
      sans-serif
    );
    color-scheme: light;
    font-family: var(--_font);
    font-size: var(--cloud-font-size, 0.9375rem);
    line-height: 1.5;
    color: var(--_text);
  }
  :host([theme='dark']) {
    color-scheme: dark;
    --_brand-text: var(--cloud-brand-text, var(--_preset-brand-text-dark, #8fb0ff));
    --_surface: var(--cloud-surface, #17181c);
    --_text: var(--cloud-text, #e6e7ea);
    --_muted: var(--cloud-muted-text, #a8adb7);
    --_border: var(--cloud-border-color, #8b909a);
    --_field-bg: var(--cloud-field-bg, #202228);
    --_error: var(--cloud-error, #ff8a80);
    --_success: var(--cloud-success, #6fdd8b);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      color-scheme: dark;
      --_brand-text: var(--cloud-brand-text, var(--_preset-brand-text-dark, #8fb0ff));
        --_surface: var(--cloud-surface, #17181c);
      --_text: var(--cloud-text, #e6e7ea);
      --_muted: var(--cloud-muted-text, #a8adb7);
      --_border: var(--cloud-border-color, #8b909a);
      --_field-bg: var(--cloud-field-bg, #202228);
      --_error: var(--cloud-error, #ff8a80);
      --_success: var(--cloud-success, #6fdd8b);
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Labels, inputs, hints and errors: the anatomy every field of every element uses. */
export const fieldStyles = css`
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label,
  .label,
  legend {
    font-weight: 600;
    color: var(--_text);
    padding: 0;
  }
  .control {
    display: flex;
    align-items: stretch;
    gap: 0.5rem;
  }
  input,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_field-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.625rem;
    min-height: 2.5rem;
    min-width: 0;
    width: 100%;
  }
  /*
   * Focus and error must not look alike, even with a red brand (JD): focus is a ring apart from
   * the field, in the focus colour (never the error colour); an error is the field's own border,
   * thickened, in the error colour, and its message starts with an icon: neither is colour alone.
   */
  input:focus-visible,
  select:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_error);
    box-shadow: inset 0 0 0 1px var(--_error);
  }
  .hint {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .error {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_error);
  }
  .error::before,
  .form-error::before {
    content: '⚠︎ ' / '';
  }
  .error:empty {
    display: none;
  }
  a {
    color: var(--_brand-text);
  }
`;

export const buttonStyles = css`
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    min-height: 2.5rem;
    padding: 0.5rem 1rem;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  .primary {
    background: var(--cloud-button-bg, var(--_brand));
    color: var(--cloud-button-color, var(--_brand-contrast));
    border: 1px solid var(--cloud-button-bg, var(--_brand));
    font-weight: 600;
    width: 100%;
  }
  .secondary {
    background: transparent;
    color: var(--_brand-text);
    border: 1px solid var(--_border);
    white-space: nowrap;
  }
  .link {
    background: none;
    border: none;
    padding: 0.25rem 0;
    min-height: 0;
    color: var(--_brand-text);
    text-decoration: underline;
  }
`;
