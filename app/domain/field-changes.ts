/** What differs between two versions of a form's values, field by field ("lines.3.amount"). */

/** Every leaf of a JSON value by its path ("lines.3.amount"), for saying what changed. */
export function flatten(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out[prefix] = "";
    value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = value === undefined || value === null ? "" : String(value);
  }
  return out;
}

/** One field that differs: its path, and its text before and after. */
export interface FieldChange {
  path: string;
  before: string;
  after: string;
}

/** The fields whose text differs between two values of a form. */
export function changesBetween(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return paths.filter((p) => (a[p] ?? "") !== (b[p] ?? "")).map((path) => ({ path, before: a[path] ?? "", after: b[path] ?? "" }));
}
