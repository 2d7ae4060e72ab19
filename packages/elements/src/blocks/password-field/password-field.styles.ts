import { css } from 'lit';

// The checklist's styles come with it (`checklist.ts`).

export const passwordFieldStyles = css`
  :host {
    display: block;
  }
  .control {
    position: relative;
  }
  input {
    padding-inline-end: 2.75rem;
  }
  .toggle {
    position: absolute;
    inset-block: 1px;
    inset-inline-end: 1px;
    inline-size: 2.5rem;
    min-height: 0;
    padding: 0;
    display: grid;
    place-items: center;
    background: none;
    border: none;
    color: var(--_muted);
  }
  .toggle:hover:not(:disabled),
  .toggle[aria-pressed='true'] {
    color: var(--_brand-text);
  }
  svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
    stroke-linecap: round;
  }
`;
