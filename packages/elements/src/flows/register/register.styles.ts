import { css } from 'lit';

export const registerStyles = css`
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
  .status-line {
    margin: 0;
    color: var(--_success);
    font-size: 0.875rem;
  }
  .status-line:empty {
    display: none;
  }
`;
