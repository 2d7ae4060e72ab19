/**
 * The fake backend's seeded data: the fixed code and password every story types, the seeded
 * phones, and the accounts each preset starts with.
 */
import type { Account, Idp, ProviderId } from '@cloud-login/core';

/** The one code every SMS, voice call and email carries. */
export const FAKE_CODE = '123456';
/** A code the fake treats as expired (`code_expired`). */
export const EXPIRED_CODE = '000000';
/** The password of every seeded account. */
export const FAKE_PASSWORD = 'Passw0rd!';

/** Seeded phones: shared by several accounts, owned by one, and unknown. */
export const PHONES = {
  shared: '+8613800138000',
  single: '+8613900139000',
  fresh: '+8613700137000',
  hongKong: '+85291234567',
  us: '+12015550123',
} as const;

export const FIXED_CREATED = '2024-03-01T08:00:00.000Z';
export const LEGACY_CREATED = '2018-05-01T08:00:00.000Z';
export const SESSION_EXPIRES = '2030-01-01T00:00:00.000Z';

export interface FakeAccount {
  id: string;
  accountName?: string;
  /** E.164. */
  phone?: string;
  email?: string;
  emailVerified: boolean;
  loginIdentifiers: Account['loginIdentifiers'];
  connections: Idp[];
  password?: string;
  kind: 'main' | 'sub';
  legacy: boolean;
  createdAt: string;
  /** The newest session's start, shown by the account chooser. */
  lastSignInAt?: string;
  industry?: string;
  parentId?: string;
  /** Two-step verification on: the unused recovery codes, the last app code used. */
  totp?: { recoveryCodes: string[]; spent?: string };
  /** The name was generated when a third-party login created the account (002): its owner may choose one. */
  accountNameGenerated?: boolean;
  /** The provider's name for the person, per bound identity (WeChat nickname, 002). */
  connectionNames?: { idp: Idp; nickname: string }[];
  /** The enable-service step's contact details (001), E.164 and as typed. */
  contactPhone?: string;
  contactEmail?: string;
}

/** The accounts each preset starts with. */
export function seedAccounts(provider: ProviderId): FakeAccount[] {
  const base = {
    emailVerified: false,
    connections: [] as Idp[],
    password: FAKE_PASSWORD,
    kind: 'main' as const,
    legacy: false,
    createdAt: FIXED_CREATED,
  };
  switch (provider) {
    case 'jdcloud':
      return [
        // First owner of the shared phone: the phone and the verified email log in.
        {
          ...base,
          id: 'acc-jd-dev',
          accountName: 'cloud-dev',
          phone: PHONES.shared,
          email: 'dev@example.com',
          emailVerified: true,
          loginIdentifiers: ['accountName', 'phone', 'email'],
          connections: ['wechat'],
        },
        // Second account on the same phone: only its name logs in; its email is unverified.
        {
          ...base,
          id: 'acc-jd-ops',
          accountName: 'cloud-ops',
          phone: PHONES.shared,
          email: 'ops@example.com',
          loginIdentifiers: ['accountName'],
        },
        // A JD account from before 2019-07-18 that was never upgraded: JD login only.
        {
          ...base,
          id: 'acc-jd-legacy',
          accountName: 'jd_legacy_user',
          phone: PHONES.single,
          loginIdentifiers: [],
          connections: ['jd'],
          password: undefined,
          legacy: true,
          createdAt: LEGACY_CREATED,
        },
        // Created through WeChat without a password: unbinding WeChat needs a password first (docs/flows.md#unbind-a-third-party-login).
        {
          ...base,
          id: 'acc-jd-wx',
          accountName: 'wx-only-user',
          loginIdentifiers: ['accountName'],
          connections: ['wechat'],
          password: undefined,
        },
      ];
    case 'jdcloud-classic':
      return [
        {
          ...base,
          id: 'acc-classic-dev',
          accountName: 'classic-dev',
          phone: PHONES.hongKong,
          contactPhone: PHONES.hongKong,
          contactEmail: 'ops@example.com',
          loginIdentifiers: ['accountName'],
        },
        {
          ...base,
          id: 'acc-classic-legacy',
          accountName: 'jd_legacy_user',
          loginIdentifiers: [],
          connections: ['jd'],
          password: undefined,
          legacy: true,
          createdAt: LEGACY_CREATED,
        },
      ];
    case 'qingcloud':
      return [
        // One phone, three accounts with the same password: the account chooser.
        {
          ...base,
          id: 'acc-qc-dev',
          phone: PHONES.shared,
          email: 'dev@example.com',
          emailVerified: true,
          loginIdentifiers: ['phone', 'email'],
          lastSignInAt: '2024-11-20T01:15:00.000Z',
        },
        {
          ...base,
          id: 'acc-qc-ops',
          phone: PHONES.shared,
          email: 'ops@example.com',
          emailVerified: true,
          loginIdentifiers: ['phone', 'email'],
        },
        {
          ...base,
          id: 'acc-qc-test',
          phone: PHONES.shared,
          email: 'test@example.com',
          emailVerified: true,
          loginIdentifiers: ['phone', 'email'],
          connections: ['wechat'],
        },
        // Two accounts with the phone and nothing else: the chooser tells them apart by id,
        // creation time and last sign-in.
        {
          ...base,
          id: 'acc-qc-7f3a',
          phone: PHONES.shared,
          loginIdentifiers: ['phone'],
          createdAt: '2024-12-04T02:05:00.000Z',
          lastSignInAt: '2024-12-18T09:40:00.000Z',
        },
        {
          ...base,
          id: 'acc-qc-c91e',
          phone: PHONES.shared,
          loginIdentifiers: ['phone'],
          createdAt: '2024-12-04T06:30:00.000Z',
        },
        {
          ...base,
          id: 'acc-qc-solo',
          phone: PHONES.single,
          email: 'solo@example.com',
          emailVerified: true,
          loginIdentifiers: ['phone', 'email'],
        },
        {
          ...base,
          id: 'acc-qc-sub',
          email: 'sub@example.com',
          emailVerified: true,
          loginIdentifiers: ['email'],
          kind: 'sub',
          parentId: 'acc-qc-dev',
        },
      ];
    case 'tencentcloud':
      return [
        {
          ...base,
          id: 'acc-tc-dev',
          email: 'dev@example.com',
          emailVerified: true,
          phone: PHONES.shared,
          loginIdentifiers: ['email'],
          industry: 'internet',
        },
        // The shared phone already has five accounts (004's limit).
        ...[2, 3, 4, 5].map((n) => ({
          ...base,
          id: `acc-tc-${n}`,
          email: `user${n}@example.com`,
          emailVerified: true,
          phone: PHONES.shared,
          loginIdentifiers: ['email' as const],
          connections: ['wechat' as Idp],
        })),
      ];
    case 'default':
      return [
        {
          ...base,
          id: 'acc-default-dev',
          email: 'dev@example.com',
          emailVerified: true,
          phone: PHONES.us,
          loginIdentifiers: ['email', 'phone'],
        },
        { ...base, id: 'acc-default-cn', phone: PHONES.single, loginIdentifiers: ['phone'] },
      ];
  }
}
