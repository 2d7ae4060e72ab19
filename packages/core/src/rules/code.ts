/** Verification codes: the form a typed code must have before it is sent or checked. */
import { OK, type Check } from './check.ts';

/** A code is exactly `length` ASCII digits (docs/codes.md: 6). */
export function checkCode(code: string, length: number): Check<'code_format'> {
  return new RegExp(`^[0-9]{${length}}$`).test(code.trim())
    ? OK
    : { ok: false, code: 'code_format', params: { count: length } };
}
