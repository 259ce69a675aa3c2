/** Who uses the product (domain.md §1). The same names are stored in `users.role`. */
export const ROLES = [
  "prefecture_officer",
  "intermediary_officer",
  "proposer_officer",
  "reviewer",
  "administrator",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  prefecture_officer: "都道府県担当者",
  intermediary_officer: "中間支援組織担当者",
  proposer_officer: "市区町村・NPO担当者",
  reviewer: "審査担当者（内閣府）",
  administrator: "管理者（内閣府）",
};
