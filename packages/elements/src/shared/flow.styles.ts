/** Layout shared by the flow elements and the login method panels: forms, steps, tabs. */
import { css } from 'lit';

export const flowStyles = css`
  :host {
    display: block;
    max-width: var(--cloud-max-width, 26rem);
  }
  .base {
    display: grid;
    gap: var(--_gap);
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
    /* 1rem on a 320 px phone, where each pixel goes to the fields; 1.5rem from 480 px. */
    padding: var(--cloud-padding, clamp(1rem, 5vw, 1.5rem));
    border: var(--cloud-card-border, 1px solid color-mix(in srgb, var(--_border) 45%, transparent));
    box-shadow: var(--cloud-shadow, var(--_preset-shadow));
  }
  h2 {
    margin: 0;
    font-size: var(--cloud-heading-size, 1.25rem);
    line-height: 1.3;
  }
  h3 {
    margin: 0;
    font-size: var(--cloud-step-title-size, 1.0625rem);
    line-height: 1.4;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  h2:focus-visible,
  h3:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  form {
    display: grid;
    gap: var(--_gap);
    margin: 0;
  }
  .progress,
  .intro {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .form-error {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_error);
    color: var(--_error);
  }
  .form-error:empty {
    display: none;
  }
  .notice {
    margin: 0;
    padding: 0.75rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_success);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  .actions .primary {
    flex: 1 1 100%;
  }
  /*
   * The tab row never wraps: tabs share it, and a label longer than its share takes a second
   * line inside its tab (a phone). Should even that not fit (one very long word), the row
   * scrolls rather than cut a tab.
   */
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
    overflow-x: auto;
  }
  [role='tab'] {
    flex: auto;
    font: inherit;
    background: none;
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    padding: 0.5rem 0.375rem;
    font-size: 0.875rem;
    color: var(--_muted);
    cursor: pointer;
    min-height: 2.5rem;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_brand);
    font-weight: 600;
  }
  [role='tab']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }
  [role='tabpanel']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    font-size: 0.875rem;
  }
`;
