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
    inset-inline-end: 0;
    height: 100%;
    width: 2.75rem;
    padding: 0;
    background: none;
    border: 0;
    color: inherit;
  }
  svg {
    fill: none;
    stroke: currentColor;
  }
`;
