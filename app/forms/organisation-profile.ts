/**
 * The organisation profile form (used to pre-fill every application): one schema for the browser and
 * the server. Blank fields are allowed while the profile is being filled in; what is filled must be right.
 */
import { z } from "zod";
import { isValidCorporateNumber } from "~/domain/corporate-number";
import { EMAIL_MAX, textField } from "~/domain/form-fields";
import { ACCOUNT_TYPES } from "~/domain/proceedings";

const text = (max: number, label: string) => textField(label, { max });

/** What was typed, in half-width characters and trimmed (an absent field reads as ""). */
const normalised = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" ? value.normalize("NFKC").trim() : ""));

export const OrganisationProfileSchema = z.object({
  representativeTitle: text(100, "代表者の役職"),
  representativeName: text(100, "代表者の氏名"),
  postalCode: normalised
    .refine((v) => v === "" || /^\d{3}-?\d{4}$/.test(v), { error: "郵便番号は7桁の数字で入力してください（例：930-8501）。" })
    .transform((v) => (v === "" ? "" : `${v.replace("-", "").slice(0, 3)}-${v.replace("-", "").slice(3)}`)),
  address: text(200, "所在地"),
  contactPerson: text(100, "担当者"),
  contactPhone: normalised.refine((v) => v === "" || /^0\d{1,4}-?\d{1,4}-?\d{3,4}$/.test(v), {
    error: "電話番号は市外局番から数字とハイフンで入力してください（例：076-444-3200）。",
  }),
  contactEmail: normalised
    .refine((v) => v.length <= EMAIL_MAX, { error: `メールアドレスは${EMAIL_MAX}文字以内で入力してください。`, abort: true })
    .refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
      error: "メールアドレスを正しく入力してください（例：kodoku@pref.example.lg.jp）。",
    }),
  corporateNumber: normalised
    .refine((v) => v === "" || /^\d{13}$/.test(v), { error: "法人番号は13桁の数字で入力してください。" })
    .refine((v) => v === "" || !/^\d{13}$/.test(v) || isValidCorporateNumber(v), {
      error: "法人番号の検査用数字（先頭の1桁）が合いません。番号を確認してください。",
    }),
  // The account grants are paid into, offered by every payment claim (each claim keeps the one it named).
  bankName: text(100, "金融機関名"),
  branchName: text(100, "支店名"),
  accountType: normalised.refine((v) => v === "" || (ACCOUNT_TYPES as readonly string[]).includes(v), {
    error: "預金種別は「普通」か「当座」を選んでください。",
  }),
  accountNumber: normalised.refine((v) => v === "" || /^\d{7}$/.test(v), { error: "口座番号は7桁の数字で入力してください。" }),
  accountHolder: text(100, "口座名義"),
});

export type OrganisationProfile = z.output<typeof OrganisationProfileSchema>;

export const PROFILE_FIELDS = [
  ["representativeTitle", "代表者の役職", "例：富山県知事、理事長"],
  ["representativeName", "代表者の氏名", ""],
  ["postalCode", "郵便番号", "例：930-8501"],
  ["address", "所在地", ""],
  ["contactPerson", "担当者（部署・氏名）", ""],
  ["contactPhone", "電話番号", "例：076-444-3200"],
  ["contactEmail", "担当者のメールアドレス", ""],
  ["corporateNumber", "法人番号（13桁）", "法人の場合に入力します。"],
  ["bankName", "振込先の金融機関名", "概算払・精算払の請求に表示されます。"],
  ["branchName", "振込先の支店名", ""],
  ["accountType", "預金種別", ""],
  ["accountNumber", "口座番号", "7桁の数字"],
  ["accountHolder", "口座名義", "通帳に記載のとおり（カナ）"],
] as const satisfies readonly (readonly [keyof OrganisationProfile, string, string])[];
