/**
 * The values the built-in presets have in common. Each preset module imports this and the
 * schema's types only, so a browser page can load one preset alone.
 */
import { LOCALES } from './data.ts';
import type { CodePolicy, Preset } from './schema.ts';

/** The codes policy (docs/codes.md), the same for every built-in preset: 6 digits, 5 minutes, resend after 60 s, 5 tries, 10 a day per phone, of which one address reaches 3. */
export const SECURE_CODES: CodePolicy = {
  length: 6,
  ttl: 300,
  resendAfter: 60,
  maxAttempts: 5,
  dailyPerPhone: 10,
  dailyPerAddress: 50,
  dailyPerPhonePerAddress: 3,
  channels: ['sms', 'voice'],
};

/** What a built-in preset has unless it says otherwise. */
export const PRESET_DEFAULTS = {
  locales: [...LOCALES],
  emailLinkTtl: 7200,
  ticketTtl: 600,
  qrTtl: 120,
  industries: [],
  legacyCutoff: null,
  firstLogin: null,
  subaccounts: false,
  iamLoginUrl: null,
} satisfies Partial<Preset>;
