/** Plain-text tables with aligned columns, and small number/date formatting helpers. */

/** Formats an integer with thousands separators: 1200 -> "1,200". */
export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

/** "1 secret" / "2 secrets". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A date as `YYYY-MM-DD HH:MM` in UTC, or "-" when unknown. */
export function formatDate(date: Date | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return "-";
  return date.toISOString().slice(0, 16).replace("T", " ");
}

/** Shortens `text` to `max` characters with a trailing ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Renders rows under a header as aligned columns separated by two spaces; the last column is not
 * padded (no trailing spaces). Cells are single-line: newlines become spaces.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const clean = (cell: string) => cell.replace(/\s*\n\s*/g, " ");
  const all = [header.map(clean), ...rows.map((r) => r.map(clean))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : (cell ?? "").padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return `${all.map(line).join("\n")}\n`;
}
