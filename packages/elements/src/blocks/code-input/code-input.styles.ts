import { css } from 'lit';

export const codeInputStyles = css`
  :host {
    display: block;
  }
  .code {
    flex: 1 1 auto;
    letter-spacing: 0.2em;
    font-variant-numeric: tabular-nums;
  }
  .send {
    flex: 0 0 auto;
    min-width: 8.5rem;
    font-variant-numeric: tabular-nums;
  }
  .status {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_success);
  }
  .status:empty {
    display: none;
  }
  .voice {
    justify-self: start;
    font-size: 0.8125rem;
  }
`;
