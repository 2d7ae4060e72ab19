import { css } from 'lit';

export const accountChooserStyles = css`
  :host {
    display: block;
  }
  .greeting {
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    min-width: 0;
    display: grid;
    gap: 0.5rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .account {
    width: 100%;
    text-align: start;
    background: var(--_field-bg);
    color: var(--_text);
    border: 1px solid var(--_border);
    display: flex;
    align-items: center;
    gap: 0.75rem;
    padding: 0.625rem 0.75rem;
  }
  .account:hover:not(:disabled) {
    border-color: var(--_brand-text);
  }
  .avatar {
    flex: 0 0 auto;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border-radius: 50%;
    display: inline-grid;
    place-items: center;
    background: color-mix(in srgb, var(--_brand) 14%, transparent);
    color: var(--_brand-text);
  }
  svg {
    fill: currentColor;
    stroke: currentColor;
    stroke-width: 0;
  }
  .create {
    border-style: dashed;
    color: var(--_brand-text);
  }
  .create .avatar {
    background: none;
    border: 1px dashed currentColor;
  }
  .create svg {
    fill: none;
    stroke-width: 2;
    stroke-linecap: round;
  }
  .text {
    display: grid;
    min-width: 0;
    flex: 1 1 auto;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .bind {
    color: var(--_brand-text);
    font-size: 0.875rem;
    font-weight: 600;
  }
`;
