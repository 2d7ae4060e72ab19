import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { CountryCode } from '@cloud-login/core/phone';
import { CloudField } from '../../base/cloud-field.ts';
import { fieldStyles, tokens } from '../../shared/styles.ts';
import { loadPhone, metadataKey, regionList, type PhoneRuntime } from './metadata.ts';
import { phoneInputStyles } from './phone-input.styles.ts';
/**
 * @summary A phone number field with a country/region picker limited to the preset's regions,
 * formatting as the user types and validation with libphonenumber-js.
 *
 * @fires {InputEvent} input - When the number changes (native, from the inner input).
 * @fires {Event} change - When the number or region is committed.
 *
 * @csspart base - The wrapper.
 * @csspart label - The visible label.
 * @csspart region - The compact region picker ("+86 ▾"; several regions), a button opening a
 *   searchable list of regions (`region-list`).
 * @csspart region-list - The open list: a search box over the regions, loaded on first use.
 * @csspart prefix - The calling code shown when the preset allows one region only.
 * @csspart input - The number `<input>`.
 * @csspart hint - The hint under the field.
 * @csspart error - The error message.
 *
 * @cssprop --cloud-brand - Brand colour (focus ring, links).
 * @cssprop --cloud-border-color - Field borders.
 * @cssprop --cloud-field-bg - Field background.
 * @cssprop --cloud-error - Error text and invalid borders.
 * @cssprop --cloud-radius - Corner radius.
 */

export class CloudPhoneInput extends CloudField {
  static override styles = [tokens, fieldStyles, phoneInputStyles];

  /** The number in E.164 (`+8613800138000`) once valid, else empty. Setting it prefills the field. */
  @property() value = '';

  /** The selected region (ISO 3166 code); defaults to the preset's first. */
  @property({ reflect: true }) region?: string;

  /** `autocomplete` of the number input. */
  @property() autocomplete = 'tel-national';

  @state() private text = '';

  @query('input') private input!: HTMLInputElement | null;

  /** The region list is open, with what was typed to open it. */
  @state() private picking?: { search: string } | undefined;

  /** The value this element last produced, to tell a site's `value` from our own. */
  private emitted = '';

  /** Whether the field has been laid out (not inside a hidden tab panel or a closed section). */
  @state() private shown = false;
  /** Typed into before phone handling had loaded: read again once it has. */
  private typedEarly = false;
  private layoutWatch?: ResizeObserver | undefined;

  // libphonenumber-js and the region metadata load on demand (see metadata.ts), once the field
  // is shown: `<cloud-login>` renders its SMS panel hidden behind the password tab, and phone
  // handling (16 KB gzip, 35 KB for "any region") is not worth loading for a tab nobody opened.
  // `ready` and `validate()` load it whatever the field's visibility.
  private readonly phoneTask = new Task(this, {
    task: async ([key]: readonly [string | undefined]) =>
      key === undefined ? undefined : loadPhone(key === 'any' ? 'any' : key.split(',')),
    args: () => [this.shown ? metadataKey(regionList(this.preset.phone)) : undefined] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Laid out now (the usual case), or watch for the moment it is.
    if (this.shown || typeof this.checkVisibility !== 'function' || this.checkVisibility()) {
      this.shown = true;
      return;
    }
    this.layoutWatch = new ResizeObserver((entries) => {
      if (!entries.some((entry) => entry.contentRect.width > 0 || entry.contentRect.height > 0)) return;
      this.shown = true;
      this.layoutWatch?.disconnect();
      this.layoutWatch = undefined;
    });
    this.layoutWatch.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.layoutWatch?.disconnect();
    this.layoutWatch = undefined;
  }

  /** Resolves once phone handling for the preset's regions has loaded (loading it if need be). */
  get ready(): Promise<PhoneRuntime> {
    this.shown = true;
    // The preset is in once the element has updated (it loads before the first update).
    return this.updateComplete.then(() => loadPhone(regionList(this.preset.phone)));
  }

  protected get control() {
    return this.input;
  }

  private get runtime(): PhoneRuntime | undefined {
    return this.phoneTask.value;
  }

  private get metadata() {
    return this.phoneTask.value?.metadata;
  }

  /** Regions the picker offers, the preset's order (or all, by name, for `any`). */
  private get regions(): CountryCode[] {
    const allowed = regionList(this.preset.phone) as 'any' | CountryCode[];
    if (allowed !== 'any') return allowed;
    const metadata = this.metadata;
    if (!metadata) return [];
    const names = new Intl.DisplayNames([this.activeLocale], { type: 'region' });
    return (Object.keys(metadata.countries) as CountryCode[]).sort((a, b) =>
      this.regionName(a, names).localeCompare(this.regionName(b, names), this.activeLocale),
    );
  }

  private get selectedRegion(): CountryCode | undefined {
    const allowed = regionList(this.preset.phone) as 'any' | CountryCode[];
    const wanted = this.region as CountryCode | undefined;
    if (allowed !== 'any') return wanted && allowed.includes(wanted) ? wanted : allowed[0];
    if (wanted) return wanted;
    // Chinese consoles open on +86; otherwise the browser's region, if it has one.
    if (this.preset.defaultLocale === 'zh-CN') return 'CN';
    const fromBrowser = navigator.languages
      .map((tag) => /-([A-Z]{2})\b/i.exec(tag)?.[1]?.toUpperCase())
      .find((r) => r && this.metadata && Object.hasOwn(this.metadata.countries, r));
    return (fromBrowser as CountryCode | undefined) ?? 'US';
  }

  private regionName(region: string, names?: Intl.DisplayNames): string {
    const key = `region.${region}`;
    const own = this.t(key as never);
    if (own !== key) return own;
    return (names ?? new Intl.DisplayNames([this.activeLocale], { type: 'region' })).of(region) ?? region;
  }

  private callingCode(region: CountryCode): string {
    // Metadata v4 keeps a region's calling code first in its entry (`CN: ["86", …]`).
    const entry = this.metadata?.countries[region] as unknown as readonly unknown[] | undefined;
    return typeof entry?.[0] === 'string' ? entry[0] : '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A site (or a flow prefilling a contact phone) set `value`: show it in national format.
    if (changed.has('value') && this.value !== this.emitted && this.metadata) this.adoptValue();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.metadata && this.value && this.value !== this.emitted) this.adoptValue();
    if (this.runtime && this.typedEarly) {
      // The field was shown and typed into before phone handling arrived: what was typed counts.
      this.typedEarly = false;
      this.commit(new Event('input', { bubbles: true, composed: true }));
    }
  }

