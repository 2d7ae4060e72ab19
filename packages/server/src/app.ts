/**
 * `createAuthServer(options)`: the reference backend as a Hono app. Every enabled preset is
 * mounted at `/api/{provider}` with one route module per resource; `/openapi.json` publishes the
 * contract; in dev mode the outbox and the legacy-account helper are mounted too.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import {
  IDPS,
  PROVIDER_IDS,
  resolvePreset,
  type Idp,
  type PresetOverrides,
  type ProviderId,
} from '@cloud-login/core';
import { createCodeHasher, createSealer } from './crypto.ts';
import { setHashQueueLimit } from './passwords.ts';
import { createLimiter, throttleOf, type Throttle } from './rate-limit.ts';
import { isDevChallenge, resolveChallenge, type Challenge } from './challenge.ts';
import { devChallengeRoutes } from './dev/challenge-route.ts';
import { createOutboxSenders } from './dev/outbox.ts';
import type { EmailSender, Senders, SmsSender, VoiceSender } from './senders/types.ts';
import type { Store } from './store/types.ts';
import type { AppEnv, OriginPolicy, ProviderContext, Throttles } from './context.ts';
import { createKeyedLock } from './flows/lock.ts';
import { createNotifier } from './flows/notify.ts';
import { normaliseOrigin } from './flows/origins.ts';
import { clientAddress } from './middleware/address.ts';
import { limitBody } from './middleware/body-limit.ts';
import { compressJson } from './middleware/compress.ts';
import { corsAllowlist } from './middleware/cors.ts';
import { devHostOnly } from './middleware/dev-host.ts';
import { ApiFailure, errorHandler, failureResponse, notFoundHandler } from './middleware/errors.ts';
import { apiHeaders } from './middleware/headers.ts';
import { requestLog } from './middleware/log.ts';
import { serveStaticFiles, type StaticFiles } from './middleware/static.ts';
import { recordMountPrefix } from './mount.ts';
import { buildOpenApi } from './openapi.ts';
import { identityProviders, type IdentityProvidersConfig, type IdpFetch } from './idp/index.ts';
import {
  simulatedApp,
  simulatedConfig,
  simulatedProviders,
  SIMULATOR_BASE,
  type SimulatedApp,
} from './dev/simulator/index.ts';
import { accountRoutes } from './routes/account.ts';
import { accountsRoutes } from './routes/accounts.ts';
import { codesRoutes } from './routes/codes.ts';
import { configRoutes } from './routes/config.ts';
import { connectionRoutes } from './routes/connections.ts';
import { continueRoutes } from './routes/continue.ts';
import { devRoutes } from './dev/routes.ts';
import { emailRoutes } from './routes/email.ts';
import { passwordResetRoutes } from './routes/password-resets.ts';
import { accountPasskeyRoutes, passkeySignInRoutes } from './routes/passkeys.ts';
import type { PasskeyOptions } from './flows/passkeys.ts';
import type { QrPayload } from './qr/qr.ts';
import type { QrStreamOptions } from './qr/stream.ts';
import { qrRoutes } from './routes/qr.ts';
import { sessionRoutes } from './routes/session.ts';
import { sessionsRoutes } from './routes/sessions.ts';

export interface LimitSpec {
  limit: number;
  windowMs: number;
}

export interface AuthServerOptions {
  /**
   * Presets to mount: a list of ids, or ids mapped to `true` / the site's overrides (agreement
   * links, a method switched off…). Default: all five.
   */
  providers?: readonly ProviderId[] | Partial<Record<ProviderId, boolean | PresetOverrides>>;
  /** Where accounts, sessions, codes, tickets and links live (`createLowdbStore({dir})`, or `createPostgresStore({url})` for several processes). */
  store: Store;
  /** SMS, voice and email senders. In dev mode a missing one is the dev outbox. */
  senders?: { sms?: SmsSender; voice?: VoiceSender; email?: EmailSender };
  /** Origins (`https://console.example.com`) allowed to call with credentials (CORS) and to make cookie-authenticated writes. */
  allowedOrigins?: readonly string[];
  /** Session cookie: `name` (default `cl_session`, suffixed `_{provider}`); `secure` (default: when `publicUrl` or the request is https). */
  cookie?: { secure?: boolean; name?: string };
  /** Session lifetime in seconds. Default 30 days. */
  sessionTtl?: number;
  /** Seconds a session may go unused before it ends. Default 7 days. */
  sessionIdleTimeout?: number;
  /** Sessions kept per account; signing in past it ends the oldest. Default 20. */
  maxSessionsPerAccount?: number;
  /**
   * Password hashes and verifies in flight (running or waiting for the thread pool) before
   * further ones get `503 server_busy`. Process-wide. Default 16 per core, at least 32.
   */
  hashQueue?: number;
  /** Mounts `/dev/outbox` and `/dev/legacy-accounts`, and makes the outbox the default sender. */
  devMode?: boolean;
  /** Addresses or CIDR ranges of reverse proxies whose `X-Forwarded-For` is believed. */
  trustedProxies?: readonly string[];
  /**
   * Key for the codes' HMAC (≥ 16 bytes; `loadOrCreateSecret(dir)` keeps one beside the data).
   * Default: random per process, so codes in flight die with a restart. TOTP secrets are sealed
   * with a key derived from it: without it, two-step verification is not offered.
   */
  secret?: string | Uint8Array;
  /** Clock; tests move time with it. Pass the same clock to the store. */
  now?: () => Date;
  /** This server's public base URL (`https://auth.example.com`): links in emails point here. Set it behind a proxy. */
  publicUrl?: string;
  /**
   * URL path → file or folder to serve, with its caching (the CLI serves the bundle and the demo).
   * Answers are negotiated: brotli, gzip or identity, ETags and 304s (README, "Compression and caching").
   */
  staticFiles?: StaticFiles;
  /**
   * JSON answers of at least `threshold` bytes (default 1024) are compressed with brotli or gzip
   * when the request accepts it; `false` leaves that to a reverse proxy.
   */
  compression?: false | { threshold?: number };
  /**
   * Asked for by `POST /codes` past its thresholds instead of refusing (`428
   * challenge_required`): `{ verify(token, {ip, purpose}), kind?, siteKey?, after? }`
   * (challenge.ts; `turnstileChallenge`, `createDevChallenge`). None: the daily caps refuse.
   */
  challenge?: Challenge;
  /** Abuse limits (defaults in the README). */
  limits?: Partial<Record<keyof Throttles, LimitSpec>>;
  /** Where unexpected errors are logged; default `console.error`. */
  logError?: (error: unknown) => void;
  /** One line per request (`METHOD path status ms`) goes here when set (the CLI logs to stdout). */
  logRequests?: (line: string) => void;
  /**
   * The apps registered with WeChat, the WeChat Official Account platform, QQ Connect and JD
   * (ids, secrets, optional endpoints), for all presets or per preset. In dev mode, a provider a
   * preset offers but this leaves out is served by the simulated one under `/idp/…`; outside dev
   * mode it is not offered (`method_disabled`).
   */
  identityProviders?:
    IdentityProvidersConfig | ((provider: ProviderId) => IdentityProvidersConfig | undefined);
  /**
   * What an app QR code (docs/flows.md#app-qr-login) encodes: a link or URL scheme that opens your mobile app on the
   * ticket. Default: the demo's mobile page on this server, `{publicUrl}/mobile/?provider=…&qr=<id>`.
   */
  qrPayload?: QrPayload;
  /**
   * The QR status pushed (`GET /qr/{id}/events`): `heartbeatMs` (default 15 s), the streams
   * one address may hold open, `perAddress` (default 20; past it the browser polls), and a
   * `signal` that ends them all (abort it before closing the HTTP server).
   */
  qrStream?: QrStreamOptions;
  /**
   * Passkeys (docs/flows.md#passkeys), for presets that list the `passkeys` method: `rpId`
   * (default: the host name of the page using them), `rpName` (default: the preset's English
   * name), `origins` (default: this server's, `publicUrl`'s and `allowedOrigins`).
   */
  passkeys?: PasskeyOptions;
}

