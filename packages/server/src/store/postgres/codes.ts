/**
 * Verification codes in PostgreSQL. The live code of a phone + purpose is its newest unconsumed
 * row; `check` locks it (`for update`), so of parallel checks of one code the first consumes it
 * and the others, re-reading the row, find it consumed.
 */
import type { ProviderId } from '@cloud-login/core';
import { equalHashes } from '../../crypto.ts';
import type { CodeCheck, CodePurpose, CodeRecord, CodeStore } from '../types.ts';
import { isoOf, type Db } from './shared.ts';

interface CodeRow {
  id: string;
  provider: ProviderId;
  phone: string;
  purpose: CodePurpose;
  channel: CodeRecord['channel'];
  code_hash: string;
  address: string;
  attempts: number;
  consumed_at: Date | null;
  created_at: Date;
  expires_at: Date;
}

const recordOf = (row: CodeRow): CodeRecord => ({
  id: row.id,
  provider: row.provider,
  phone: row.phone,
  purpose: row.purpose,
  channel: row.channel,
  codeHash: row.code_hash,
  address: row.address,
  attempts: row.attempts,
  ...(row.consumed_at && { consumedAt: isoOf(row.consumed_at) }),
  createdAt: isoOf(row.created_at)!,
  expiresAt: isoOf(row.expires_at)!,
});

export class PostgresCodes implements CodeStore {
  constructor(private readonly db: Db) {}

  async put(code: CodeRecord): Promise<void> {
    await this.db.sql.begin(async (tx) => {
      await tx`update cl_codes set consumed_at = ${code.createdAt}
        where provider = ${code.provider} and phone = ${code.phone} and purpose = ${code.purpose}
          and consumed_at is null`;
      await tx`insert into cl_codes (id, provider, phone, purpose, channel, code_hash, address, attempts,
          consumed_at, created_at, expires_at)
        values (${code.id}, ${code.provider}, ${code.phone}, ${code.purpose}, ${code.channel}, ${code.codeHash},
          ${code.address}, ${code.attempts}, ${code.consumedAt ?? null}, ${code.createdAt}, ${code.expiresAt})`;
    });
  }

  async last(provider: ProviderId, phone: string): Promise<CodeRecord | undefined> {
    const [row] = await this.db.sql<CodeRow[]>`select * from cl_codes
      where provider = ${provider} and phone = ${phone} order by seq desc limit 1`;
    return row && recordOf(row);
  }

  async countSince(filter: { phone?: string; address?: string }, since: string): Promise<number> {
    const { sql } = this.db;
    const [row] = await sql`select count(*)::int as n from cl_codes where created_at >= ${since}
      ${filter.phone !== undefined ? sql`and phone = ${filter.phone}` : sql``}
      ${filter.address !== undefined ? sql`and address = ${filter.address}` : sql``}`;
    return row!.n as number;
  }

  async check(
    provider: ProviderId,
    phone: string,
    purpose: CodePurpose,
    codeHash: string,
    now: string,
    maxAttempts: number,
  ): Promise<CodeCheck> {
    return this.db.sql.begin(async (tx) => {
      const [row] = await tx<CodeRow[]>`select * from cl_codes
        where provider = ${provider} and phone = ${phone} and purpose = ${purpose} and consumed_at is null
        order by seq desc limit 1 for update`;
      if (!row) return { ok: false, reason: 'missing' } as const;
      if (row.expires_at.getTime() <= Date.parse(now)) return { ok: false, reason: 'expired' } as const;
      if (equalHashes(row.code_hash, codeHash)) {
        await tx`update cl_codes set consumed_at = ${now} where id = ${row.id}`;
        return { ok: true } as const;
      }
      const attempts = row.attempts + 1;
      const remaining = Math.max(0, maxAttempts - attempts);
      // At zero the code is dead: no more guesses at it.
      await tx`update cl_codes set attempts = ${attempts},
        consumed_at = ${remaining === 0 ? now : null} where id = ${row.id}`;
      return { ok: false, reason: 'wrong', remaining } as const;
    });
  }
}
