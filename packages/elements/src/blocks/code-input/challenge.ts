/**
 * What the code field does when `POST /codes` answers `428 challenge_required`
 * (packages/server/README.md "Challenges"): loaded only then, so no page pays for it up front.
 * Dev mode's simulated slider (`kind: "slider"`) is shown here, as a modal dialog whose token
 * comes from `POST /dev/challenge`; any other kind (Turnstile, hCaptcha, GeeTest, Tencent
 * Captcha…) is the site's widget: the `cloud-challenge` event asks the page to show it.
 */
import { css, html, render } from 'lit';
import type { ChallengeInfo, CloudClient } from '@cloud-login/core';
import { addMessages, type StringKey } from '../../i18n/index.ts';
import { challengeMessages } from './challenge-messages.ts';

addMessages(challengeMessages);

export interface ChallengeDetail extends ChallengeInfo {
  /** The widget's token, or `null` when the person gave up. */
  respond(token: string | null): void;
}

/**
 * The server asks for a challenge the element cannot show itself. A page that shows it calls
 * `preventDefault()`, renders the provider's widget (`kind`, `siteKey`) and then
 * `detail.respond(token)`; unhandled, the field shows `challenge_required`.
 */
export class CloudChallengeEvent extends Event {
  static readonly eventName = 'cloud-challenge' as const;
  constructor(readonly detail: ChallengeDetail) {
    super(CloudChallengeEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cloud-challenge': CloudChallengeEvent;
  }
}

const styles = css`
  dialog[part~='challenge'] {
    border: 1px solid var(--cloud-border, #d0d5dd);
    border-radius: var(--cloud-radius, 8px);
    padding: 1.25rem;
    max-width: 22rem;
    font: inherit;
    color: inherit;
    background: var(--cloud-surface, #fff);
  }
  dialog h2 {
    font-size: 1.05rem;
    margin: 0 0 0.5rem;
  }
  dialog p {
    margin: 0 0 0.75rem;
  }
  dialog input[type='range'] {
    width: 100%;
    accent-color: var(--cloud-brand, #1668dc);
  }
  dialog .note {
    font-size: 0.8rem;
    color: var(--cloud-muted, #667085);
  }
`;

type Translate = (key: StringKey) => string;

/** Resolves with a token for `info`, or `null` when none was given. */
export function solveChallenge(
  host: HTMLElement,
  info: ChallengeInfo,
  client: CloudClient,
): Promise<string | null> {
  // The field's own translator (protected on the element; this chunk is its part).
  const t = (host as unknown as { t: Translate }).t;
  if (info.kind !== 'slider') {
    return new Promise((resolve) => {
      const event = new CloudChallengeEvent({ ...info, respond: resolve });
      host.dispatchEvent(event);
      if (!event.defaultPrevented) resolve(null);
    });
  }
  return slider(host, t, client);
}

function slider(host: HTMLElement, t: Translate, client: CloudClient): Promise<string | null> {
  const root = host.shadowRoot ?? host;
  if (root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(styles.styleSheet!))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet!];
  const holder = document.createElement('div');
  root.appendChild(holder);
  return new Promise((resolve) => {
    let done = false;
    const finish = (token: string | null) => {
      if (done) return;
      done = true;
      holder.querySelector('dialog')?.close();
      holder.remove();
      resolve(token);
    };
    const solved = async (event: Event) => {
      const range = event.currentTarget as HTMLInputElement;
      if (Number(range.value) < 100) return;
      range.disabled = true;
      try {
        finish((await client.devChallenge()).token);
      } catch {
        finish(null);
      }
    };
    render(
      html`<dialog part="challenge" aria-labelledby="challenge-title" @cancel=${() => finish(null)}>
        <h2 id="challenge-title">${t('challenge.title')}</h2>
        <p>${t('challenge.intro')}</p>
        <input
          type="range"
          part="challenge-slider"
          min="0"
          max="100"
          value="0"
          aria-label=${t('challenge.slider')}
          @change=${solved}
        />
        <p class="note">${t('challenge.simulated')}</p>
        <button type="button" class="secondary" part="challenge-cancel" @click=${() => finish(null)}>
          ${t('challenge.cancel')}
        </button>
      </dialog>`,
      holder,
    );
    holder.querySelector('dialog')!.showModal();
  });
}