export const DEFAULT_LIMITS: Record<keyof Throttles, LimitSpec> = {
  // ≤ 80 failures an hour per account: under NIST 800-63B's ceiling of 100, never permanent.
  loginPerAccount: { limit: 20, windowMs: 15 * 60_000 },
  loginPerAddress: { limit: 100, windowMs: 15 * 60_000 },
  // Three codes are valid at a time out of a million: 5 wrong ones an hour keeps a year of
  // guessing (after the password) near one chance in ten (flows/totp.ts).
  twoStepPerAccount: { limit: 5, windowMs: 3600_000 },
  // An address that failed this often for an account under attack is one of the attack's; a
  // few tries leave room for the owner's typos (flows/login-code.ts).
  loginPerAccountAddress: { limit: 3, windowMs: 15 * 60_000 },
  emailCooldown: { limit: 1, windowMs: 60_000 },
  emailDaily: { limit: 10, windowMs: 24 * 3600_000 },
  // Bounds the hashing and the activation emails one address can cause; raise it when many
  // people register from behind one NAT.
  registerPerAddress: { limit: 20, windowMs: 3600_000 },
  // A person signs in a few times a day per device; 30 an hour bounds the sessions and hashes
  // someone holding the password can cause.
  signInsPerAccount: { limit: 30, windowMs: 3600_000 },
  // Password changes, sub-accounts and security emails (each a hash, a record or an email, and
  // each an answer that tells whether an email is taken): 20 an hour per account.
  accountChanges: { limit: 20, windowMs: 3600_000 },
};