  /** Parses the text and, when that changes the value, says so with `event`. */
  private commit(event: Event): void {
    const parsed = this.parse();
    const e164 = parsed && 'e164' in parsed ? parsed.e164 : '';
    if (e164 === this.value) return;
    this.setValue(e164);
    this.dispatchEvent(event);
  }

  private adoptValue(): void {
    const { lib, metadata } = this.runtime!;
    const parsed = lib.parsePhone(this.value, this.preset.phone, metadata);
    this.emitted = this.value;
    if (parsed.ok) {
      this.region = parsed.region;
      this.text = lib.formatPhoneAsYouType(parsed.national, parsed.region, metadata);
      this.internals.setFormValue(parsed.e164);
    } else {
      this.text = this.value;
    }
  }

  private setValue(e164: string): void {
    this.emitted = e164;
    this.value = e164;
    this.internals.setFormValue(e164 || null);
  }

  private onInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    const raw = input.value;
    let shown = raw;
    const runtime = this.runtime;
    if (!runtime) {
      this.typedEarly = true;
      // Someone typing sees the field, whatever layout observers say (they do not run in a
      // background tab, and the field may have been revealed without a size change).
      this.shown = true;
    }
    // Reformat only while the caret is at the end: reformatting mid-edit would move the caret.
    const atEnd = input.selectionStart === raw.length;
    if (runtime && atEnd && event.inputType !== 'deleteContentBackward') {
      const region = raw.trim().startsWith('+') ? undefined : this.selectedRegion;
      shown = runtime.lib.formatPhoneAsYouType(raw, region, runtime.metadata);
      if (shown !== raw) input.value = shown;
    }
    this.text = shown;
    this.clearErrors();
    const parsed = this.parse();
    this.setValue(parsed && 'e164' in parsed ? parsed.e164 : '');
  }

  private parse(): { e164: string; region: CountryCode } | { code: string } | undefined {
    const runtime = this.runtime;
    if (!runtime || this.text.trim() === '') return undefined;
    const parsed = runtime.lib.parsePhone(
      this.text,
      this.preset.phone,
      runtime.metadata,
      this.selectedRegion,
    );
    if (!parsed.ok) return { code: parsed.code };
    return { e164: parsed.e164, region: parsed.region };
  }

  private onRegionPick(event: CustomEvent<string>): void {
    this.picking = undefined;
    this.region = event.detail;
    this.clearErrors();
    this.input?.focus();
    // Re-read the typed digits in the new region.
    void this.updateComplete.then(() => {
      const parsed = this.parse();
      this.setValue(parsed && 'e164' in parsed ? parsed.e164 : '');
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    });
  }

  /** Opens the searchable list (its own chunk: the closed picker is only a button). */
  private async openPicker(search = ''): Promise<void> {
    await import('./cloud-region-list.ts');
    this.picking = { search };
  }

  private onPickerClose(event: CustomEvent<{ refocus: boolean; to: EventTarget | null }>): void {
    const button = this.renderRoot.querySelector<HTMLElement>('#region');
    // Focus moving to the picker's own button: its click closes it.
    if (event.detail.to === button) return;
    this.picking = undefined;
    if (event.detail.refocus) button?.focus();
  }

  private onPickerKey(event: KeyboardEvent): void {
    // Picks by typing: a letter or digit on the closed picker opens the list searching for it.
    const printable =
      event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (!printable && event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.openPicker(printable ? event.key : '');
  }

  private onBlur(): void {
    // Don't nag about an empty field on blur: only a typed, wrong number gets an error here.
    if (this.text.trim() !== '') void this.validate();
  }

  override async validate(): Promise<boolean> {
    this.shown = true;
    await this.ready;
    await this.updateComplete; // the task has started with the loaded runtime's key
    await this.phoneTask.taskComplete;
    if (this.text.trim() === '') {
      this.localError = this.required ? this.messageFor('field_required') : '';
      return !this.required;
    }
    const parsed = this.parse();
    if (!parsed) return false;
    if ('code' in parsed) {
      this.localError = this.messageFor(parsed.code);
      this.setValue('');
      return false;
    }
    this.localError = '';
    if (parsed.e164 !== this.value) {
      // Typed before phone handling had loaded: the value is news to the page.
      this.typedEarly = false;
      this.setValue(parsed.e164);
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
    // Show the number as the region would write it, and follow a `+852…` typed over the picker.
    this.region = parsed.region;
    return true;
  }

  /** Empties the field. */
  reset(): void {
    this.text = '';
    this.setValue('');
    this.clearErrors();
  }

  formResetCallback(): void {
    this.reset();
  }

  override render() {
    const label = this.label ?? this.t('label.phone');
    const allowed = regionList(this.preset.phone) as 'any' | CountryCode[];
    const region = this.selectedRegion;
    const error = this.validationMessage;
    const steer = this.preset.phone.steerInternationalToEmail && region !== undefined && region !== 'CN';
    const hint = this.hint ?? (steer ? this.t('hint.phone_steer_email') : undefined);
    const describedBy = [hint ? 'hint' : '', 'error'].filter(Boolean).join(' ');
    const single = allowed !== 'any' && allowed.length === 1 && region;
    return html`
      <div class="field" part="base">
        <label for="number" part="label">${label}</label>
        <div class="control">
          ${
            single
              ? html`<span class="prefix" part="prefix" title=${this.regionName(region)}
                >+${this.callingCode(region) || '…'}<span class="visually-hidden"> ${this.regionName(region)}</span></span
              >`
              : html`<span class="visually-hidden" id="region-label">${this.t('label.region')}</span>
                <button
                  type="button"
                  id="region"
                  class="region"
                  part="region"
                  aria-labelledby="region-label region"
                  aria-haspopup="dialog"
                  aria-expanded=${this.picking ? 'true' : 'false'}
                  ?disabled=${this.disabled}
                  @click=${() => (this.picking ? (this.picking = undefined) : this.openPicker())}
                  @keydown=${this.onPickerKey}
                >
                  <span class="visually-hidden">${region ? this.regionName(region) : ''}</span>
                  +${(region && this.callingCode(region)) || '…'}
                  <svg viewBox="0 0 10 6" width="10" height="6" aria-hidden="true"><path d="M1 1l4 4 4-4" /></svg>
                </button>
                ${
                  this.picking
                    ? html`<cloud-region-list
                        part="region-list"
                        .regions=${this.regions.map((r) => ({ code: r, name: this.regionName(r), dial: this.callingCode(r) }))}
                        .selected=${region ?? ''}
                        .search=${this.picking.search}
                        .t=${this.t}
                        .label=${this.t('label.region')}
                        @pick=${this.onRegionPick}
                        @close=${this.onPickerClose}
                      ></cloud-region-list>`
                    : nothing
                }`
          }
          <input
            id="number"
            class="number"
            part="input"
            type="tel"
            inputmode="tel"
            autocomplete=${this.autocomplete}
            .value=${this.text}
            ?disabled=${this.disabled}
            ?required=${this.required}
            aria-required=${this.required ? 'true' : nothing}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @input=${this.onInput}
            @keydown=${this.submitOnEnter}
            @change=${this.redispatch}
            @blur=${this.onBlur}
          />
        </div>
        ${this.renderHint()} ${this.renderError()}
      </div>
    `;
  }
}
