/** The records and clock the store conformance suite builds its cases from; store tests reuse them. */
import { hashSecret, newId } from '../../crypto.ts';
import type { AccountRecord, CodeRecord, EmailLinkRecord, QrRecord, Store, TicketRecord } from '../types.ts';

/** Opens a new, empty store on the clock given (default `T0`). */
export type OpenStore = (now?: () => number) => Promise<Store>;

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export function account(fields: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: newId(),
    provider: 'jdcloud',
    kind: 'main',
    phoneLoginable: true,
    emailVerified: false,
    emailLoginable: false,
    connections: [],
    legacy: false,
    status: 'active',
    createdAt: iso(T0),
    updatedAt: iso(T0),
    ...fields,
  };
}

export function code(fields: Partial<CodeRecord> = {}): CodeRecord {
  return {
    id: newId(),
    provider: 'jdcloud',
    phone: '+8613800138000',
    purpose: 'login',
    channel: 'sms',
    codeHash: hashSecret('123456'),
    address: '203.0.113.7',
    attempts: 0,
    createdAt: iso(T0),
    expiresAt: iso(T0 + 300_000),
    ...fields,
  };
}

export function ticket(token: string, fields: Partial<TicketRecord> = {}): TicketRecord {
  return {
    tokenHash: hashSecret(token),
    provider: 'qingcloud',
    kind: 'choose_account',
    data: { ids: ['a', 'b'] },
    createdAt: iso(T0),
    expiresAt: iso(T0 + 600_000),
    ...fields,
  };
}

export function link(token: string, fields: Partial<EmailLinkRecord> = {}): EmailLinkRecord {
  return {
    tokenHash: hashSecret(token),
    provider: 'jdcloud',
    accountId: 'acc',
    email: 'a@example.com',
    purpose: 'verify',
    createdAt: iso(T0),
    expiresAt: iso(T0 + 7_200_000),
    ...fields,
  };
}

export function qr(id: string, fields: Partial<QrRecord> = {}): QrRecord {
  return {
    id,
    provider: 'jdcloud',
    secretHash: hashSecret(`secret-${id}`),
    status: 'pending',
    info: { browser: 'Firefox on Linux', createdAt: iso(T0) },
    createdAt: iso(T0),
    expiresAt: iso(T0 + 120_000),
    ...fields,
  };
}

export const noLimits = { emailUnique: false, maxAccountsPerPhone: null };
