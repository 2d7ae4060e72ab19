/**
 * Masks for account labels the account chooser shows to someone who has proved only a phone:
 * enough to recognise one's own account, not to learn someone else's. `maskPhone` is in
 * `phone.ts`, because it needs phone metadata; these two need nothing.
 */

/** `alice-01` → `a******1`; one or two characters keep only the first. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 2) return `${chars[0] ?? ''}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** `alice@example.com` → `a***e@example.com`; a value without a local part is masked as a name. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return maskName(email);
  const local = [...email.slice(0, at)];
  const shown = local.length > 2 ? `${local[0]}***${local[local.length - 1]}` : `${local[0]}***`;
  return `${shown}${email.slice(at)}`;
}
