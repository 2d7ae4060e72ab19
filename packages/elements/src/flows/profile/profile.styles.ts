import { css } from 'lit';

/** The profile steps: a titled form, the account-name checklist. */
export const profileStyles = css`
  .step {
    display: grid;
    gap: var(--_gap);
  }
  .intro {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .rules {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.125rem;
  }
  .rules li[data-met] {
    color: var(--_success);
  }
  .mark {
    display: inline-block;
    inline-size: 1em;
    text-align: center;
    font-weight: 700;
  }
`;