export const DEFAULT_SESSION_TTL = 30 * 24 * 3600;
/**
 * A week unused ends a session: a stolen token stops working once its owner has moved on, while
 * someone who uses the console weekly stays signed in for the full 30 days (ASVS 7.3.1 leaves
 * the length to risk; "remember me"-style sessions commonly idle out in days, not hours).
 */
export const DEFAULT_SESSION_IDLE_TIMEOUT = 7 * 24 * 3600;
export const DEFAULT_MAX_SESSIONS_PER_ACCOUNT = 20;

/** Largest JSON body accepted; the contract's largest field is 2 KB. */
const MAX_BODY = 64 * 1024;

function enabledPresets(
  option: AuthServerOptions['providers'],
): { id: ProviderId; overrides?: PresetOverrides }[] {
  if (option === undefined) return PROVIDER_IDS.map((id) => ({ id }));
  if (Array.isArray(option)) return (option as readonly ProviderId[]).map((id) => ({ id }));
  return Object.entries(option as Record<ProviderId, boolean | PresetOverrides>)
    .filter(([, value]) => value !== false)
    .map(([id, value]) => ({ id: id as ProviderId, ...(typeof value === 'object' && { overrides: value }) }));
}

/** A sender that refuses: outside dev mode nothing is silently dropped. */
function missingSender(channel: string) {
  return {
    async send(): Promise<void> {
      throw new Error(
        `cloud-login: no ${channel} sender configured (pass senders.${channel} to createAuthServer)`,
      );
    },
  };
}

