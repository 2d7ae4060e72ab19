import { css } from 'lit';

export const loginStyles = css`
  .done {
    margin: 0;
  }
  .done:focus {
    outline: none;
  }
  .done:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
