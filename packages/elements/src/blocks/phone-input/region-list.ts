import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { addMessages, type Translate } from '../../i18n/index.ts';
import { regionListMessages } from './region-list.messages.ts';

export interface RegionChoice {
  /** ISO 3166 code. */
  code: string;
  /** The name in the element's locale. */
  name: string;
  /** Calling code without `+`. */
  dial: string;
}

/** Case, width and accents folded, so "hong", "HONG" and "Hóng" find the same region. */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * The regions a search matches: by calling code ("852", "+852"), else by ISO code or name —
 * those whose code or a word of whose name starts with the search first ("h": Hong Kong before
 * Mainland China), then those whose name merely holds it (香港 for 港).
 */
export function matchRegions(regions: readonly RegionChoice[], search: string): RegionChoice[] {
  const q = fold(search.trim());
  if (!q) return [...regions];
  if (/^\+?\d+$/.test(q)) return regions.filter((r) => r.dial.startsWith(q.replace('+', '')));
  const starts = (r: RegionChoice) =>
    fold(r.code) === q ||
    fold(r.name)
      .split(/[\s,()·-]+/)
      .some((word) => word.startsWith(q));
  return [...regions.filter(starts), ...regions.filter((r) => !starts(r) && fold(r.name).includes(q))];
}

/**
 * @summary The open region picker of `<cloud-phone-input>`: a search box over a listbox (the combobox
 * pattern), in a chunk of its own so the closed picker stays a button. Arrow keys move, Enter
 * picks, Escape closes; typing filters. It says what happened with a `pick` event (detail: the
 * region) or a `close` event (detail: `{ refocus, to }`), and never leaves its host's shadow root.
 * Colours are the host's `--_*` tokens, which the list inherits.
 */
export class CloudRegionList extends LitElement {
  static {
    addMessages(regionListMessages);
  }

  static override styles = css`
    :host {
      position: absolute;
      z-index: 10;
      inset-inline: 0;
      inset-block-start: calc(100% + 0.25rem);
    }
    [role='dialog'] {
      display: grid;
      gap: 0.25rem;
      padding: 0.5rem;
      background: var(--_field-bg);
      color: var(--_text);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.2);
    }
    input {
      font: inherit;
      color: inherit;
      background: var(--_surface, transparent);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.375rem 0.5rem;
      min-height: 2.5rem;
      width: 100%;
      box-sizing: border-box;
    }
    input:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 1px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: 14rem;
      overflow-y: auto;
    }
    li {
      display: flex;
      gap: 0.5rem;
      justify-content: space-between;
      padding: 0.5rem;
      border-radius: var(--_radius);
      cursor: pointer;
    }
    li.active {
      background: color-mix(in srgb, var(--_brand) 14%, transparent);
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    li[aria-selected='true'] {
      font-weight: 600;
    }
    .dial {
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    p {
      margin: 0;
      padding: 0.5rem;
      color: var(--_muted);
    }
  `;

  /** Every region the picker offers, in order. */
  @property({ attribute: false }) regions: RegionChoice[] = [];
  /** The region picked now. */
  @property() selected = '';
  /** The search it opens with (the key typed on the closed picker). */
  @property() search = '';
  /** The host's translator (its locale and overrides). */
  @property({ attribute: false }) t!: Translate;
  /** The picker's name ("Country/region"). */
  @property() label = '';

  @state() private active = 0;
  @query('input') private input!: HTMLInputElement;

  private get found(): RegionChoice[] {
    return matchRegions(this.regions, this.search);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.hasUpdated || changed.has('regions')) {
      const at = this.found.findIndex((r) => r.code === this.selected);
      this.active = this.search ? 0 : Math.max(0, at);
    }
  }

  protected override firstUpdated(): void {
    this.input.focus();
    const end = this.search.length;
    this.input.setSelectionRange(end, end);
  }

  protected override updated(): void {
    this.renderRoot.querySelector('.active')?.scrollIntoView?.({ block: 'nearest' });
  }

  private close(refocus: boolean, to: EventTarget | null = null): void {
    this.dispatchEvent(new CustomEvent('close', { detail: { refocus, to } }));
  }

  private pick(code: string): void {
    this.dispatchEvent(new CustomEvent('pick', { detail: code }));
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.found.length;
    const moves: Record<string, number> = {
      ArrowDown: this.active + 1,
      ArrowUp: this.active - 1,
      Home: 0,
      End: count - 1,
      PageDown: this.active + 8,
      PageUp: this.active - 8,
    };
    if (event.key in moves && count) {
      event.preventDefault();
      this.active = Math.min(count - 1, Math.max(0, moves[event.key]!));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const choice = this.found[this.active];
      if (choice) this.pick(choice.code);
    } else if (event.key === 'Escape') {
      // The picker's own Escape: a dialog around the element stays open.
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    }
  }

  private onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget as Node | null;
    if (!to || !this.renderRoot.contains(to)) this.close(false, to);
  }

  override render() {
    const matches = this.found;
    const active = matches[this.active];
    return html`<div role="dialog" aria-label=${this.label} @keydown=${this.onKey} @focusout=${this.onFocusOut}>
      <input
        role="combobox"
        aria-label=${this.t('phone.regionSearch')}
        placeholder=${this.t('phone.regionSearch')}
        aria-expanded="true"
        aria-controls="options"
        aria-autocomplete="list"
        aria-activedescendant=${active ? `r-${active.code}` : nothing}
        autocomplete="off"
        spellcheck="false"
        .value=${this.search}
        @input=${(e: Event) => {
          this.search = (e.target as HTMLInputElement).value;
          this.active = 0;
        }}
      />
      <ul id="options" role="listbox" aria-label=${this.label} ?hidden=${!matches.length} @pointerdown=${(e: Event) => e.preventDefault()}>
        ${matches.map(
          (r, i) =>
            html`<li
              id=${`r-${r.code}`}
              role="option"
              class=${i === this.active ? 'active' : ''}
              aria-selected=${r.code === this.selected ? 'true' : 'false'}
              @click=${() => this.pick(r.code)}
            >
              <span>${r.name}</span><span class="dial">+${r.dial}</span>
            </li>`,
        )}
      </ul>
      ${matches.length ? nothing : html`<p role="status">${this.t('phone.regionNone', { query: this.search.trim() })}</p>`}
    </div>`;
  }
}
