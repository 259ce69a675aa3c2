/**
 * The audit trail's filter, read from the page's address. A filter is a convenience, not an order: a value
 * that cannot be one (a page of 1.01, an organisation of 1.5, the 45th of the 13th month) is left out
 * rather than refused, and never reaches the database.
 */
import { z } from "zod";
import { parseDateOnly } from "~/domain/japan-time";
import { storableText } from "~/domain/text";

const wholeNumber = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^[0-9]{1,10}$/.test(value) ? Number(value) : undefined),
    z.number().int().min(1).max(max).optional().catch(undefined),
  );

const calendarDate = z.preprocess((value) => {
  if (typeof value !== "string") return "";
  try {
    parseDateOnly(value);
    return value;
  } catch {
    return "";
  }
}, z.string());

const AuditFilterSchema = z.object({
  action: z.preprocess((value) => (typeof value === "string" ? storableText(value).slice(0, 100) : ""), z.string()),
  organisationId: wholeNumber(2_147_483_647),
  from: calendarDate,
  to: calendarDate,
  page: wholeNumber(1_000_000).transform((page) => page ?? 1),
});

export type AuditFilterValues = z.output<typeof AuditFilterSchema>;

export function readAuditFilter(params: URLSearchParams): AuditFilterValues {
  return AuditFilterSchema.parse({
    action: params.get("action") ?? "",
    organisationId: params.get("organisation") ?? undefined,
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    page: params.get("page") ?? undefined,
  });
}
