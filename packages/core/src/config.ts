/**
 * What `GET /config` answers: the public part of the effective preset (packages/server/README.md, `ConfigSchema`).
 * Built here rather than in the server so the elements' Storybook fake and the server answer
 * the same thing for the same preset.
 */
import type { PublicConfig } from './api.ts';
import type { Preset } from './presets/schema.ts';

/**
 * The effective preset as the elements see it. Left out on purpose: abuse limits (wrong tries,
 * codes per day) — they are the server's business and would only help an attacker pace
 * themselves — and the theme, which sites set through CSS.
 *
 * Arrays are copied so a caller that mutates the answer cannot change the shared preset.
 */
export function publicConfig(preset: Preset): PublicConfig {
  const { password, accountName, phone, code } = preset;
  return {
    provider: preset.id,
    locales: [...preset.locales],
    methods: { login: [...preset.methods.login], register: [...preset.methods.register] },
    policies: {
      accountName: accountName ? { ...accountName } : null,
      password: { ...password, requiredClasses: [...password.requiredClasses] },
      phone: {
        regions: phone.regions === 'any' ? 'any' : [...phone.regions],
        steerInternationalToEmail: phone.steerInternationalToEmail,
      },
      // The contract makes the limit optional: absent means "no limit", not null.
      ...(preset.maxAccountsPerPhone === null ? {} : { maxAccountsPerPhone: preset.maxAccountsPerPhone }),
      code: {
        length: code.length,
        ttl: code.ttl,
        resendAfter: code.resendAfter,
        channels: [...code.channels],
      },
      emailLinkTtl: preset.emailLinkTtl,
    },
    agreements: preset.agreements.map((a) => ({ id: a.id, label: { ...a.label }, href: a.href })),
    // Only presets that ask for an industry (Tencent) send the list.
    ...(preset.industries.length > 0
      ? { industries: preset.industries.map((i) => ({ id: i.id, label: { ...i.label } })) }
      : {}),
  };
}
