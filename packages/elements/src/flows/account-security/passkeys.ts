import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { Passkey } from '@cloud-login/core';
import { CloudElement } from '../../base/cloud-element.ts';
import { ActionController } from '../../controllers/action.ts';
import { textField } from '../../form/text-field.ts';
import { addMessages } from '../../i18n/index.ts';
import { flowStyles } from '../../shared/flow.styles.ts';
import { addPasskey, deletePasskey, listPasskeys, renamePasskey } from '../../shared/passkeys.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { accountSecurityStyles } from './account-security.styles.ts';
import { securityMessages } from './messages.ts';
import { ReauthPrompt } from './reauth.ts';

/** The section's states; `render()` is a switch over `name`. */
export type PasskeysStep =
  | { name: 'loading' }
  | { name: 'list' }
  /** "Add a passkey": the proof when the server asks for it, then the browser's dialog. */
  | { name: 'add' }
  | { name: 'rename'; passkey: Passkey }
  /** "Delete {name}?", with the proof when the server asks for it. */
  | { name: 'delete'; passkey: Passkey };

/**
 * @summary The signed-in account's passkeys (docs/flows.md#passkeys), the section
 * `<cloud-account-security>` shows for presets that offer them: each passkey with when it was
 * added and last used (and whether it is synced), "Add a passkey" (after proving the account
 * again: the current password, or a code to its phone), rename, and delete (confirmed, and
 * proven again). It talks to the server through the client of its configuration.
 *
 * @csspart section - The section.
 * @csspart passkeys - The list.
 * @csspart passkey - One passkey.
 * @csspart action - Add, rename and delete.
 * @csspart form - The rename form.
 * @csspart input - The name field.
 * @csspart submit - A step's main button.
 * @csspart back - Cancel.
 * @csspart reauth - The proof asked for before a change.
 * @csspart notice - Confirmations ("the passkey has been added").
 * @csspart form-error - A refusal.
 */
