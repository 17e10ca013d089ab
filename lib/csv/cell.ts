/**
 * One quoted CSV cell; formulas are neutralised so a spreadsheet shows them as text. Besides
 * =, +, - and @, a leading tab, CR or LF counts (OWASP "CSV injection" lists them: a spreadsheet
 * may skip that whitespace and run what follows), since names given through the APIs and
 * self-registration are stored untrimmed.
 */
export function csvCell(v: unknown) {
  const s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
  return `"${(/^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
}
