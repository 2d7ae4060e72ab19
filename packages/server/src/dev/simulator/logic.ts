/**
 * What the simulated identity providers keep and check: their users (dev/store.ts), the codes
 * and tokens they issue (grants in the store), and the demo's legacy JD Cloud accounts, which
 * sign in at the simulated JD.
 */
import { randomBytes } from 'node:crypto';
import { PRESETS, type Idp } from '@cloud-login/core';
import { parsePhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import { normalizeEmail } from '@cloud-login/core/rules';
import { hashSecret, newId, safeEqual } from '../../crypto.ts';
import { verifyPassword } from '../../passwords.ts';
import type { AccountRecord } from '../../store/types.ts';
import { devStoreOf, type IdpUserRecord } from '../store.ts';
import { CODE_TTL_MS, digest, TOKEN_TTL_S, type SimulatedApp, type SimulatorOptions } from './apps.ts';

export interface CodeGrant {
  clientId: string;
  userId: string;
  redirectUri: string;
}

export interface TokenGrant {
  clientId: string;
  userId?: string;
}

export interface QrGrant {
  clientId: string;
  scene: string;
}

/** Which pool of users an identity provider draws from: the Official Account's are WeChat's. */
const userPool = (idp: Idp): Idp => (idp === 'wechat-mp' ? 'wechat' : idp);

export const loginKeyOf = (name: string) => name.normalize('NFKC').trim().toLowerCase();

export type SimulatorLogic = ReturnType<typeof simulatorLogic>;

export function simulatorLogic(options: SimulatorOptions) {
  const { store } = options;
  const users = devStoreOf(store).idpUsers;
  const apps = new Map(options.apps.map((app) => [`${app.idp}:${app.clientId}`, app]));
  const findApp = (idp: Idp, clientId: string | undefined) =>
    clientId ? apps.get(`${idp}:${clientId}`) : undefined;
  const iso = (offsetMs = 0) => new Date(options.now().getTime() + offsetMs).toISOString();

  /** The simulated provider's user with this login name, created on first use. */
  async function userNamed(
    idp: Idp,
    name: string,
    extra: Partial<IdpUserRecord> = {},
  ): Promise<IdpUserRecord> {
    const pool = userPool(idp);
    const loginKey = extra.loginKey ?? loginKeyOf(name);
    const existing = await users.find(pool, loginKey);
    if (existing) return existing;
    const user: IdpUserRecord = {
      id: newId(),
      idp: pool,
      loginKey,
      displayName: name.trim().slice(0, 40) || 'user',
      unionid:
        pool === 'qq'
          ? `UID_${randomBytes(16).toString('hex').toUpperCase()}`
          : pool === 'jd'
            ? `o*AAS${randomBytes(18).toString('base64url')}`
            : `o${randomBytes(20).toString('base64url')}`,
      createdAt: iso(),
      ...extra,
    };
    const created = await users.create(user);
    return created.ok ? user : created.existing;
  }

  /** Per-application id, stable for one user and one app, different across apps (as at WeChat and QQ). */
  function openidFor(app: SimulatedApp, user: IdpUserRecord): string {
    const hash = digest(`${app.clientId}:${user.id}`);
    if (app.idp === 'qq') return hash.subarray(0, 16).toString('hex').toUpperCase();
    if (app.idp === 'jd') return hash.subarray(0, 16).toString('base64url');
    return `o${hash.subarray(0, 20).toString('base64url')}`;
  }

  async function issueCode(app: SimulatedApp, user: IdpUserRecord, redirectUri: string): Promise<string> {
    const code = randomBytes(24).toString('base64url');
    await store.grants.put({
      kind: `idp:${app.idp}:code`,
      key: hashSecret(code),
      data: { clientId: app.clientId, userId: user.id, redirectUri } satisfies CodeGrant,
      createdAt: iso(),
      expiresAt: iso(CODE_TTL_MS),
    });
    return code;
  }

  /** Consumes the code: it must exist, be live, and belong to this app. */
  async function takeCode(app: SimulatedApp, code: string | undefined): Promise<CodeGrant | undefined> {
    if (!code) return undefined;
    const grant = await store.grants.consume<CodeGrant>(`idp:${app.idp}:code`, hashSecret(code), iso());
    return grant && grant.data.clientId === app.clientId ? grant.data : undefined;
  }

  async function issueToken(app: SimulatedApp, userId?: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await store.grants.put({
      kind: `idp:${app.idp}:token`,
      key: hashSecret(token),
      data: { clientId: app.clientId, ...(userId !== undefined && { userId }) } satisfies TokenGrant,
      createdAt: iso(),
      expiresAt: iso(TOKEN_TTL_S * 1000),
    });
    return token;
  }

  async function readToken(
    idp: Idp,
    token: string | undefined,
  ): Promise<{ app: SimulatedApp; grant: TokenGrant } | undefined> {
    if (!token) return undefined;
    const grant = await store.grants.get<TokenGrant>(`idp:${idp}:token`, hashSecret(token), iso());
    const app = grant && findApp(idp, grant.data.clientId);
    return app && grant ? { app, grant: grant.data } : undefined;
  }

  /** The user an access token was issued to (a user-info or `/me` request), with its app. */
  async function tokenUser(
    idp: Idp,
    token: string | undefined,
  ): Promise<{ app: SimulatedApp; user: IdpUserRecord } | undefined> {
    const found = await readToken(idp, token);
    const user = found?.grant.userId ? await users.get(found.grant.userId) : undefined;
    return found && user ? { app: found.app, user } : undefined;
  }

  const secretOk = (app: SimulatedApp, secret: string | undefined) =>
    secret !== undefined && safeEqual(app.clientSecret, secret);

  const appName = (app: SimulatedApp) => {
    const name = PRESETS[app.provider].name;
    return `${name['zh-CN']} (${name.en})`;
  };

  /** The JD legacy account (phone or email + password) this sign-in names, if any. */
  async function legacyAccount(
    app: SimulatedApp,
    identifier: string,
    password: string,
  ): Promise<AccountRecord | undefined> {
    const preset = PRESETS[app.provider];
    if (!preset.legacyCutoff) return undefined;
    let holders: AccountRecord[] = [];
    if (identifier.includes('@'))
      holders = await store.accounts.findByEmail(app.provider, normalizeEmail(identifier));
    else {
      const phone = parsePhone(identifier, preset.phone, phoneMetadata);
      if (phone.ok) holders = await store.accounts.findByPhone(app.provider, phone.e164);
    }
    for (const account of holders) {
      if (account.legacy && account.passwordHash && (await verifyPassword(account.passwordHash, password)))
        return account;
    }
    return undefined;
  }

  /**
   * The JD identity of a legacy account: one simulated JD user per account, and the account bound
   * to it (a legacy JD Cloud account always was that JD account; the dev helper that creates
   * legacy accounts does not know the simulator, so the binding is made here, once).
   */
  async function legacyJdUser(app: SimulatedApp, account: AccountRecord): Promise<IdpUserRecord> {
    const user = await userNamed('jd', account.phone ?? account.email ?? account.id, {
      loginKey: `legacy:${account.id}`,
      ...(account.phone !== undefined && { phone: account.phone }),
    });
    if (!account.connections.some((connection) => connection.idp === 'jd')) {
      await store.accounts.update(account.id, (record) =>
        record.connections.some((connection) => connection.idp === 'jd')
          ? record
          : {
              ...record,
              connections: [...record.connections, { idp: 'jd', subject: user.unionid, boundAt: iso() }],
            },
      );
    }
    return user;
  }

  return {
    findApp,
    iso,
    userNamed,
    openidFor,
    issueCode,
    takeCode,
    issueToken,
    readToken,
    tokenUser,
    secretOk,
    appName,
    legacyAccount,
    legacyJdUser,
  };
}