export class CloudPasskeys extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, flowStyles, accountSecurityStyles];

  static {
    addMessages(securityMessages);
  }

  /** The current step (read-only for sites; for tests and stories). */
  @state() step: PasskeysStep = { name: 'loading' };
  @state() private passkeys: Passkey[] = [];
  @state() private notice = '';
  @state() private formError = '';
  @state() private name = '';

  private readonly action = new ActionController(this);
  private readonly reauth = new ReauthPrompt(this);
  /** The client the list was read with: a new one (another account, another API) reads it again. */
  private listedWith: unknown;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.client !== this.listedWith) {
      this.listedWith = this.client;
      void this.load();
    }
  }

  /** Reads the list again. */
  async load(): Promise<void> {
    if (!this.client) return;
    try {
      this.passkeys = await listPasskeys(this.client);
      if (this.step.name === 'loading') this.step = { name: 'list' };
    } catch (error) {
      this.formError = this.reportError(error).text;
      this.step = { name: 'list' };
    }
  }

  private go(step: PasskeysStep, notice = ''): void {
    this.reauth.reset();
    this.formError = '';
    this.notice = notice;
    this.step = step;
  }

  /** A refusal: the proof's prompt when it is about the proof, else the section's error line. */
  private refused(error: unknown): void {
    const reported = this.reportError(error);
    if (this.reauth.refused(reported, this.t('security.wrongCurrentPassword'))) return;
    this.formError = reported.text;
  }

  private async add(): Promise<void> {
    await this.action.run(async () => {
      this.formError = '';
      try {
        const added = await addPasskey(this.requireClient(), this.reauth.proof());
        if (!added) return; // the dialog was closed: stay, so "Continue" can open it again
        await this.load();
        this.go({ name: 'list' }, this.t('passkey.added'));
      } catch (error) {
        this.refused(error);
      }
    });
  }

  private async rename(event: Event, passkey: Passkey): Promise<void> {
    event.preventDefault();
    await this.action.run(async () => {
      try {
        await renamePasskey(this.requireClient(), passkey.id, this.name);
        await this.load();
        this.go({ name: 'list' }, this.t('passkey.renamed'));
      } catch (error) {
        this.formError = this.reportError(error).text;
      }
    });
  }

  private async delete(passkey: Passkey): Promise<void> {
    await this.action.run(async () => {
      this.formError = '';
      try {
        await deletePasskey(this.requireClient(), passkey.id, this.reauth.proof());
        await this.load();
        this.go({ name: 'list' }, this.t('passkey.deleted'));
      } catch (error) {
        this.refused(error);
      }
    });
  }

  private date(iso: string): string {
    return new Intl.DateTimeFormat(this.activeLocale, { dateStyle: 'medium' }).format(new Date(iso));
  }

  private get busy(): boolean {
    return this.action.pending;
  }

  private actions(main: TemplateResult): TemplateResult {
    return html`<div class="actions">
      ${main}
      <button type="button" class="link" part="back" ?disabled=${this.busy} @click=${() => this.go({ name: 'list' })}>
        ${this.t('action.cancel')}
      </button>
    </div>`;
  }

  private proofField(): TemplateResult | typeof nothing {
    return this.reauth.render(this.t, {
      busy: this.busy,
      client: () => this.requireClient(),
      onError: (error) => (this.formError = this.reportError(error).text),
      theme: this.theme,
      locale: this.activeLocale,
    });
  }

  private renderList(): TemplateResult {
    const t = this.t;
    return html`
      ${
        this.passkeys.length
          ? html`<ul part="passkeys">
            ${this.passkeys.map(
              (p) => html`<li class="row" part="passkey">
                <span class="value">${p.name}</span>
                ${p.backedUp ? html`<span class="tag">${t('passkey.synced')}</span>` : nothing}
                <span class="tag"
                  >${t('passkey.created', { date: this.date(p.createdAt) })} ·
                  ${p.lastUsedAt ? t('passkey.lastUsed', { date: this.date(p.lastUsedAt) }) : t('passkey.neverUsed')}</span
                >
                <button
                  type="button"
                  class="secondary"
                  part="action"
                  aria-label=${t('passkey.renameLabel', { name: p.name })}
                  ?disabled=${this.busy}
                  @click=${() => {
                    this.name = p.name;
                    this.go({ name: 'rename', passkey: p });
                  }}
                >
                  ${t('passkey.rename')}
                </button>
                <button
                  type="button"
                  class="secondary"
                  part="action"
                  aria-label=${t('passkey.deleteLabel', { name: p.name })}
                  ?disabled=${this.busy}
                  @click=${() => this.go({ name: 'delete', passkey: p })}
                >
                  ${t('passkey.delete')}
                </button>
              </li>`,
            )}
          </ul>`
          : html`<p class="intro">${t('passkey.none')}</p>`
      }
      <div>
        <button type="button" class="secondary" part="action" ?disabled=${this.busy} @click=${() => this.go({ name: 'add' })}>
          ${t('passkey.add')}
        </button>
      </div>
    `;
  }

  private renderStep(): TemplateResult {
    const t = this.t;
    const step = this.step;
    switch (step.name) {
      case 'loading':
        return html`<p class="intro" role="status" aria-busy="true">${t('common.busy')}</p>`;
      case 'list':
        return this.renderList();
      case 'add':
        return html`<div class="step" role="group" aria-label=${t('passkey.add')} aria-busy=${this.busy ? 'true' : 'false'}>
          <p class="intro">${t('passkey.addText')}</p>
          ${this.proofField()}
          ${this.actions(
            html`<button type="button" class="primary" part="submit" ?disabled=${this.busy} @click=${() => void this.add()}>
              ${this.busy ? t('common.busy') : t('passkey.continue')}
            </button>`,
          )}
        </div>`;
      case 'rename':
        return html`<form part="form" novalidate @submit=${(e: Event) => void this.rename(e, step.passkey)}>
          ${textField({
            id: 'passkey-name',
            label: t('passkey.name'),
            value: this.name,
            maxlength: 64,
            required: true,
            disabled: this.busy,
            onInput: (v) => (this.name = v),
          })}
          ${this.actions(
            html`<button type="submit" class="primary" part="submit" ?disabled=${this.busy || !this.name.trim()}>
              ${this.busy ? t('common.busy') : t('passkey.save')}
            </button>`,
          )}
        </form>`;
      case 'delete':
        return html`<div class="step" role="group" aria-labelledby="passkey-delete-title" aria-busy=${this.busy ? 'true' : 'false'}>
          <h4 id="passkey-delete-title">${t('passkey.deleteTitle', { name: step.passkey.name })}</h4>
          <p class="intro">${t('passkey.deleteText')}</p>
          ${this.proofField()}
          ${this.actions(
            html`<button type="button" class="primary" part="submit" ?disabled=${this.busy} @click=${() => void this.delete(step.passkey)}>
              ${this.busy ? t('common.busy') : t('passkey.delete')}
            </button>`,
          )}
        </div>`;
    }
  }

  override render() {
    return html`<section part="section" aria-labelledby="passkeys-title">
      <h3 id="passkeys-title">${this.t('passkey.heading')}</h3>
      <p class="intro">${this.t('passkey.intro')}</p>
      <p class="status-line" part="notice" role="status">${this.notice}</p>
      <p class="form-error" part="form-error" role="alert">${this.formError}</p>
      ${this.renderStep()}
    </section>`;
  }
}
