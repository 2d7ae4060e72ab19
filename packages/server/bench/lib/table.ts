/** The benches' result tables: aligned plain text for the terminal, or Markdown for the README. */

/** Header and rows as lines of text, columns padded; `numeric` columns right-aligned. */
export function textTable(table: readonly string[][], numeric: ReadonlySet<number>): string[] {
  const [header, ...rows] = table;
  const widths = header!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  const line = (cols: readonly string[]) =>
    cols
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header!), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Header and rows as a Markdown table; `numeric` columns right-aligned. */
export function markdownTable(table: readonly string[][], numeric: ReadonlySet<number>): string[] {
  const [header, ...rows] = table;
  const line = (cols: readonly string[]) => `| ${cols.join(' | ')} |`;
  return [line(header!), line(header!.map((_, i) => (numeric.has(i) ? '---:' : '---'))), ...rows.map(line)];
}
