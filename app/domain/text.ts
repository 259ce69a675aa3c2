/**
 * Text as it can be stored: PostgreSQL refuses the NUL character (U+0000) in text and JSON, and half of a
 * surrogate pair is no character at all. Neither is anything a person typed on purpose, so NUL is dropped
 * and a lone half becomes U+FFFD (the replacement character) wherever text comes in.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
}

/** Every string in a parsed JSON value (object keys too) made storable. */
export function storableValue(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storableValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [storableText(key), storableValue(v)]));
  }
  return value;
}
