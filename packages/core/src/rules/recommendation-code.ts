/**
 * A salesperson's recommendation code (jdcloud-classic's enable-service form): optional, and when
 * given, 1–32 ASCII letters, digits, `-` or `_`. Whether the field may be empty is the form's
 * business; this judges a value that was typed.
 */
import { OK, type Check } from './check.ts';

export const RECOMMENDATION_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** Checks the trimmed code. */
export function checkRecommendationCode(code: string): Check<'recommendation_code_format'> {
  return RECOMMENDATION_CODE_PATTERN.test(code.trim())
    ? OK
    : { ok: false, code: 'recommendation_code_format' };
}
