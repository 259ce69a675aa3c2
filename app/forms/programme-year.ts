/**
 * The administrator's forms of a programme-year (/admin/programmes): the parameters of one programme, the
 * fiscal year's document settings, and a deadline extension for one organisation. One zod schema each, read
 * by the browser (useValidatedForm) and by the action (readForm); messages are at their fields.
 */
import { z } from "zod";
import { DOCUMENT_KINDS, type DocumentKind, type DocumentSettings } from "~/domain/document-settings";
import { countField, dateTimeField, textField, yenField } from "~/domain/form-fields";
import { japanDateTimeInputValue } from "~/domain/japan-time";
import { formatYen } from "~/domain/money";
import { DOCUMENT_TITLES } from "~/domain/proceedings";
import type { ApplicationWindow } from "~/domain/programme-years";
import type { ProgrammeParameters } from "~/domain/programmes";

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** A date-time that may be left blank (the window not yet decided). */
const optionalDateTime = (label: string) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx): Date | null => {
      if (!text(value)) return null;
      const parsed = dateTimeField(label).safeParse(value);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]!.message });
      return z.NEVER;
    });

export const ProgrammeYearSchema = z
  .object({
    rateNumerator: countField("交付率の分子", { min: 1, max: 100 }),
    rateDenominator: countField("交付率の分母", { min: 1, max: 100 }),
    baseAmount: yenField("交付基準額", { positive: true }),
    ceiling: yenField("交付上限額", { positive: true }),
    programmeBudget: yenField("予算額"),
    assetRestrictionThreshold: yenField("財産処分制限の基準額", { positive: true }),
    opensAt: optionalDateTime("受付開始日時"),
    closesAt: optionalDateTime("受付終了日時"),
    reportDueDays: z
      .unknown()
      .optional()
      .transform((value, ctx): number | null => {
        if (!text(value)) return null;
        const parsed = countField("実績報告の期限（完了後の日数）", { min: 1, max: 365, unit: "日" }).safeParse(value);
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: "custom", message: parsed.error.issues[0]!.message });
        return z.NEVER;
      }),
    reportLatestMonthDay: z
      .unknown()
      .optional()
      .transform((value, ctx): string => {
        const typed = text(value).normalize("NFKC").replace("/", "-");
        const match = /^([0-9]{1,2})-([0-9]{1,2})$/.exec(typed);
        const [month, day] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
        const lastDay = month >= 1 && month <= 12 ? new Date(Date.UTC(2001, month, 0)).getUTCDate() : 0;
        if (!match || day < 1 || day > lastDay) {
          ctx.addIssue({ code: "custom", message: "実績報告の最終期限は月-日（例：04-10）で入力してください。" });
          return z.NEVER;
        }
        return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      }),
    changeThresholdPercent: countField("変更交付申請が必要となる増減の割合", { min: 1, max: 100, unit: "%" }),
    outsourcingWarningPercent: countField("委託費割合の警告基準", { min: 0, max: 100, unit: "%" }),
  })
  .transform((form, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (form.rateNumerator > form.rateDenominator) issue("rateNumerator", "交付率の分子は分母以下にしてください（交付率は1以下です）。");
    else {
      // 交付上限額 = 交付基準額 × 交付率, exactly, in integer yen (docs/domain.md §3).
      const product = BigInt(form.baseAmount) * BigInt(form.rateNumerator);
      const denominator = BigInt(form.rateDenominator);
      if (product % denominator !== 0n) {
        issue("baseAmount", `交付基準額×交付率（${form.rateNumerator}/${form.rateDenominator}）が1円単位で割り切れません。交付基準額を見直してください。`);
      } else if (BigInt(form.ceiling) !== product / denominator) {
        issue("ceiling", `交付上限額は交付基準額×交付率（${formatYen(Number(product / denominator))}）と同じ額にしてください。`);
      }
    }
    if ((form.opensAt === null) !== (form.closesAt === null)) {
      issue(form.opensAt === null ? "opensAt" : "closesAt", "受付期間は開始と終了の両方を入力してください（未定のときは両方とも空欄にします）。");
    } else if (form.opensAt && form.closesAt && form.closesAt.getTime() <= form.opensAt.getTime()) {
      issue("closesAt", "受付終了日時は受付開始日時より後にしてください。");
    }
    const window: ApplicationWindow | null = form.opensAt && form.closesAt ? { opensAt: form.opensAt, closesAt: form.closesAt } : null;
    return { ...form, window };
  });

export type ProgrammeYearInput = z.output<typeof ProgrammeYearSchema>;

