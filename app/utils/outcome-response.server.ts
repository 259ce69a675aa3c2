/** The HTTP status a service's answer (app/domain/outcome.ts) is sent with: one mapping for every route. */
const HTTP_STATUS: Record<string, number> = {
  done: 200,
  invalid: 400,
  "not-found": 404,
  refused: 409,
  conflict: 409,
};

export function httpStatusOf(outcome: { status: string }): number {
  return HTTP_STATUS[outcome.status] ?? 400;
}
