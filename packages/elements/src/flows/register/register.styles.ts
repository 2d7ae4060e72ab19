import { css } from 'lit';

/** Registration's own: the status line (the account-name checklist is `accountNameStyles`). */
export const registerStyles = css`
  .status-line {
    margin: 0;
    color: var(--_success);
    font-size: 0.875rem;
  }
  .status-line:empty {
    display: none;
  }
`;
