import { css } from 'lit';

/** The account-name checklist (`accountNameField`): for every form that shows the field. */
export const accountNameStyles = css`
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
