import { css } from 'lit';

export const qrPanelStyles = css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    justify-items: center;
    gap: 0.5rem;
    text-align: center;
    /* Its own surface, so the text keeps its contrast when the panel is used on its own. */
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
  }
  .frame {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: calc(var(--cloud-qr-size, 10rem) + 1rem);
    block-size: calc(var(--cloud-qr-size, 10rem) + 1rem);
    padding: 0.5rem;
    /* A QR needs a light quiet zone to scan, in dark mode too. */
    background: #ffffff;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  img,
  .placeholder {
    display: block;
    inline-size: var(--cloud-qr-size, 10rem);
    block-size: var(--cloud-qr-size, 10rem);
  }
  .dim img {
    opacity: 0.12;
  }
  .overlay {
    position: absolute;
    inset-inline: 1rem;
    inset-block-start: 50%;
    transform: translateY(-50%);
    width: auto;
  }
  .status {
    margin: 0;
    font-weight: 600;
  }
  .status:empty {
    display: none;
  }
  .status:focus {
    outline: none;
  }
  .status:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .status.scanned,
  .status.confirmed {
    color: var(--_success);
  }
  .status.denied {
    color: var(--_error);
  }
  .reserve {
    visibility: hidden;
  }
  /* On the frame's white quiet zone, in dark mode too. */
  .note {
    color: #3c4043;
    font-size: 0.875rem;
  }
  .countdown,
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .form-error {
    margin: 0;
    color: var(--_error);
  }
  .form-error:empty {
    display: none;
  }
  .app-link {
    font-size: 0.875rem;
  }
`;
