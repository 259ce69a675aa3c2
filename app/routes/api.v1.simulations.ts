import type { ActionFunctionArgs } from "@remix-run/node";
import { calculateGrant } from "~/domain/grant-calculation";
import { listProgrammeParameters } from "~/models/programme-parameters.server";
import { readJsonBody } from "~/utils/json-body.server";
import { hitRateLimit } from "~/models/rate-limits.server";

/**
 * POST /api/v1/simulations — the grant calculation as a public JSON API. Nothing is stored.
 * Body: the rules' input (app/domain/grant-calculation.ts); answer: A–E, rate, grant, share, findings.
 */

export const MAX_SIMULATION_BODY_BYTES = 1024 * 1024;
export const SIMULATIONS_PER_MINUTE = 60;

const LIMIT = { bucket: "simulations", limit: SIMULATIONS_PER_MINUTE, windowMs: 60_000 };

const problem = (status: number, error: string, message: string, headers: HeadersInit = {}) => Response.json({ error, message }, { status, headers });

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    return problem(405, "method-not-allowed", "POST で送ってください。", { Allow: "POST" });
  }
  const rate = await hitRateLimit(context.db, LIMIT, context.clientIp);
  if (!rate.allowed) {
    return problem(429, "too-many-requests", `リクエストが多すぎます。${rate.retryAfterSeconds}秒後にもう一度お試しください。`, {
      "Retry-After": String(rate.retryAfterSeconds),
    });
  }
  const body = await readJsonBody(request, MAX_SIMULATION_BODY_BYTES);
  if (!body.ok) return problem(body.status, body.error, body.message);

  const parameters = await listProgrammeParameters(context.db);
  return Response.json(calculateGrant(body.value, parameters), { headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return problem(405, "method-not-allowed", "このAPIは POST のみ受け付けます。", { Allow: "POST" });
}
