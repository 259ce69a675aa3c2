/** Who uses the product (docs/domain.md §1). The same names are stored in `users.role`. */
export const ROLES = ["prefecture_officer", "intermediary_officer", "proposer_officer", "reviewer", "administrator"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  prefecture_officer: "都道府県担当者",
  intermediary_officer: "中間支援組織担当者",
  proposer_officer: "市区町村・NPO担当者",
  reviewer: "審査担当者（内閣府）",
  administrator: "管理者（内閣府）",
};

/** Which roles an account of each kind of organisation may have. */
export const ROLES_BY_ORGANISATION_KIND = {
  prefecture: ["prefecture_officer"],
  intermediary: ["intermediary_officer"],
  municipality: ["proposer_officer"],
  npo: ["proposer_officer"],
  cabinet_office: ["reviewer", "administrator"],
} as const satisfies Record<string, readonly Role[]>;

export type OrganisationKind = keyof typeof ROLES_BY_ORGANISATION_KIND;

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  prefecture: "都道府県",
  intermediary: "中間支援組織",
  municipality: "市区町村",
  npo: "NPO等",
  cabinet_office: "内閣府",
};

export function roleFitsOrganisation(role: Role, kind: OrganisationKind): boolean {
  return (ROLES_BY_ORGANISATION_KIND[kind] as readonly Role[]).includes(role);
}
