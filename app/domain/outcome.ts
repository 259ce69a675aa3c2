/**
 * The one shape every service and every step answers with. A change is either done (with what it made),
 * or it is not, for one of a few reasons the pages know how to show:
 * - `not-found`: the record does not exist for this viewer (another organisation's is "not found" too);
 * - `refused`: the change is not allowed now (wrong state, wrong person, nothing to do), with the reason;
 * - `invalid`: what was typed cannot be used, with a Japanese message per field ("form" for the whole form);
 * - `conflict`: someone else changed the record first, with what the page needs to show it.
 */

/** A Japanese message per field, keyed by the field's name (a path such as "after.2"; "form" for the form). */
export type FieldErrors = Record<string, string>;

export type NotFound = { status: "not-found" };
export type Refused = { status: "refused"; reason: string };
export type Invalid = { status: "invalid"; errors: FieldErrors };
export type Conflict<T extends object = object> = { status: "conflict"; reason: string } & T;

export type Outcome<Done extends object = object, Else extends { status: string } = never> = ({ status: "done" } & Done) | NotFound | Refused | Invalid | Else;

export const notFound: NotFound = { status: "not-found" };
export const refused = (reason: string): Refused => ({ status: "refused", reason });
export const invalid = (errors: FieldErrors): Invalid => ({ status: "invalid", errors });

/** What a form's values read as: the typed values, or a message per field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };
