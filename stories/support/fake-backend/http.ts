/** The fake backend's answers: JSON responses and the contract's error shape. */
import { ERROR_STATUS, type ErrorCode, type FieldIssue } from '@cloud-login/core';
import { format, isMessageKey } from '@cloud-login/core/messages/index';

/** Extra fields of a forced error answer. */
export interface FailOptions {
  retryAfter?: number;
  field?: string;
  issues?: FieldIssue[];
  message?: string;
  /** How many calls in a row fail (default 1). */
  times?: number;
  /** Let this many matching calls through first (default 0): "the second call fails". */
  skip?: number;
}

export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extra: FailOptions = {},
  ) {
    super(code);
  }
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export function errorResponse(code: ErrorCode, extra: FailOptions = {}): Response {
  const message =
    extra.message ??
    (isMessageKey(code)
      ? format('en', code, { seconds: extra.retryAfter ?? 0, count: 5, min: 0, max: 0 })
      : code);
  const error: Record<string, unknown> = { code, message };
  if (extra.field) error.field = extra.field;
  if (extra.retryAfter !== undefined) error.retryAfter = extra.retryAfter;
  if (extra.issues) error.issues = extra.issues;
  const headers: Record<string, string> =
    extra.retryAfter !== undefined ? { 'Retry-After': String(extra.retryAfter) } : {};
  return json(ERROR_STATUS[code], { error }, headers);
}
