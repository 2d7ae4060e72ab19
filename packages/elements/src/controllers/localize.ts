/**
 * The element's words for rules and failures: the message of a rule or error code with the
 * parameters the preset gives it (lengths, counts), and a failure localised, announced as
 * `cloud-error` and returned for display, with the field errors of a server answer.
 *
 * Every text made here remembers what made it (a code and its parameters), so when the locale
 * changes `relocalize()` renders the errors on show again in the new one.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '@cloud-login/core';
import { codeMessage, messageForError } from '../i18n/index.ts';
import { CloudErrorEvent } from '../shared/events.ts';
import type { ConfigController } from './config.ts';

export class LocalizeController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly config: ConfigController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Each text made here, by the text: how to make it again in the current locale. */
  private readonly recipes = new Map<string, () => string>();

  private made(make: () => string): string {
    const text = make();
    this.recipes.set(text, make);
    return text;
  }

  /** `text` made again in the current locale when it was made here; else as it is. */
  remake(text: string): string {
    const make = this.recipes.get(text);
    return make ? this.made(make) : text;
  }

  /** Parameters the message of a rule or error code needs, from the preset. */
  paramsFor(code: string, extra: Record<string, string | number> = {}): Record<string, string | number> {
    const p = this.config.preset;
    switch (code) {
      case 'account_name_length':
        return { min: p.accountName?.min ?? 0, max: p.accountName?.max ?? 0, ...extra };
      case 'password_length':
        return { min: p.password.min, max: p.password.max, ...extra };
      case 'password_kinds':
        return { count: p.password.minClasses, ...extra };
      case 'code_format':
        return { count: p.code.length, ...extra };
      case 'phone_account_limit':
        return { count: p.maxAccountsPerPhone ?? 0, ...extra };
      default:
        return extra;
    }
  }

  /** Localised text for a rule or error code. */
  messageFor(code: string, extra?: Record<string, string | number>): string {
    return this.made(() => codeMessage(this.config.t, code, this.paramsFor(code, extra)));
  }

  /** Localises a failure, announces it as `cloud-error`, and returns it for display. */
  reportError(error: unknown): ApiError & { text: string } {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(0, 'unexpected_response', error instanceof Error ? error.message : String(error));
    if (!(error instanceof ApiError)) console.error(error);
    // Core makes the choices: the variant for the field (`not_found.phone`), a long wait in words
    // ("11 h", not "40000 s"), over the strings loaded so far. Site strings override as in t().
    const text = this.made(() =>
      messageForError(
        this.config.locale,
        apiError,
        this.paramsFor(apiError.code),
        this.config.effective.strings,
      ),
    );
    const detail: { code: string; message: string; field?: string } = { code: apiError.code, message: text };
    if (apiError.field) detail.field = apiError.field;
    this.host.dispatchEvent(new CloudErrorEvent(detail));
    return Object.assign(apiError, { text });
  }

  /** Field errors from a server answer: `field` and `issues[].path`, localised by code. */
  fieldErrors(error: ApiError & { text: string }): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of error.issues ?? []) {
      const field = issue.path.split('.')[0] ?? issue.path;
      out[field] ??= this.messageFor(issue.code);
    }
    if (error.field && !out[error.field]) out[error.field] = error.text;
    return out;
  }
}
