import { css } from 'lit';

export const passwordFieldStyles = css`
  :host {
    display: block;
  }
  .toggle {
    flex: 0 0 auto;
  }
  .checklist {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    display: grid;
    gap: 0.125rem;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .rule {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
  }
  .mark {
    flex: 0 0 1em;
    text-align: center;
    font-weight: 700;
  }
  .rule[data-met] {
    color: var(--_success);
  }
  .rule[data-recommended]:not([data-met]) {
    font-style: italic;
  }
`;
