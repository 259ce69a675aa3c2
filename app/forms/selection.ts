/**
 * The reviewer's forms on a proposal: the review (a conflict of interest with its reason, or a score from 1
 * to 5 and a comment for every criterion of the call), and the selection (採択 with the contract amount,
 * or not, each with its reason). One zod schema each, for the browser and the server.
 */
import { z } from "zod";
import { choiceField, textField, yenField } from "~/domain/form-fields";
import { SCORE_MAX, SCORE_MIN } from "~/domain/selection";

const scoreOf = (label: string) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx): number => {
      const text = typeof value === "string" ? value.normalize("NFKC").trim() : "";
      const n = /^[0-9]$/.test(text) ? Number(text) : NaN;
      if (!(n >= SCORE_MIN && n <= SCORE_MAX)) {
        ctx.addIssue({ code: "custom", message: `${label}の点数を${SCORE_MIN}〜${SCORE_MAX}から選んでください。` });
        return z.NEVER;
      }
      return n;
    });

/** The review of a proposal against these criteria: `scores.N.score` / `scores.N.comment` per criterion, in order. */
export const reviewSchema = (criteria: readonly { name: string }[]) =>
  z
    .object({ conflict: choiceField(["no", "yes"]), conflictReason: z.unknown().optional(), comment: z.unknown().optional(), scores: z.unknown().optional() })
    .transform((form, ctx) => {
      if (form.conflict === "yes") {
        const reason = textField("利益相反の内容", { required: true, max: 2000 }).safeParse(form.conflictReason);
        if (!reason.success) {
          ctx.addIssue({ code: "custom", path: ["conflictReason"], message: reason.error.issues[0]!.message });
          return z.NEVER;
        }
        return { conflict: true as const, reason: reason.data };
      }
      const rows = Array.isArray(form.scores) ? form.scores : [];
      const scores = criteria.map((c, i) => {
        const row = (rows[i] ?? {}) as { score?: unknown; comment?: unknown };
        const score = scoreOf(c.name).safeParse(row.score);
        const comment = textField(`${c.name}の所見`, { max: 1000 }).safeParse(row.comment);
        if (!score.success) ctx.addIssue({ code: "custom", path: ["scores", i, "score"], message: score.error.issues[0]!.message });
        if (!comment.success) ctx.addIssue({ code: "custom", path: ["scores", i, "comment"], message: comment.error.issues[0]!.message });
        return { position: i + 1, score: score.success ? score.data : 0, comment: comment.success ? comment.data : "" };
      });
      const comment = textField("総合所見", { max: 2000 }).safeParse(form.comment);
      if (!comment.success) ctx.addIssue({ code: "custom", path: ["comment"], message: comment.error.issues[0]!.message });
      return { conflict: false as const, scores, comment: comment.success ? comment.data : "" };
    });

export type ReviewInput = z.output<ReturnType<typeof reviewSchema>>;

/** 採択 (with the contract amount agreed) or not, and why: the reason is what the proposer is told. */
export const SelectionSchema = z
  .object({
    outcome: choiceField(["selected", "not_selected"]),
    contractAmount: z.unknown().optional(),
    reason: textField("理由", { required: true, max: 2000 }),
  })
  .transform((form, ctx) => {
    if (form.outcome === "not_selected") return { selected: false as const, reason: form.reason };
    const amount = yenField("契約額", { positive: true }).safeParse(form.contractAmount);
    if (!amount.success) {
      ctx.addIssue({ code: "custom", path: ["contractAmount"], message: amount.error.issues[0]!.message });
      return z.NEVER;
    }
    return { selected: true as const, contractAmount: amount.data, reason: form.reason };
  });

export type SelectionInput = z.output<typeof SelectionSchema>;