export function createAuthServer(options: AuthServerOptions) {
  const now = options.now ?? (() => new Date());
  const devMode = options.devMode ?? false;
  const outbox = devMode ? createOutboxSenders(options.store) : undefined;
  const senders: Senders = {
    sms: options.senders?.sms ?? outbox?.sms ?? missingSender('sms'),
    voice: options.senders?.voice ?? outbox?.voice ?? missingSender('voice'),
    email: options.senders?.email ?? outbox?.email ?? missingSender('email'),
  };
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const allowed = new Set<string>();
  for (const origin of options.allowedOrigins ?? []) {
    const normalised = normaliseOrigin(origin);
    if (!normalised)
      throw new Error(`createAuthServer: "${origin}" in allowedOrigins is not an http(s) origin`);
    allowed.add(normalised);
  }
  const own = publicUrl ? normaliseOrigin(publicUrl) : undefined;
  const origins: OriginPolicy = { allowed, ...(own && { own }) };

  if (isDevChallenge(options.challenge) && !devMode)
    throw new Error('createAuthServer: the simulated slider challenge is for dev mode only');
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const clock = () => now().getTime();
  // In the store when it shares counters between processes (PostgreSQL), else in this process.
  const hits = options.store.hits;
  const throttle = (name: string, { limit, windowMs }: LimitSpec): Throttle => {
    if (!hits) return throttleOf(createLimiter({ limit, windowMs, now: clock }));
    const key = (k: string) => `${name} ${k}`;
    return {
      hit: (k) => hits.hit(key(k), limit, windowMs, clock()),
      peek: (k) => hits.peek(key(k), limit, windowMs, clock()),
      release: (k) => hits.release(key(k)),
      reset: (k) => hits.reset(key(k)),
      shared: { hits, key, limit, windowMs, now: clock },
    };
  };
  const throttles: Throttles = {
    loginPerAccount: throttle('loginPerAccount', limits.loginPerAccount),
    twoStepPerAccount: throttle('twoStepPerAccount', limits.twoStepPerAccount),
    loginPerAddress: throttle('loginPerAddress', limits.loginPerAddress),
    loginPerAccountAddress: throttle('loginPerAccountAddress', limits.loginPerAccountAddress),
    emailCooldown: throttle('emailCooldown', limits.emailCooldown),
    emailDaily: throttle('emailDaily', limits.emailDaily),
    registerPerAddress: throttle('registerPerAddress', limits.registerPerAddress),
    signInsPerAccount: throttle('signInsPerAccount', limits.signInsPerAccount),
    accountChanges: throttle('accountChanges', limits.accountChanges),
  };

  if (options.hashQueue !== undefined) setHashQueueLimit(options.hashQueue);
  const shared = {
    store: options.store,
    now,
    hashCode: createCodeHasher(options.secret ?? randomBytes(32)),
    // A TOTP secret must outlive the process: only a configured secret can seal it.
    ...(options.secret !== undefined && { sealer: createSealer(options.secret) }),
    notifier: createNotifier(senders),
    devMode,
    cookie: {
      name: options.cookie?.name ?? 'cl_session',
      ...(options.cookie?.secure !== undefined && { secure: options.cookie.secure }),
    },
    sessionTtl: options.sessionTtl ?? DEFAULT_SESSION_TTL,
    sessionIdleTimeout: options.sessionIdleTimeout ?? DEFAULT_SESSION_IDLE_TIMEOUT,
    maxSessionsPerAccount: options.maxSessionsPerAccount ?? DEFAULT_MAX_SESSIONS_PER_ACCOUNT,
    origins,
    ...(publicUrl && { publicUrl }),
    locks: options.store.locks ?? createKeyedLock(),
    throttles,
    throttle,
    ...(options.challenge && { challenge: resolveChallenge(options.challenge) }),
  };

  const presets = enabledPresets(options.providers);
  const app = new Hono<AppEnv>();
  // Endpoints given as paths (the simulated providers) are served by this app, in-process.
  const idpFetch: IdpFetch = (url, init) =>
    url.startsWith('/')
      ? Promise.resolve(app.fetch(new Request(new URL(url, 'http://cloud-login.internal'), init)))
      : fetch(url, init);
  const simulated: SimulatedApp[] = [];
  app.onError(
    errorHandler({
      ...(options.logError && { log: (error) => options.logError!(error) }),
      ...(options.store.unavailable && { unavailable: (error) => options.store.unavailable!(error) }),
    }),
  );
  app.notFound(notFoundHandler);
  app.use('*', recordMountPrefix());
  if (options.compression !== false) app.use('*', compressJson(options.compression ?? {}));
  if (options.logRequests) app.use('*', requestLog({ write: options.logRequests }));
  // Before anything answers: dev mode's outbox must not be reachable through DNS rebinding.
  if (devMode) app.use('*', devHostOnly({ ...(publicUrl && { publicUrl }) }));
  app.use('*', clientAddress({ trustedProxies: options.trustedProxies ?? [] }));
  // Each of these sets its headers before the route runs (see the modules for why), and first
  // the security headers, so CORS preflights carry them too.
  app.use('/api/*', apiHeaders());
  app.use('/api/*', corsAllowlist({ origins }));
  app.use(
    '/api/*',
    limitBody({
      maxSize: MAX_BODY,
      onError: (c) =>
        failureResponse(
          c,
          new ApiFailure('validation_failed', 'The request body is too large.', {
            issues: [
              { path: '', code: 'body_too_large', message: `Bodies are limited to ${MAX_BODY} bytes.` },
            ],
          }),
        ),
    }),
  );

  const openapi = buildOpenApi({
    providers: presets.map((p) => p.id),
    devMode,
    ...(publicUrl && { serverUrl: publicUrl }),
  });
  app.get('/openapi.json', (c) => c.json(openapi));

  for (const { id, overrides } of presets) {
    const resolved = resolvePreset(id, overrides);
    const configured =
      (typeof options.identityProviders === 'function'
        ? options.identityProviders(id)
        : options.identityProviders) ?? {};
    const missing = resolved.methods.login.filter(
      (method): method is Idp => (IDPS as readonly string[]).includes(method) && !configured[method as Idp],
    );
    const apps = devMode ? missing.map((idp) => simulatedApp(id, idp)) : [];
    simulated.push(...apps);
    const idps = identityProviders({ ...simulatedConfig(apps), ...configured }, idpFetch, clock);
    // An identity provider nobody configured is not offered (not in /config, not as a button).
    const offered = (method: string) =>
      !(IDPS as readonly string[]).includes(method) || idps[method as Idp] !== undefined;
    const preset = {
      ...resolved,
      methods: {
        login: resolved.methods.login.filter(offered),
        register: resolved.methods.register.filter(offered),
        // TOTP secrets are sealed with the configured secret; without one, none can be kept.
        twoStep: options.secret === undefined ? [] : (resolved.methods.twoStep ?? []),
      },
    };
    const ctx: ProviderContext = { ...shared, provider: id, preset };
    const api = new Hono<AppEnv>()
      .route('/config', configRoutes(ctx))
      .route('/codes', codesRoutes(ctx))
      .route('/accounts', accountsRoutes(ctx))
      .route('/sessions/passkey', passkeySignInRoutes(ctx, options.passkeys ?? {}))
      .route('/sessions', sessionsRoutes(ctx))
      .route('/continue', continueRoutes(ctx))
      .route('/password-resets', passwordResetRoutes(ctx))
      .route('/session', sessionRoutes(ctx))
      // Before `/account`, whose session middleware would otherwise run for these too.
      .route('/account/passkeys', accountPasskeyRoutes(ctx, options.passkeys ?? {}))
      .route('/account', accountRoutes(ctx))
      .route('/email', emailRoutes(ctx))
      .route(
        '/qr',
        qrRoutes(ctx, {
          ...(options.qrPayload && { payload: options.qrPayload }),
          ...(options.qrStream && { stream: options.qrStream }),
        }),
      )
      .route('/connections', connectionRoutes(ctx, idps));
    if (devMode) api.route('/dev', devRoutes(ctx));
    if (devMode)
      api.route(
        '/dev/challenge',
        devChallengeRoutes(isDevChallenge(options.challenge) ? options.challenge : undefined),
      );
    app.route(`/api/${id}`, api);
  }

  if (simulated.length > 0) {
    app.route(
      SIMULATOR_BASE,
      simulatedProviders({
        store: options.store,
        now,
        apps: simulated,
        ...(publicUrl && { publicUrl }),
        deliver: async (request) => app.fetch(request),
      }),
    );
  }

  // Last, so files never shadow the API and the API never pays for a file lookup.
  if (options.staticFiles) app.use('*', serveStaticFiles(options.staticFiles));
  // Mounted in a site's app (`app.route('/auth', …)`), the site's notFound handler answers
  // unmatched paths, not this app's: this route keeps the JSON error shape under the mount.
  app.all('*', notFoundHandler);
  return app;
}

export type AuthServer = ReturnType<typeof createAuthServer>;
