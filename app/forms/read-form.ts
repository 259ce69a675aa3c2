/**
 * How every form is read: its fields, named by path ("lines.3.amount"), become nested values; its one zod
 * schema, run through react-hook-form's zod resolver, turns them into typed values or a Japanese message per
 * field. The browser runs the same resolver as the person types (see use-validated-form.ts), the server runs
 * it on what was posted — with or without JavaScript the form posts the same fields.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { set, type FieldError, type FieldErrors as HookFormErrors, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { FieldErrors, Parsed } from "~/domain/outcome";
import { storableText } from "~/domain/text";

/** The resolver of a form's schema: what the browser validates with, and what the server reads with. */
export function resolverFor<T>(schema: z.ZodType<T>): Resolver<FieldValues, unknown, T> {
  return zodResolver(schema as z.ZodType<T, FieldValues>);
}

/**
 * A form's fields as nested values: "lines.3.amount" → `{ lines: [.., { amount }] }`, "after.2" →
 * `{ after: [, , "…"] }`, and a name sent several times (a group of checkboxes) → an array of its values.
 * Text is made storable (storableText) on the way in.
 */
export function formValues(form: FormData): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const name of new Set(form.keys())) {
    const all = form
      .getAll(name)
      .filter((v): v is string => typeof v === "string")
      .map(storableText);
    set(root, name, all.length > 1 ? all : (all[0] ?? ""));
  }
  return compact(root) as Record<string, unknown>;
}

function compact(value: unknown): unknown {
  // A row of a list that is missing leaves no hole; an amount missing from a list of amounts keeps its place.
  if (Array.isArray(value)) return (value.some(isRow) ? value.filter((v) => v !== undefined) : [...value]).map(compact);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
}

const isRow = (value: unknown) => value !== null && typeof value === "object";

/** What was typed, one text per field name, to show it again beside the messages. */
export function typedValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Reads values with a form's schema: the typed values, or the first message of each field. */
export async function readForm<T>(schema: z.ZodType<T>, values: unknown): Promise<Parsed<T>> {
  const result = await resolverFor(schema)(values as FieldValues, undefined, { fields: {}, shouldUseNativeValidation: false });
  return Object.keys(result.errors).length > 0 ? { ok: false, errors: flattenErrors(result.errors) } : { ok: true, value: result.values as T };
}

const isFieldError = (value: unknown): value is FieldError =>
  value !== null && typeof value === "object" && "message" in value && typeof value.message === "string";

/** react-hook-form's nested errors as one message per field path ("after.2"). */
export function flattenErrors(errors: HookFormErrors | undefined, prefix = ""): FieldErrors {
  const flat: FieldErrors = {};
  for (const [key, value] of Object.entries(errors ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isFieldError(value)) flat[path] = value.message!;
    else if (value !== null && typeof value === "object") Object.assign(flat, flattenErrors(value as HookFormErrors, path));
  }
  return flat;
}

/** Messages per field path in react-hook-form's nested shape, for the browser's form state. */
export function nestErrors(errors: FieldErrors): HookFormErrors {
  const nested: HookFormErrors = {};
  for (const [path, message] of Object.entries(errors)) set(nested, path, { type: "server", message });
  return nested;
}

/** Fields kept as `{ name: value | values }` (input stashed across an expired session) as the form they came from. */
export function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return form;
}
