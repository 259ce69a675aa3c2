/**
 * Who may do what (docs/domain.md §1). The only place that decides a permission: routes ask through the
 * guards in app/auth/viewer.server.ts, and records of other organisations are filtered in the queries.
 *
 * A permission reads `action:subject:scope`: `own` means records of the viewer's own organisation,
 * `any` means every organisation's.
 */
import type { Actor } from "./application-states";
import type { Role } from "./roles";

export const PERMISSIONS = [
  "view:organisation:own",
  "edit:organisation:own",
  "view:organisation:any",
  "manage:organisations:any",
  "manage:accounts:any",
  "manage:programme-parameters:any",
  "view:audit:own",
  "view:audit:any",
  "view:application:own",
  "edit:application:own",
  "view:application:any",
  "review:application:any",
  "decide:application:any",
  "view:budget:any",
  "view:proposal:own",
  "edit:proposal:own",
  "view:proposal:any",
  "review:proposal:any",
  "manage:calls:any",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const APPLICANT: Permission[] = ["view:organisation:own", "edit:organisation:own", "view:audit:own", "view:application:own", "edit:application:own"];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  prefecture_officer: new Set(APPLICANT),
  intermediary_officer: new Set(APPLICANT),
  proposer_officer: new Set<Permission>(["view:organisation:own", "edit:organisation:own", "view:audit:own", "view:proposal:own", "edit:proposal:own"]),
  // A reviewer sees everything and decides, but never edits an applicant's text.
  reviewer: new Set<Permission>([
    "view:organisation:any",
    "view:audit:any",
    "view:application:any",
    "review:application:any",
    "decide:application:any",
    "view:budget:any",
    "view:proposal:any",
    // Scores and selects the proposals of the calls they are assigned to.
    "review:proposal:any",
  ]),
  administrator: new Set<Permission>([
    "view:organisation:any",
    "manage:organisations:any",
    "manage:accounts:any",
    "manage:programme-parameters:any",
    "manage:calls:any",
    "view:audit:any",
    // The applications and the budget overview, to read: an administrator takes no decisions.
    "view:application:any",
    "view:budget:any",
  ]),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** For a pair of `own`/`any` permissions: whether the viewer sees every organisation's records. */
export function seesAllOrganisations(role: Role, subject: "organisation" | "audit" | "application"): boolean {
  return can(role, `view:${subject}:any` as Permission);
}

/**
 * Which side of an application the viewer is on: its applicant (an officer of the organisation that
 * applied), a reviewer, or neither. The one place that decides "is this viewer the applicant?".
 */
export function sideOf(viewer: { role: Role; organisationId: number }, applicantOrganisationId: number): Actor | null {
  if (can(viewer.role, "edit:application:own") && viewer.organisationId === applicantOrganisationId) return "applicant";
  return can(viewer.role, "decide:application:any") ? "reviewer" : null;
}
