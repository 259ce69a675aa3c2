/**
 * Where to send someone after signing in (or any other "come back here" value from a query string or a
 * form): only ever a path of this app, never another site. Anything doubtful gives `fallback`, which is
 * the caller's own constant and is not checked.
 *
 * Accepted: a string that starts with exactly one "/", has no backslash and no control character, and
 * still names this origin once parsed as a URL. It is returned unchanged, query and fragment included.
 *
 * Refused, with the reason:
 * - absolute URLs ("https://evil.example") and schemes ("javascript:alert(1)"): not a path;
 * - "//evil.example": a protocol-relative URL, i.e. another host;
 * - any backslash ("/\evil.example"): browsers and the URL parser read "\" as "/", so it becomes "//";
 * - control characters (C0, DEL, C1): the URL parser drops tabs and newlines ("/\t/evil" → "//evil") and
 *   a newline would split a header;
 * - a File from a form, an empty string, null or undefined.
 *
 * Percent-encoded slashes ("/%2F%2Fevil.example") are kept: the browser does not decode them in a
 * Location header, so the redirect stays on this origin at the path "/%2F%2Fevil.example" (a 404 here).
 * Decoding the value and redirecting to the result would undo that; never pass decoded text onwards
 * without running it through this function again.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string = "/"): string {
  if (typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  if (to.includes("\\")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001F\u007F-\u009F]/.test(to)) return fallback;

  // Belt and braces: whatever the checks above missed, the browser's own parser must keep it on this origin.
  const base = "http://safe-redirect.invalid";
  try {
    if (new URL(to, base).origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return to;
}
