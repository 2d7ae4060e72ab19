import { css } from 'lit';

export const resetStyles = css`
  :host {
    max-width: none;
  }
  .intro {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .channels {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .channels legend {
    padding: 0;
    margin-bottom: 0.25rem;
    font-size: 0.875rem;
  }
  .channels label {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.75rem;
    white-space: nowrap;
  }
  /* The shared field styles size text inputs; a radio keeps its own small box. */
  .channels input {
    flex: none;
    width: 1.125rem;
    height: 1.125rem;
    min-height: 0;
    margin: 0;
    padding: 0;
    accent-color: var(--_brand, currentColor);
  }
`;
