import { css } from 'lit';

// The checklist's styles come with it (`checklist.ts`).

export const passwordFieldStyles = css`
  :host {
    display: block;
  }
  .toggle {
    flex: 0 0 auto;
  }
`;
