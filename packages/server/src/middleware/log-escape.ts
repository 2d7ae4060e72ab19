/**
 * What a client wrote goes into the request log only escaped: a path (decoded from `%0d%0a`)
 * or method carrying CR/LF could forge whole log lines, and terminal escapes (ESC […) could
 * rewrite what an operator sees in `tail -f`. Control characters, DEL, C1 controls, the Unicode
 * line and paragraph separators and bidirectional overrides become `\xNN` / `\uNNNN`, and a
 * backslash becomes `\\`, so an escaped line can be told from a literal one.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeLogText(text: string): string {
  return text.replace(UNSAFE, (char) => {
    if (char === '\\') return '\\\\';
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
