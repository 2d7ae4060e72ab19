import { css } from 'lit';

export const phoneInputStyles = css`
  :host {
    display: block;
  }
  .region,
  .prefix {
    flex: 0 0 auto;
    width: auto;
    max-width: 45%;
  }
  .prefix {
    display: inline-flex;
    align-items: center;
    padding: 0 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    background: var(--_field-bg);
  }
  .number {
    flex: 1 1 auto;
  }
`;
