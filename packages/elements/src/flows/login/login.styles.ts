import { css } from 'lit';

export const loginStyles = css`
  /* Equal columns in one row, never a ragged wrap: a long name wraps inside its own button. */
  .providers {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    gap: 0.5rem;
  }
  .providers button {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.5rem;
    white-space: normal;
    overflow-wrap: anywhere;
  }
  /*
   * Side by side, each mark sits above its name, alike in every button of the row: a narrow
   * column has no room for both on one line, and a name would break mid-word beside its mark.
   */
  .providers button:not(:only-child) {
    flex-direction: column;
    gap: 0.25rem;
  }
  /* A mark never shrinks beside a long name; its place is kept until its chunk is in (logos.ts). */
  .providers svg,
  .mark {
    flex: none;
    width: 20px;
    height: 20px;
  }
  /* Secondary links: "Forgot password?" at the end of the form it belongs to, the others centred below. */
  [part='forgot'] {
    display: block;
    margin-inline-start: auto;
  }
  .links {
    justify-content: center;
  }
  /* The corner toggle (corner.ts), out of the card's flow in its top-right corner. */
  .base {
    position: relative;
  }
  .corner {
    position: absolute;
    top: 0;
    right: 0;
    padding: 0.5rem;
  }
  .base:has(> .corner) [part='heading'] {
    margin-inline-end: 2.75rem;
  }
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
  /*
   * The QR panel's height (its two-line status in English, one line in Chinese), held from its
   * placeholder on, so the buttons under it never move when it arrives.
   */
  #panel-qr {
    min-height: calc(var(--cloud-qr-size, 10rem) + 11rem);
  }
  [lang^='zh'] #panel-qr {
    min-height: calc(var(--cloud-qr-size, 10rem) + 9.75rem);
  }
  /* A part loading: a form's outline at the sizes of fieldStyles' labels and inputs. */
  .loading,
  .load-failed {
    display: grid;
    gap: var(--_gap);
  }
  .bone {
    display: block;
    /* An input's or a button's height: a line, 0.5rem padding above and below, the borders. */
    height: calc(1.5em + 1rem + 2px);
    min-height: 2.5rem;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_border) 20%, transparent);
  }
  .bone.label {
    height: 1.5em;
    min-height: 0;
    width: 40%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bone {
      animation: pulse 1s ease-in-out infinite alternate;
    }
  }
  @keyframes pulse {
    to {
      opacity: 0.5;
    }
  }
  .load-failed {
    justify-items: start;
  }
`;
