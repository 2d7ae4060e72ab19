/**
 * The account as clients see it (`Account` in packages/server/README.md), computed in one place from the stored record
 * and the preset, plus the masks used wherever an account is named to someone who has not proven
 * they own it (the account chooser).
 */
import {
  IDPS,
  maskEmail,
  maskName,
  type Account,
  type ChooserAccount,
  type Idp,
  type Preset,
} from '@cloud-login/core';
import type { ProviderContext } from '../context.ts';
import { maskPhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import type { AccountRecord, Frozen } from '../store/types.ts';

/**
 * Which identifiers password login accepts for this account right now. A phone or email is
 * listed only when the preset takes that kind and the account is its login owner (JD: the first
 * account that had it). `emailLoginable` is set where the email becomes one: at registration
 * when the email is the account's identifier (`default`), at activation (Tencent), at
 * verification of a security email (JD, docs/flows.md#security-email), at creation of a
 * sub-account (its main account vouches for it, docs/flows.md#sub-account-login). Legacy JD accounts log in through JD login only (docs/flows.md#legacy-jd-accounts).
 */
export function loginIdentifiersOf(
  record: Frozen<AccountRecord>,
  preset: Preset,
): Account['loginIdentifiers'] {
  if (record.legacy || record.status !== 'active') return [];
  const kinds = preset.passwordLogin.identifiers;
  const out: Account['loginIdentifiers'] = [];
  if (record.accountName && kinds.includes('accountName')) out.push('accountName');
  if (record.phone && record.phoneLoginable && kinds.includes('phone')) out.push('phone');
  if (record.email && record.emailLoginable && kinds.includes('email')) out.push('email');
  return out;
}

/** The public view of an account: the phone masked, no hashes, no internal fields. */
export function toPublicAccount(record: Frozen<AccountRecord>, preset: Preset): Account {
  const connections = [...new Set(record.connections.map((connection) => connection.idp))].filter(
    (idp): idp is Idp => (IDPS as readonly string[]).includes(idp),
  );
  const names = record.connections.flatMap((connection) =>
    connection.nickname !== undefined && connections.includes(connection.idp)
      ? [{ idp: connection.idp, nickname: connection.nickname }]
      : [],
  );
  return {
    id: record.id,
    provider: record.provider,
    ...(record.accountName !== undefined && { accountName: record.accountName }),
    ...(record.phone !== undefined && { phone: maskPhone(record.phone, phoneMetadata) }),
    ...(record.email !== undefined && { email: record.email }),
    emailVerified: record.emailVerified,
    loginIdentifiers: loginIdentifiersOf(record, preset),
    connections,
    ...(names.length > 0 && { connectionNames: names }),
    ...(record.accountNameGenerated && { accountNameGenerated: true }),
    hasPassword: record.passwordHash !== undefined,
    kind: record.kind,
    legacy: record.legacy,
    createdAt: record.createdAt,
    ...(record.industry !== undefined && { industry: record.industry }),
    ...(record.contactPhone !== undefined && { contactPhone: maskPhone(record.contactPhone, phoneMetadata) }),
    ...(record.contactEmail !== undefined && { contactEmail: record.contactEmail }),
    ...(record.parentId !== undefined && { parentId: record.parentId }),
    ...(((preset.methods.twoStep ?? []).includes('totp') || record.totp) && {
      twoStep: {
        totp: record.totp !== undefined,
        ...(record.totp && { recoveryCodesLeft: record.totp.recoveryCodes.length }),
      },
    }),
  };
}

/**
 * One entry of a chooser (`ChooseAccount` in packages/server/README.md): masked names only, and
 * what tells apart accounts that share a phone and have nothing else (QingCloud) — the creation
 * time and the newest live session's start.
 */
export async function chooserEntry(
  ctx: ProviderContext,
  record: Frozen<AccountRecord> | AccountRecord,
): Promise<ChooserAccount> {
  const phone = record.phone ? maskPhone(record.phone, phoneMetadata) : undefined;
  const email = record.email ? maskEmail(record.email) : undefined;
  const label = record.accountName ? maskName(record.accountName) : (email ?? phone ?? record.id.slice(0, 8));
  const detail = record.accountName ? (email ?? phone) : email ? phone : undefined;
  const sessions = await ctx.store.sessions.listOf(record.id);
  const lastSignInAt = sessions.reduce<string | undefined>(
    (newest, s) => (newest && newest > s.createdAt ? newest : s.createdAt),
    undefined,
  );
  return {
    id: record.id,
    label,
    ...(detail !== undefined && { detail }),
    createdAt: record.createdAt,
    ...(lastSignInAt !== undefined && { lastSignInAt }),
  };
}

/**
 * How a notice names the account: the masked account name, else the masked email, else the
 * masked phone with the creation date (QingCloud accounts sharing one phone may have nothing else).
 */
export function accountLabel(record: Frozen<AccountRecord> | AccountRecord): string {
  if (record.accountName) return maskName(record.accountName);
  if (record.email) return maskEmail(record.email);
  const phone = record.phone ? maskPhone(record.phone, phoneMetadata) : record.id.slice(0, 8);
  return `${phone} (${record.createdAt.slice(0, 10)})`;
}

/**
 * Fields the preset asks for after activation (Tencent's industry) that the account still
 * lacks; sign-in answers `NeedsProfile` until they are given.
 */
export function missingProfileFields(record: Frozen<AccountRecord>, preset: Preset): 'industry'[] {
  const wanted = new Set<string>();
  for (const flow of Object.values(preset.registration)) {
    for (const step of flow.afterActivation) for (const field of step.fields) wanted.add(field);
  }
  return wanted.has('industry') && record.industry === undefined && record.kind === 'main'
    ? ['industry']
    : [];
}
