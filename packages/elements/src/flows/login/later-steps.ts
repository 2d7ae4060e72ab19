/**
 * The steps of `<cloud-login>` after a server answer that is not a plain sign-in, and their views: the
 * account chooser, the profile steps and the older-JD-account upgrade. They are never on the first
 * screen, so they load with the flow's other later parts (`loginParts.later`), before the element
 * switches to one of these steps: the first screen stays light, and the step shows at once.
 */
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Account, AccountField, CloudClient, SignInResult } from '@cloud-login/core';
import type { ActionController } from '../../controllers/action.ts';
import { rememberSession } from '../../shared/session.ts';
import type { Translate } from '../../i18n/index.ts';
import type { CloudAccountSelectEvent } from '../../shared/events.ts';
import type { SignInResultEvent } from '../../shared/panel-events.ts';
import type { Loader } from './lazy.ts';
import type { LoginMethodDefinition } from './methods/index.ts';
import type { LoginStep } from './steps.ts';

/** What these views use of the element (its private members; the element passes itself). */
export interface LaterHost {
  step: LoginStep;
  readonly t: Translate;
  readonly theme?: string | undefined;
  readonly continuing: ActionController;
  readonly available: LoginMethodDefinition[];
  readonly firstMethod: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  readonly client?: CloudClient | undefined;
  whenLoaded(part: Loader, render: () => unknown): unknown;
  handleResult(result: SignInResult, method: string): unknown;
  startMethod(id: string): void;
  succeed(account: Account, session: { token: string; expiresAt: string }, returnTo?: string): void;
  requireClient(): CloudClient;
  reportError(error: unknown): { code: string; text: string };
}

type Later = Extract<LoginStep, { name: 'choose-account' | 'profile' | 'upgrade' }>;

/** The step after a server answer other than a plain sign-in. */
export function nextStep(host: LaterHost, result: SignInResult, method: string): void {
  switch (result.status) {
    case 'authenticated':
      // An older JD account is in, through JD login: offer the upgrade before finishing
      // (docs/flows.md#legacy-jd-accounts).
      if (host.client) rememberSession(host.client.baseUrl, result.session.token);
      host.step = {
        name: 'upgrade',
        method,
        account: result.account,
        session: result.session,
        returnTo: result.returnTo,
      };
      break;
    case 'choose_account':
      host.step = {
        name: 'choose-account',
        method,
        ticket: result.ticket,
        accounts: result.accounts,
        createNew: result.createNew ?? false,
        ...('nickname' in result && result.nickname !== undefined && { nickname: result.nickname }),
      };
      break;
    case 'needs_profile':
      host.step = {
        name: 'profile',
        method,
        ticket: result.ticket,
        // Two-step verification's `totp` and `recoveryCode` too (see `laterView`).
        required: result.required as AccountField[],
        optional: result.optional as AccountField[],
        ...('nickname' in result && result.nickname !== undefined && { nickname: result.nickname }),
        ...('prefill' in result && { prefill: result.prefill }),
      };
      break;
  }
}

/** Back to the tab the flow started from; a third-party flow goes back to the first tab. */
function back(host: LaterHost): void {
  const step = host.step;
  const from = step.name === 'choose-account' || step.name === 'profile' ? step.method : '';
  const tab = host.available.some((m) => m.id === from && m.kind === 'tab') ? from : host.firstMethod;
  host.step = { name: 'method', method: tab };
}

async function onAccountSelect(host: LaterHost, event: CloudAccountSelectEvent): Promise<void> {
  const step = host.step;
  if (step.name !== 'choose-account') return;
  await host.continuing.run(async () => {
    try {
      const result = await host.requireClient().continue({ ticket: step.ticket, ...event.detail });
      await host.handleResult(result, step.method);
    } catch (error) {
      const reported = host.reportError(error);
      // A used or expired ticket cannot be retried: back to the form, with the reason.
      if (reported.code === 'ticket_expired') {
        const tab = host.available.some((m) => m.id === step.method && m.kind === 'tab');
        host.step = tab
          ? { name: 'method', method: step.method }
          : { name: 'method', method: host.firstMethod, error: reported.text };
        await host.updateComplete;
        const panel = host.renderRoot.querySelector(`#panel-${step.method} > *`) as {
          formError?: string;
        } | null;
        if (tab && panel) panel.formError = reported.text;
      } else {
        // Refusals keep the ticket (`already_bound`, `legacy_account_cannot_bind`): pick another.
        host.step = { ...step, error: reported.text, errorCode: reported.code };
      }
    }
  });
}

