/**
 * Why a server's `GET /config` could not be read, told to the page (the view an element shows
 * instead of its form: the cause and "Try again") and to the developer (the fix, in the
 * console). Loaded only when the read fails, so a page whose server answers never downloads it.
 */
import { html, type TemplateResult } from 'lit';
import { ApiError } from '@cloud-login/core';
import { addMessages, codeMessage, type Translate } from '../i18n/index.ts';

const en = { 'config.notFound': 'No sign-in service at this address.', 'config.retry': 'Try again' } as const;
addMessages({
  en,
  'zh-CN': { 'config.notFound': '此地址没有登录服务。', 'config.retry': '重试' },
  'zh-TW': { 'config.notFound': '此網址沒有登入服務。', 'config.retry': '再試一次' },
});

declare module '../i18n/index.ts' {
  interface ChunkKeys extends Record<keyof typeof en, true> {}
}

/** What an element shows for a config it could not read, in its locale (`t`); its button calls `retry()`. */
export type ProblemView = (config: { t: Translate; retry(): void }) => TemplateResult;

/**
 * `error` is what reading `{url}/config` threw, or `undefined` for an answer that is not a
 * config. A CORS refusal comes as `origin_not_allowed`: the client told it from an unreachable
 * host (core's `origin-probe.ts`, which also logs the fix), so it is not probed again here.
 */
export async function diagnose(url: string, error?: unknown): Promise<ProblemView> {
  const { code, status } = error instanceof ApiError ? error : new ApiError(200, 'unexpected_response', '');
  let key: string = code;
  if (status === 404 || (code === 'unexpected_response' && status < 500)) key = 'config.notFound';
  if (key !== 'origin_not_allowed')
    console.warn(
      `cloud-login: ${url}/config: ` +
        (key === 'network_error'
          ? 'cannot reach the server. Is it running? Check the api attribute.'
          : key === 'config.notFound'
            ? `HTTP ${status}, not a cloud-login server. Check the api attribute (e.g. https://auth.example.com/api/qingcloud).`
            : `${code} (HTTP ${status}).`),
    );
  return (config) => html`<div class="load-failed" part="load-failed" data-problem=${key}>
    <p class="form-error" part="form-error" role="alert">${codeMessage(config.t, key)}</p>
    <button type="button" class="secondary" part="retry" @click=${() => config.retry()}>${config.t('config.retry')}</button>
  </div>`;
}
