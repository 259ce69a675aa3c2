/**
 * Taking, giving or releasing an application (担当者). Each form posts who is in charge as the page showed
 * it (`current`, empty for nobody), so that a change made meanwhile by another reviewer is answered as a
 * conflict instead of being overwritten.
 */
import { z } from "zod";

const RELOAD = "画面を開き直してから、もう一度操作してください。";
const userId = (message: string) =>
  z.preprocess((value) => (typeof value === "string" && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : NaN), z.number({ error: message }).int());
const current = z.preprocess(
  (value) => (value === "" ? null : typeof value === "string" && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : NaN),
  z.number({ error: RELOAD }).int().nullable(),
);

export const AssignmentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("take"), current }),
    z.object({ intent: z.literal("give"), current, reviewerId: userId("担当者を選んでください。") }),
    z.object({ intent: z.literal("release"), current }),
  ],
  { error: RELOAD },
);
export type AssignmentInput = z.infer<typeof AssignmentSchema>;
export type AssignmentIntent = AssignmentInput["intent"];
