/**
 * Account names that look the same must not belong to two accounts: `victim〇1` (U+3007, a Han
 * character) or `ｖｉｃｔｉｍ０１` (fullwidth) must not pass for `victim01`. The uniqueness key
 * is a skeleton in the spirit of Unicode TR #39 §4: NFKC (fullwidth and compatibility forms to
 * ASCII), lower case, then the Han characters the account-name rules allow that look like a
 * letter, digit or `-` of the same rules, mapped to it. Only the confusables reachable through
 * the allowed characters (Han, A–Z, a–z, 0–9, `_`, `-`) are listed; Latin look-alikes among
 * themselves (`0`/`o`, `1`/`l`) stay distinct, as they always were.
 */

/** Han (and NFKC-surviving Han-script) characters that read as ASCII in a name. */
const HAN_CONFUSABLES: Readonly<Record<string, string>> = {
  '\u3007': '0', // 〇 IDEOGRAPHIC NUMBER ZERO
  '\u4e00': '-', // 一 CJK "one" (also the Kangxi radical ⼀ after NFKC)
  '\u4e28': 'l', // 丨 CJK "line" (also ⼁)
  '\u3021': 'l', // 〡 HANGZHOU NUMERAL ONE
  '\u4e85': 'j', // 亅 CJK "hook" (also ⼅)
};

const PATTERN = new RegExp(`[${Object.keys(HAN_CONFUSABLES).join('')}]`, 'gu');

/** The key under which two account names count as the same name. */
export function accountNameSkeleton(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(PATTERN, (char) => HAN_CONFUSABLES[char]!);
}
