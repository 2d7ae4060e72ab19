/**
 * `@cloud-login/server`: the Hono reference backend. Create a store, pass it to
 * `createAuthServer`, serve the app (`@hono/node-server`, or any runtime Hono runs on that gives
 * node's crypto and fs).
 */
export { createAuthServer, DEFAULT_LIMITS, DEFAULT_SESSION_TTL } from './app.ts';
export type { AuthServer, AuthServerOptions, LimitSpec } from './app.ts';
export type { QrStreamOptions } from './qr/stream.ts';
export { buildOpenApi, OPERATIONS } from './openapi.ts';
export { ApiFailure } from './middleware/errors.ts';
export { toPublicAccount } from './flows/accounts.ts';
export { loadOrCreateSecret } from './store/secret.ts';
export { createLowdbStore, createMemoryStore, createQrChanges } from './store/index.ts';
export { createPostgresStore, MIGRATIONS } from './store/postgres/index.ts';
export type { PostgresStore, PostgresStoreOptions } from './store/postgres/index.ts';
export type * from './store/types.ts';
export { StoreConflictError } from './store/types.ts';
export type { IdpUserRecord, OutboxRecord } from './dev/store.ts';
export { createOutboxSenders, createSmtpEmailSender } from './senders/index.ts';
export type { EmailSender, OutgoingMessage, Senders, SmsSender, VoiceSender } from './senders/index.ts';
export { createDevChallenge, turnstileChallenge, DEFAULT_CHALLENGE_AFTER } from './challenge.ts';
export type { Challenge, ChallengeContext, DevChallenge } from './challenge.ts';
