import { css } from 'lit';

export const accountSecurityStyles = css`
  section {
    display: grid;
    gap: 0.5rem;
  }
  dl,
  ul {
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  ul {
    list-style: none;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding-block: 0.375rem;
    border-block-end: 1px solid color-mix(in srgb, var(--_border) 35%, transparent);
  }
  dt {
    flex: 0 0 8rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  dd {
    flex: 1 1 12rem;
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  .value {
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--_muted);
  }
  .tag {
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .tag.yes {
    color: var(--_success);
  }
  .row .secondary {
    margin-inline-start: auto;
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
  }
  .step {
    display: grid;
    gap: var(--_gap);
  }
  .intro {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .status-line {
    margin: 0;
    color: var(--_success);
  }
  .status-line:empty {
    display: none;
  }
  .form-error:focus,
  .notice:focus {
    outline: none;
  }
`;
