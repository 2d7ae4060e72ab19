/**
 * Passkeys (WebAuthn, docs/flows.md#passkeys): the request and answer shapes of the passkey
 * endpoints (packages/server/README.md, "Passkeys"), as zod/mini schemas like `api.ts`'s. The
 * options the server hands out are WebAuthn's own JSON forms (`PublicKeyCredentialCreationOptionsJSON`,
 * `PublicKeyCredentialRequestOptionsJSON`), passed to the browser as they are; what the browser
 * answers is checked here for shape and size only, the signature by the server.
 *
 * A module of its own, so a login page (which reads only the types) never bundles the schemas.
 */
import * as z from 'zod/mini';

/** base64url, as WebAuthn's JSON forms encode bytes. */
const b64url = z.string().check(z.maxLength(16_384), z.regex(/^[A-Za-z0-9_-]*$/));
const short = z.string().check(z.maxLength(256));
const extensions = z.optional(z.record(z.string(), z.unknown()));
const attachment = z.optional(z.nullable(z.string().check(z.maxLength(32))));

/** What `navigator.credentials.get()` answered, in WebAuthn's JSON form (`AuthenticationResponseJSON`). */
export const PasskeyAssertionSchema = z.object({
  id: b64url,
  rawId: b64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: z.optional(z.nullable(b64url)),
  }),
  clientExtensionResults: extensions,
  authenticatorAttachment: attachment,
});

/** What `navigator.credentials.create()` answered, in WebAuthn's JSON form (`RegistrationResponseJSON`). */
export const PasskeyAttestationSchema = z.object({
  id: b64url,
  rawId: b64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    authenticatorData: z.optional(b64url),
    transports: z.optional(z.array(z.string().check(z.maxLength(32))).check(z.maxLength(10))),
    publicKeyAlgorithm: z.optional(z.number()),
    publicKey: z.optional(b64url),
  }),
  clientExtensionResults: extensions,
  authenticatorAttachment: attachment,
});

/** `POST /passkeys/sessions`: sign in with the assertion of a discoverable passkey. */
export const PasskeyLoginRequestSchema = z.object({ credential: PasskeyAssertionSchema });
export type PasskeyLoginRequest = z.infer<typeof PasskeyLoginRequestSchema>;

/** `POST /account/passkeys`: the new passkey's attestation, and a name for it (default: one from its kind). */
export const PasskeyCreateRequestSchema = z.object({
  credential: PasskeyAttestationSchema,
  name: z.optional(short),
});
export type PasskeyCreateRequest = z.infer<typeof PasskeyCreateRequestSchema>;

/** `PATCH /account/passkeys/{id}`. */
export const PasskeyRenameRequestSchema = z.object({ name: short });
export type PasskeyRenameRequest = z.infer<typeof PasskeyRenameRequestSchema>;

/** WebAuthn options for `navigator.credentials.create()` / `.get()`, in their JSON form. */
export const PasskeyOptionsSchema = z.object({
  options: z.record(z.string(), z.unknown()),
});
export type PasskeyOptions<T = Record<string, unknown>> = { options: T };

/** A passkey of the signed-in account, as listed in account security. */
export const PasskeySchema = z.object({
  /** The credential id (base64url). */
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** `null` until it first signs in. */
  lastUsedAt: z.nullable(z.string()),
  /** Synced by a passkey provider (iCloud Keychain, Google Password Manager…) rather than bound to one device. */
  backedUp: z.boolean(),
});
export type Passkey = z.infer<typeof PasskeySchema>;

export const PasskeyListSchema = z.object({ passkeys: z.array(PasskeySchema) });
export const PasskeyEnvelopeSchema = z.object({ passkey: PasskeySchema });

/** Longest passkey name kept (longer ones are cut). */
export const PASSKEY_NAME_MAX = 64;