/** The form's values read into a programme-year's parameters (the categories are the year's own: not on the form). */
export function parametersFrom(input: ProgrammeYearInput, current: ProgrammeParameters): ProgrammeParameters {
  return {
    ...current,
    rate: { numerator: input.rateNumerator, denominator: input.rateDenominator },
    baseAmount: input.baseAmount,
    ceiling: input.ceiling,
    programmeBudget: input.programmeBudget,
    assetRestrictionThreshold: input.assetRestrictionThreshold,
    changeThresholdPercent: input.changeThresholdPercent,
    outsourcingWarningPercent: input.outsourcingWarningPercent,
    reportDueDays: input.reportDueDays,
    reportLatestMonthDay: input.reportLatestMonthDay,
  };
}

/** What the parameters form shows first: the programme-year as stored. */
export function programmeYearFormValues(p: ProgrammeParameters, window: ApplicationWindow | null): Record<string, string> {
  const yen = (n: number) => n.toLocaleString("ja-JP");
  return {
    rateNumerator: String(p.rate.numerator),
    rateDenominator: String(p.rate.denominator),
    baseAmount: yen(p.baseAmount),
    ceiling: yen(p.ceiling),
    programmeBudget: yen(p.programmeBudget),
    assetRestrictionThreshold: yen(p.assetRestrictionThreshold),
    opensAt: window ? japanDateTimeInputValue(window.opensAt) : "",
    closesAt: window ? japanDateTimeInputValue(window.closesAt) : "",
    reportDueDays: p.reportDueDays === null ? "" : String(p.reportDueDays),
    reportLatestMonthDay: p.reportLatestMonthDay,
    changeThresholdPercent: String(p.changeThresholdPercent),
    outsourcingWarningPercent: String(p.outsourcingWarningPercent),
  };
}

export const DOCUMENT_KIND_NAMES = Object.fromEntries(
  DOCUMENT_KINDS.map((kind) => [kind, kind === "application" ? "交付申請書" : (DOCUMENT_TITLES[kind] ?? kind)]),
) as Record<DocumentKind, string>;

/** 「第5条」「第5条第2項」 or blank. */
const articleField = (kind: DocumentKind) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx): string => {
      const typed = text(value).normalize("NFKC");
      if (!typed) return "";
      if (!/^第[0-9]+条(の[0-9]+)?(第[0-9]+項)?(第[0-9]+号)?$/.test(typed)) {
        ctx.addIssue({
          code: "custom",
          message: `${DOCUMENT_KIND_NAMES[kind]}の条項は「第5条」「第5条第2項」のように入力してください（条を示さないときは空欄）。`,
        });
        return z.NEVER;
      }
      return typed;
    });

const perKind = <T extends z.ZodType>(field: (kind: DocumentKind) => T) =>
  z
    .object(Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, field(k)])) as Record<DocumentKind, T>)
    .optional()
    .transform((v) => (v ?? {}) as Record<DocumentKind, z.output<T>>);

export const DocumentSettingsSchema = z.object({
  signatoryTitle: textField("署名者の官職", { required: true, max: 50 }),
  signatoryName: textField("署名者の氏名", { max: 50 }),
  sealOmitted: z
    .unknown()
    .optional()
    .transform((value) => value === "on" || value === true),
  documentNumberPrefix: z
    .unknown()
    .optional()
    .transform((value, ctx): string => {
      const typed = text(value);
      if (!typed || [...typed].length > 10 || /[0-9０-９第号\s]/.test(typed)) {
        ctx.addIssue({ code: "custom", message: "文書番号の記号は「府孤」のように10文字以内で入力してください（数字・「第」「号」は付けません）。" });
        return z.NEVER;
      }
      return typed;
    }),
  forms: perKind((kind) => textField(`${DOCUMENT_KIND_NAMES[kind]}の様式番号`, { max: 20 })),
  articles: perKind(articleField),
}) satisfies z.ZodType<DocumentSettings, unknown>;

/** What the document settings form shows first. */
export function documentSettingsFormValues(s: DocumentSettings): Record<string, unknown> {
  return { ...s, sealOmitted: s.sealOmitted ? "on" : "", forms: { ...s.forms }, articles: { ...s.articles } };
}

export const DeadlineExtensionSchema = z.object({
  organisationId: countField("組織", { min: 1, max: Number.MAX_SAFE_INTEGER }),
  closesAt: dateTimeField("延長後の締切日時"),
  reason: textField("延長の理由", { required: true, max: 1000 }),
});
