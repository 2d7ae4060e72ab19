/**
 * One error shape for every answer (packages/server/README.md): `{"error": {code, message, field?, retryAfter?,
 * issues?}}`. Routes and flows throw `ApiFailure`; `errorHandler` turns it, and anything else a
 * request can provoke, into that shape, so bad input never reaches the client as a 5xx.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ERROR_STATUS,
  type ChallengeInfo,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
} from '@cloud-login/core';
import { ServerBusyError } from '../passwords.ts';

export interface FailureDetails {
  field?: string;
  /** Seconds; also sent as the `Retry-After` header. */
  retryAfter?: number;
  issues?: FieldIssue[];
  /** With `challenge_required`: which challenge to solve. */
  challenge?: ChallengeInfo;
}

export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FailureDetails = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** Shorthand for `throw new ApiFailure(...)` inside expressions. */
export function fail(code: ErrorCode, message: string, details?: FailureDetails): never {
  throw new ApiFailure(code, message, details);
}

/** `validation_failed` with one issue per field; `field` names the first, for a focus target. */
export function invalid(issues: FieldIssue[], message = 'The request has invalid fields.'): never {
  const first = issues[0]?.path;
  throw new ApiFailure('validation_failed', message, first ? { field: first, issues } : { issues });
}

export function errorBody(failure: ApiFailure): ErrorBody {
  const { field, retryAfter, issues, challenge } = failure.details;
  return {
    error: {
      code: failure.code,
      message: failure.message,
      ...(field !== undefined && { field }),
      ...(retryAfter !== undefined && { retryAfter }),
      ...(issues !== undefined && { issues }),
      ...(challenge !== undefined && { challenge }),
    },
  };
}

export function failureResponse(c: Context, failure: ApiFailure): Response {
  if (failure.details.retryAfter !== undefined) c.header('Retry-After', String(failure.details.retryAfter));
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(failure), failure.status);
}

export interface ErrorHandlerOptions {
  /** Where unexpected errors go; default `console.error`. */
  log?: (error: unknown, c: Context) => void;
  /** Errors that mean the store is out of reach for now (`Store.unavailable`): 503, not 500. */
  unavailable?: (error: unknown) => boolean;
}

/** Seconds a client waits before retrying while the store is out of reach. */
const STORE_RETRY_AFTER = 5;

/**
 * Node's error for a body whose client hung up mid-way (`aborted`, ECONNRESET): the client's
 * doing, not ours. Logging it would let anyone write stack traces into the log at will.
 */
function isClientAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'ECONNRESET' &&
    error.message === 'aborted'
  );
}

export function errorHandler(options: ErrorHandlerOptions = {}): ErrorHandler {
  const log =
    options.log ??
    ((error: unknown, c: Context) => console.error(`[cloud-login] ${c.req.method} ${c.req.path}:`, error));
  return (error, c) => {
    if (error instanceof ApiFailure) return failureResponse(c, error);
    if (error instanceof ServerBusyError) {
      return failureResponse(
        c,
        new ApiFailure('server_busy', 'The server is busy; try again shortly.', {
          retryAfter: error.retryAfter,
        }),
      );
    }
    if (options.unavailable?.(error)) {
      return failureResponse(
        c,
        new ApiFailure('server_busy', 'The server cannot reach its database; try again shortly.', {
          retryAfter: STORE_RETRY_AFTER,
        }),
      );
    }
    if (isClientAbort(error)) {
      return failureResponse(
        c,
        new ApiFailure('validation_failed', 'The request was not received in full.', {
          issues: [
            {
              path: '',
              code: 'malformed_request',
              message: 'The client closed the connection before the body was complete.',
            },
          ],
        }),
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own 4xx (malformed JSON in its validator, body limit): keep the status family,
      // speak our shape.
      const failure =
        error.status === 415
          ? new ApiFailure('unsupported_media_type', 'Request bodies must be application/json.')
          : new ApiFailure('validation_failed', error.message || 'The request could not be read.', {
              issues: [
                {
                  path: '',
                  code: 'malformed_request',
                  message: error.message || 'The request could not be read.',
                },
              ],
            });
      return failureResponse(c, failure);
    }
    log(error, c);
    c.header('Cache-Control', 'no-store');
    // Not a contract code on purpose: a 5xx is our fault, and clients treat it as unexpected.
    return c.json({ error: { code: 'internal_error', message: 'Internal server error.' } }, 500);
  };
}

export const notFoundHandler: NotFoundHandler = (c) =>
  failureResponse(c, new ApiFailure('not_found', `No route for ${c.req.method} ${c.req.path}.`));
