import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { Role } from "../app/domain/roles";

/**
 * The database as TypeScript sees it. Every `bigint` column (money, ids, counts) reads back as a
 * safe-integer `number` on both engines: see db/database.ts and docs/decisions/002-integer-yen.md.
 */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** `jsonb`: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export const ORGANISATION_KINDS = [
  "prefecture",
  "intermediary",
  "municipality",
  "npo",
  "cabinet_office",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];


export interface OrganisationsTable {
  id: Generated<number>;
  kind: OrganisationKind;
  name: string;
  /** 法人番号, 13 digits, where the organisation is a corporation. */
  corporate_number: string | null;
  /** JIS X 0401 code "01"–"47", prefectures only. */
  prefecture_code: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  organisation_id: number;
  email: string;
  display_name: string;
  role: Role;
  disabled_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface FiscalYearsTable {
  /** Starting calendar year: 2026 = 令和8年度 (April 2026 – March 2027). */
  year: number;
  created_at: CreatedAt;
}

export interface ProgrammeParametersTable {
  fiscal_year: number;
  programme: "prefectural" | "intermediary";
  rate_numerator: number;
  rate_denominator: number;
  base_amount: number;
  ceiling: number;
  programme_budget: number;
  eligible_categories: string[];
  asset_restriction_threshold: number;
  outsourcing_warning_percent: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: CreatedAt;
  actor_user_id: number | null;
  actor_organisation_id: number | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  details: Json<Record<string, unknown>>;
  ip_address: string | null;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  fiscal_years: FiscalYearsTable;
  programme_parameters: ProgrammeParametersTable;
  audit_events: AuditEventsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
