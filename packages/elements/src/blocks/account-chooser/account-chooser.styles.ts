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
    gap: 0.5rem;
  }
  .account:hover:not(:disabled) {
    border-color: var(--_brand-text);
  }
  .avatar {
    flex: 0 0 auto;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    border-radius: 50%;
    display: inline-grid;
    place-items: center;
    background: var(--_brand);
    color: var(--_brand-contrast);
    font-weight: 700;
  }
  .bind {
    margin-inline-start: auto;
    color: var(--_brand-text);
    white-space: nowrap;
  }
`;
