import { css } from 'lit';

export const agreementsStyles = css`
  :host {
    display: block;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  input[type='checkbox'] {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    min-height: 0;
    margin: 0.2rem 0 0;
    flex: 0 0 auto;
    accent-color: var(--_brand);
  }
  label {
    font-weight: 400;
  }
  input[aria-invalid='true'] {
    outline: 2px solid var(--_error);
    outline-offset: 1px;
  }
`;
