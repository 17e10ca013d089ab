/** One quoted CSV cell; formulas (=, +, -, @) are neutralised so a spreadsheet shows them as text. */
export function csvCell(v: unknown) {
  const s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
}