/** The upgrade step's answer: upgraded (the new account) or put off (the account as it was). */
function onUpgradeDone(host: LaterHost, event: Event & { account?: Account | undefined }): void {
  const step = host.step;
  if (step.name !== 'upgrade') return;
  event.stopPropagation();
  host.succeed(event.account ?? step.account, step.session, step.returnTo);
}

/** The body of a later step; `parts` are the chunks of the blocks it shows. */
export function laterView(
  host: LaterHost,
  step: Later,
  parts: { chooser: Loader; profile: Loader },
): unknown {
  const t = host.t;
  const backButton = (disabled = false) =>
    html`<div class="actions">
      <button type="button" class="link" part="back" ?disabled=${disabled} @click=${() => back(host)}>
        ${t('action.back')}
      </button>
    </div>`;
  switch (step.name) {
    case 'choose-account': {
      const pending = host.continuing.pending;
      return html`
        ${host.whenLoaded(
          parts.chooser,
          () => html`<cloud-account-chooser
            .accounts=${step.accounts}
            ?allow-create=${step.createNew}
            nickname=${ifDefined(step.nickname)}
            heading=${ifDefined(step.createNew ? t('flow.bindOrCreate') : undefined)}
            ?disabled=${pending}
            aria-busy=${pending ? 'true' : 'false'}
            @cloud-account-select=${(e: CloudAccountSelectEvent) => onAccountSelect(host, e)}
          ></cloud-account-chooser>`,
        )}
        <p class="form-error" part="form-error" role="alert">${step.error ?? ''}</p>
        ${
          step.errorCode === 'legacy_account_cannot_bind' &&
          host.available.some((m) => m.id === 'jd' && m.kind === 'button')
            ? html`<button type="button" class="secondary" part="method-button" @click=${() => host.startMethod('jd')}>
              ${t('method.jd')}
            </button>`
            : nothing
        }
        ${backButton(pending)}
      `;
    }
    case 'profile':
      // Two-step verification (docs/flows.md#two-step-verification): the same chunk, its own form.
      if ((step.required as string[])[0] === 'totp')
        return html`
          ${host.whenLoaded(
            parts.profile,
            () => html`<cloud-totp-step
              .ticket=${step.ticket}
              theme=${ifDefined(host.theme)}
              @cloud-signin-result=${(e: SignInResultEvent) => {
                e.preventDefault();
                void host.handleResult(e.result, step.method);
              }}
            ></cloud-totp-step>`,
          )}
          ${backButton()}
        `;
      return html`
        ${host.whenLoaded(
          parts.profile,
          () => html`<cloud-profile-form
            .ticket=${step.ticket}
            .required=${step.required}
            .optional=${step.optional}
            method=${step.method}
            nickname=${ifDefined(step.nickname)}
            .prefill=${step.prefill}
            theme=${ifDefined(host.theme)}
            @cloud-signin-result=${(e: SignInResultEvent) => {
              e.preventDefault();
              void host.handleResult(e.result, step.method);
            }}
          ></cloud-profile-form>`,
        )}
        ${backButton()}
      `;
    case 'upgrade':
      return host.whenLoaded(
        parts.profile,
        () =>
          html`<cloud-legacy-upgrade
            theme=${ifDefined(host.theme)}
            @cloud-upgrade-done=${(e: Event) => onUpgradeDone(host, e)}
          ></cloud-legacy-upgrade>`,
      );
  }
}
