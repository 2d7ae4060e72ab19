import { css } from 'lit';

export const codeInputStyles = css`
  :host {
    display: block;
  }
  /* Side by side while the code keeps 10rem; below that the button takes a line of its own. */
  .control {
    flex-wrap: wrap;
  }
  .code {
    flex: 100 1 10rem;
    letter-spacing: 0.2em;
    font-variant-numeric: tabular-nums;
  }
  .send {
    flex: 1 0 auto;
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
