import { css } from 'lit';

/** The profile steps: a titled form (the account-name checklist is `accountNameStyles`). */
export const profileStyles = css`
  .step {
    display: grid;
    gap: var(--_gap);
  }
  .greeting {
    margin: 0;
    font-weight: 600;
  }
  .intro {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
`;
