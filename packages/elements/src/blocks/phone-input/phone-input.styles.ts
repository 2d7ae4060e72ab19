import { css } from 'lit';

export const phoneInputStyles = css`
  :host {
    display: block;
  }
  .control {
    position: relative;
  }
  .region,
  .prefix {
    flex: 0 0 auto;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_field-bg);
    white-space: nowrap;
  }
  .prefix {
    color: var(--_muted);
  }
  .region {
    font: inherit;
    color: var(--_text);
    min-height: 2.5rem;
    cursor: pointer;
  }
  .region svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
  }
  .region[aria-expanded='true'] svg {
    transform: rotate(180deg);
  }
  .number {
    flex: 1 1 auto;
  }
`;
