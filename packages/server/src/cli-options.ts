/**
 * The CLI's settings: each one a command-line option and an environment variable (the option
 * wins), listed by `--help`. Parsing only; cli.ts acts on them.
 */
import { parseArgs } from 'node:util';

interface Setting {
  /** Long option name, also the key in the result. */
  option: string;
  env: string;
  /** Placeholder of the value in `--help`; none for a switch. */
  value?: string;
  fallback: string;
  help: string;
}

/** Seconds `/cloud-login.js` is kept before revalidation, outside dev mode. */
export const DEFAULT_ENTRY_MAX_AGE = 300;

const SETTINGS = [
  {
    option: 'port',
    env: 'PORT',
    value: 'N',
    fallback: '8787',
    help: '0 picks a free port (the printed URL shows it)',
  },
  {
    option: 'host',
    env: 'HOST',
    value: 'ADDRESS',
    fallback: '127.0.0.1',
    help: 'address to listen on (0.0.0.0 or :: for every interface)',
  },
  {
    option: 'data-dir',
    env: 'DATA_DIR',
    value: 'DIR',
    fallback: './data',
    help: 'holds cloud-login.json (accounts, sessions…) and cloud-login.secret',
  },
  {
    option: 'database-url',
    env: 'DATABASE_URL',
    value: 'URL',
    fallback: '— (lowdb in DATA_DIR)',
    help: 'postgres://user:password@host:5432/db: keep everything in PostgreSQL, so several processes serve as one (docs/deployment.md)',
  },
  {
    option: 'database-pool',
    env: 'DATABASE_POOL',
    value: 'N',
    fallback: '4',
    help: 'connections each process keeps for its queries (half as many more for flow locks, one for LISTEN)',
  },
  {
    option: 'secret',
    env: 'SECRET',
    value: 'KEY',
    fallback: 'DATA_DIR/cloud-login.secret',
    help: "key of the codes' HMAC (32 random bytes, base64url); every process of one deployment needs the same",
  },
  {
    option: 'allowed-origins',
    env: 'ALLOWED_ORIGINS',
    value: 'LIST',
    fallback: '—',
    help: 'comma-separated origins allowed to embed the elements (CORS + cookie writes)',
  },
  {
    option: 'passkey-rp-id',
    env: 'PASSKEY_RP_ID',
    value: 'DOMAIN',
    fallback: "the page's host name",
    help: 'relying party id of passkeys (example.com: the domain the console pages are on)',
  },
  {
    option: 'passkey-rp-name',
    env: 'PASSKEY_RP_NAME',
    value: 'NAME',
    fallback: "the preset's name",
    help: 'the name authenticators show beside a passkey',
  },
  {
    option: 'public-url',
    env: 'PUBLIC_URL',
    value: 'URL',
    fallback: 'http://HOST:PORT',
    help: 'base of links in emails and of OAuth callbacks; set it behind a proxy',
  },
  {
    option: 'smtp-url',
    env: 'SMTP_URL',
    value: 'URL',
    fallback: '—',
    help: 'send email over SMTP (smtp://user:pass@host:587); without it, email works in dev mode only',
  },
  {
    option: 'smtp-from',
    env: 'SMTP_FROM',
    value: 'ADDRESS',
    fallback: 'cloud-login <no-reply@localhost>',
    help: 'sender of those emails',
  },
  {
    option: 'trusted-proxies',
    env: 'TRUSTED_PROXIES',
    value: 'LIST',
    fallback: '—',
    help: 'comma-separated addresses / CIDR ranges whose X-Forwarded-For is believed',
  },
  {
    option: 'register-per-address',
    env: 'REGISTER_PER_ADDRESS',
    value: 'N',
    fallback: '20 (200 in dev mode)',
    help: 'registrations an hour per client address',
  },
  {
    option: 'headers-timeout',
    env: 'HEADERS_TIMEOUT',
    value: 'S',
    fallback: '10',
    help: 'seconds a client has to send its request headers',
  },
  {
    option: 'request-timeout',
    env: 'REQUEST_TIMEOUT',
    value: 'S',
    fallback: '30',
    help: 'seconds a client has to send its whole request',
  },
  {
    option: 'max-connections',
    env: 'MAX_CONNECTIONS',
    value: 'N',
    fallback: '1000',
    help: 'open connections at once; more are closed as they arrive',
  },
  {
    option: 'hash-queue',
    env: 'HASH_QUEUE',
    value: 'N',
    fallback: '16 per core, at least 32',
    help: 'password hashes in flight before 503 server_busy',
  },
  {
    option: 'sign-ins-per-account',
    env: 'SIGN_INS_PER_ACCOUNT',
    value: 'N',
    fallback: '30',
    help: 'successful sign-ins an hour per account',
  },
  {
    option: 'max-sessions-per-account',
    env: 'MAX_SESSIONS_PER_ACCOUNT',
    value: 'N',
    fallback: '20',
    help: 'sessions kept per account (a new sign-in ends the oldest)',
  },
  {
    option: 'session-idle-timeout',
    env: 'SESSION_IDLE_TIMEOUT',
    value: 'S',
    fallback: '604800 (7 days)',
    help: 'seconds a session may go unused',
  },
  {
    option: 'entry-max-age',
    env: 'ENTRY_MAX_AGE',
    value: 'S',
    fallback: `${DEFAULT_ENTRY_MAX_AGE} (0 in dev mode)`,
    help: 'seconds browsers may use /cloud-login.js before revalidating it (0: always revalidate, with its ETag); its chunks are kept a year, their names carry a content hash',
  },
  {
    option: 'compress-min',
    env: 'COMPRESS_MIN',
    value: 'BYTES',
    fallback: '1024',
    help: 'smallest JSON answer sent compressed (brotli or gzip); 0 leaves compression to a proxy. The bundle and the demo are always negotiated',
  },
  {
    option: 'challenge',
    env: 'CHALLENGE',
    value: 'KIND',
    fallback: 'off',
    help: 'ask POST /codes for a challenge past the thresholds below instead of refusing: slider (dev mode, simulated) or turnstile',
  },
  {
    option: 'challenge-after-phone',
    env: 'CHALLENGE_AFTER_PHONE',
    value: 'N',
    fallback: '3',
    help: 'codes a day to one phone (from anywhere) before the next needs the challenge',
  },
  {
    option: 'challenge-after-address',
    env: 'CHALLENGE_AFTER_ADDRESS',
    value: 'N',
    fallback: '10',
    help: 'codes a day from one client address before the next needs the challenge',
  },
  {
    option: 'turnstile-site-key',
    env: 'TURNSTILE_SITE_KEY',
    value: 'KEY',
    fallback: '—',
    help: 'Cloudflare Turnstile site key (CHALLENGE=turnstile)',
  },
  {
    option: 'turnstile-secret',
    env: 'TURNSTILE_SECRET',
    value: 'SECRET',
    fallback: '—',
    help: 'Cloudflare Turnstile secret key (CHALLENGE=turnstile)',
  },
  {
    option: 'demo',
    env: 'DEMO_DIR',
    value: 'DIR',
    fallback: '—',
    help: "a folder to serve at / (the repository's demo page)",
  },
  {
    option: 'dev',
    env: 'DEV_MODE',
    fallback: 'off',
    help: 'dev mode (DEV_MODE=1): codes and emails go to the dev outbox (GET /api/{provider}/dev/outbox) instead of being sent, simulated WeChat / QQ / JD sign-in pages under /idp/. Never in production.',
  },
] as const satisfies readonly Setting[];

