/**
 * Whether an identifier is shaped like a phone number: a `+` at most, then digits with the
 * separators people type (spaces, brackets, `-`), at least 5 characters and at least one digit.
 * It only decides whether a phone parse is worth trying — the password-login field sends such a
 * value as E.164, the server looks it up as a phone — so it needs no phone metadata and stays
 * light enough for every login page. Account names cannot be digits only where phones log in.
 */
const PHONE_SHAPE = /^\+?[\d\s()-]{5,}$/;
const DIGIT = /\d/;

export function looksLikePhone(text: string): boolean {
  const value = text.trim();
  return PHONE_SHAPE.test(value) && DIGIT.test(value);
}
