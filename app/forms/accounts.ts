/**
 * The forms about accounts and organisations an administrator and their owners fill in: one zod schema
 * each, read with readForm on the server and useValidatedForm in the browser.
 */
import { z } from "zod";
import { isValidCorporateNumber } from "~/domain/corporate-number";
import { choiceField, EMAIL_MAX, textField } from "~/domain/form-fields";
import { passwordProblem } from "~/domain/passwords";
import { ROLES_BY_ORGANISATION_KIND, type OrganisationKind } from "~/domain/roles";

/** A password exactly as typed: never trimmed (an absent field reads as ""). */
const password = z
  .unknown()
  .optional()
  .transform((value): string => (typeof value === "string" ? value : ""));

/** Signing in: the address (trimmed) and the password as typed, both asked for. */
export const SignInSchema = z.object({
  email: textField("メールアドレス", { required: true, max: EMAIL_MAX }),
  password: password.refine((typed) => typed !== "", { error: "パスワードを入力してください。" }),
});

/** The password rules on a new password typed twice (for an account whose address is known, not that address either). */
function checkNewPassword(ctx: z.RefinementCtx, at: { password: string; confirmation: string }, typed: [string, string], email = "") {
  const problem = passwordProblem(typed[0], email);
  if (problem) ctx.addIssue({ code: "custom", path: [at.password], message: problem });
  if (typed[0] !== typed[1]) ctx.addIssue({ code: "custom", path: [at.confirmation], message: "確認のため、同じパスワードをもう一度入力してください。" });
}

/** The form of the one-time link. That the password is not the account's address is checked by the service, which knows the account. */
export const SetPasswordSchema = z
  .object({ password, passwordConfirmation: password })
  .superRefine((v, ctx) => checkNewPassword(ctx, { password: "password", confirmation: "passwordConfirmation" }, [v.password, v.passwordConfirmation]));

/** Changing one's password: the current one (checked by the service) and the new one twice. */
export const changePasswordSchema = (email: string) =>
  z
    .object({ currentPassword: password, newPassword: password, newPasswordConfirmation: password })
    .superRefine((v, ctx) =>
      checkNewPassword(ctx, { password: "newPassword", confirmation: "newPasswordConfirmation" }, [v.newPassword, v.newPasswordConfirmation], email),
    );

/** An address, trimmed and in lower case, as accounts are known by it. */
const emailField = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" ? value.trim().toLowerCase() : ""))
  .refine((email) => email.length <= EMAIL_MAX, { error: `メールアドレスは${EMAIL_MAX}文字以内で入力してください。`, abort: true })
  .refine((email) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email), {
    error: "メールアドレスを正しく入力してください（例：tanto@pref.example.lg.jp）。",
  });

/**
 * The form that issues an account: its owner's name and address, and a role the organisation's kind can
 * have (a tampered role reads as the kind's first, like any choice; the service checks the fit again).
 */
export const newAccountSchema = (kind: OrganisationKind) =>
  z.object({
    displayName: textField("氏名", { required: true, max: 100 }),
    email: emailField,
    role: choiceField(ROLES_BY_ORGANISATION_KIND[kind]),
  });

/** The sign-in page's 「パスワードを忘れた場合」: the address of the account. */
export const PasswordHelpSchema = z.object({ email: emailField });

/** The buttons of the account list: disable or enable one account of this organisation, or send it a new password link. */
export const AccountStateSchema = z.object({
  intent: z.enum(["disable", "enable", "reissue"]),
  userId: z.coerce.number().int().positive(),
});

/** Prefectures and the Cabinet Office are reference data; administrators add the others. */
export const CREATABLE_KINDS = ["intermediary", "municipality", "npo"] as const satisfies readonly OrganisationKind[];
type CreatableKind = (typeof CREATABLE_KINDS)[number];
const isCreatableKind = (kind: unknown): kind is CreatableKind => (CREATABLE_KINDS as readonly unknown[]).includes(kind);

/** The form that registers an organisation: its kind, its name and, for a corporation, its 法人番号. */
export const NewOrganisationSchema = z.object({
  kind: z
    .unknown()
    .optional()
    .transform((kind, ctx): CreatableKind => {
      if (isCreatableKind(kind)) return kind;
      ctx.addIssue({ code: "custom", message: "組織の種類を選んでください。" });
      return z.NEVER;
    }),
  name: textField("組織の名称", { required: true, max: 200 }),
  corporateNumber: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === "string" ? value.normalize("NFKC").trim() : ""))
    .refine((number) => number === "" || isValidCorporateNumber(number), {
      error: "法人番号は13桁の数字で、検査用数字が合うものを入力してください。",
    })
    .transform((number) => number || null),
});