type Name = (typeof SETTINGS)[number]['option'];

export interface CliSettings {
  /** Each valued setting as given (option, else environment), undefined when neither is set. */
  values: Partial<Record<Exclude<Name, 'dev'>, string>>;
  dev: boolean;
  help: boolean;
  /** `--migrate-only`: apply the PostgreSQL migrations and exit. */
  migrateOnly: boolean;
}

/**
 * The settings as environment variables (option values win), for readers that take an env
 * record (http-limits.ts, cli-limits.ts).
 */
export function settingsEnv(settings: CliSettings): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const s of SETTINGS) if ('value' in s) env[s.env] = settings.values[s.option as Exclude<Name, 'dev'>];
  return env;
}

export function usage(): string {
  const rows = SETTINGS.map((s) => {
    const flag = `--${s.option}${'value' in s ? ` ${s.value}` : ''}`;
    return `  ${flag.padEnd(30)} ${s.env.padEnd(21)} ${s.help} [default: ${s.fallback}]`;
  });
  return [
    'Usage: cloud-login-server [options]',
    '',
    'The cloud-login reference server: the HTTP contract for every preset at /api/{provider}/…,',
    "its OpenAPI document at /openapi.json and the elements' CDN bundle at /cloud-login.js.",
    'Runs in production mode unless given --dev. Each option can be given as an environment',
    'variable instead (the option wins).',
    '',
    `  ${'option'.padEnd(30)} ${'environment'.padEnd(21)}`,
    ...rows,
    `  ${'--migrate-only'.padEnd(30)} ${''.padEnd(21)} apply the PostgreSQL migrations (DATABASE_URL) and exit`,
    `  ${'--help, -h'.padEnd(30)} ${''.padEnd(21)} this text`,
    '',
    'cloud-login-server import --from DIR   copies a lowdb data folder into DATABASE_URL.',
    '',
    'SIGTERM / SIGINT stop it cleanly: requests in flight finish, the store is written, exit 0.',
  ].join('\n');
}

/** Parses `argv` (after the script) and `env`; throws a one-line message for a bad option. */
export function parseCliSettings(argv: readonly string[], env: NodeJS.ProcessEnv): CliSettings {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    'migrate-only': { type: 'boolean' },
  };
  for (const s of SETTINGS) options[s.option] = { type: 'value' in s ? 'string' : 'boolean' };
  const { values: given } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  const values: CliSettings['values'] = {};
  for (const s of SETTINGS) {
    if (!('value' in s)) continue;
    const value = (given[s.option] as string | undefined) ?? env[s.env];
    if (value !== undefined && value !== '') values[s.option] = value;
  }
  const devEnv = env.DEV_MODE;
  if (devEnv !== undefined && !['', '0', '1', 'true', 'false'].includes(devEnv)) {
    throw new Error(`DEV_MODE must be 1 or 0, not "${devEnv}"`);
  }
  return {
    values,
    dev: given.dev === true || devEnv === '1' || devEnv === 'true',
    help: given.help === true,
    migrateOnly: given['migrate-only'] === true,
  };
}
