import type { ContractRecordBody, ContractState } from "../app/domain/contracts";
import type { DocumentSettings } from "../app/domain/document-settings";
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from "kysely";
import type { ApplicationState } from "../app/domain/application-states";
import type { ModelProjectGroup } from "../app/domain/model-projects";
import type { ProceedingKind, ProceedingRecord } from "../app/domain/proceedings";
import type { ProposalSnapshot, ProposalState } from "../app/domain/proposals";
import type { OrganisationKind, Role } from "../app/domain/roles";
import type { SubmittedSnapshot } from "../app/domain/submitted-version";

/**
 * The database as TypeScript sees it. Every `bigint` column (money, ids, counts) reads back as a
 * safe-integer `number` on both engines: see db/database.ts and docs/decisions/002-integer-yen.md.
 */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** `jsonb`: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  id: Generated<number>;
  kind: OrganisationKind;
  name: string;
  /** 法人番号, 13 digits, where the organisation is a corporation. */
  corporate_number: string | null;
  /** JIS X 0401 code "01"–"47", prefectures only. */
  prefecture_code: string | null;
  /** Generated: `prefecture_code`, or the prefecture the address begins with. */
  location_prefecture_code: ColumnType<string | null, never, never>;
  representative_title: ColumnType<string, string | undefined, string>;
  representative_name: ColumnType<string, string | undefined, string>;
  postal_code: ColumnType<string, string | undefined, string>;
  address: ColumnType<string, string | undefined, string>;
  contact_person: ColumnType<string, string | undefined, string>;
  contact_phone: ColumnType<string, string | undefined, string>;
  contact_email: ColumnType<string, string | undefined, string>;
  /** The account the grant is paid into (migration 020); "" until filled in. */
  payee_bank_name: ColumnType<string, string | undefined, string>;
  payee_branch_name: ColumnType<string, string | undefined, string>;
  /** "普通", "当座" or "". */
  payee_account_type: ColumnType<string, string | undefined, string>;
  payee_account_number: ColumnType<string, string | undefined, string>;
  payee_account_holder: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  organisation_id: number;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  password_changed_at: Date | null;
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
  /** The application window; both null until the programme-year's call is announced. */
  application_opens_at: Date | null;
  application_closes_at: Date | null;
  /** 変更交付申請 is needed when an expense category moves by more than this percentage. */
  change_threshold_percent: ColumnType<number, number | undefined, number>;
  /** 実績報告 due this many days after completion; null: one month after, as the 交付要綱 says. */
  report_due_days: ColumnType<number | null, number | null | undefined, number | null>;
  /** …and never later than this day ("MM-DD") of the calendar year after the fiscal year starts. */
  report_latest_month_day: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** What a fiscal year's documents print (app/domain/document-settings.ts); no row: the defaults. */
export interface FiscalYearDocumentSettingsTable {
  fiscal_year: number;
  settings: Json<DocumentSettings>;
  updated_by: number | null;
  updated_at: UpdatedAt;
}

/** A later closing date-time for one organisation in one programme-year, with its reason. */
export interface DeadlineExtensionsTable {
  id: Generated<number>;
  organisation_id: number;
  fiscal_year: number;
  programme: "prefectural" | "intermediary";
  closes_at: Date;
  reason: string;
  created_by: number;
  created_at: CreatedAt;
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
  /** The organisation whose record the event concerns (each organisation reads its own trail). */
  subject_organisation_id: number | null;
}

export interface SessionsTable {
  /** HMAC of the cookie's token: a copy of this table cannot be used to sign in. */
  id: string;
  user_id: number;
  created_at: CreatedAt;
  last_seen_at: UpdatedAt;
  /** The absolute end of the session, whatever its activity. */
  expires_at: Date | string;
  ip_address: string | null;
  user_agent: string | null;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  user_id: number | null;
  ip_address: string;
  succeeded: boolean;
  attempted_at: CreatedAt;
}

/** Sign-in attempts counted per account (`key` is the e-mail) or per address, within a fixed window. */
export interface SignInCountersTable {
  scope: "account" | "ip";
  key: string;
  window_start: Date;
  count: number;
}

export interface RequestCountersTable {
  bucket: string;
  key: string;
  window_start: Date;
  count: number;
}

export interface PasswordTokensTable {
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Date | string;
  used_at: Date | string | null;
}

export interface PasswordHelpRequestsTable {
  id: Generated<number>;
  email: string;
  user_id: number | null;
  ip_address: string | null;
  requested_at: CreatedAt;
  resolved_at: Date | string | null;
  resolved_by: number | null;
}

export interface OutboundMessagesTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body: string;
  created_at: CreatedAt;
  sent_at: Date | null;
  /** The sender's bookkeeping (migration 015): see app/models/outbox.server.ts. */
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_attempt_at: Date | null;
  last_error: string | null;
  failed_at: Date | null;
}

export interface StashedFormInputsTable {
  id: string;
  user_id: number | null;
  path: string;
  fields: Json<Record<string, string | string[]>>;
  created_at: CreatedAt;
  expires_at: Date | string;
}

export interface ApplicationsTable {
  id: Generated<number>;
  organisation_id: number;
  programme: "prefectural" | "intermediary";
  fiscal_year: number;
  state: ColumnType<ApplicationState, string | undefined, string>;
  draft: Json<Record<string, unknown>>;
  revision: ColumnType<number, number | undefined, number>;
  latest_version: ColumnType<number, number | undefined, number>;
  created_by: number;
  updated_by: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ApplicationVersionsTable {
  application_id: number;
  version: number;
  snapshot: Json<SubmittedSnapshot>;
  grant_amount: number;
  requested_amount: number;
  submitted_by: number;
  submitted_at: CreatedAt;
}

export interface ApplicationAttachmentsTable {
  id: Generated<number>;
  application_id: number;
  document_type: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number;
  uploaded_at: CreatedAt;
}

export interface ApplicationCommentsTable {
  id: Generated<number>;
  application_id: number;
  version: number;
  path: string;
  body: string;
  created_by: number;
  created_at: CreatedAt;
}

/** 審査メモ: a reviewer's note on an application, never shown to its applicant. */
export interface ApplicationReviewNotesTable {
  id: Generated<number>;
  application_id: number;
  version: number;
  body: string;
  created_by: number;
  created_at: CreatedAt;
}

/** One item of the review checklist, as last ticked or unticked. */
export interface ApplicationReviewChecksTable {
  application_id: number;
  item: string;
  checked: boolean;
  version: number;
  updated_by: number;
  updated_at: UpdatedAt;
}

export interface ApplicationProceedingsTable {
  id: Generated<number>;
  application_id: number;
  kind: ProceedingKind;
  notice_fiscal_year: number | null;
  notice_serial: number | null;
  amount: number;
  record: Json<ProceedingRecord>;
  recorded_by: number;
  recorded_at: CreatedAt;
}

/** The reviewer in charge of an application (担当者): one at most. */
export interface ApplicationAssignmentsTable {
  application_id: number;
  reviewer_id: number;
  assigned_by: number;
  assigned_at: UpdatedAt;
}

/**
 * What the inbox filters and sorts on, one row per submitted application, kept by triggers in the same
 * transaction as each version, record, change of state and assignment (migration 008). The ledger columns
 * sum the records as `ledgerOf` does. Read it; never write it.
 */
export interface ApplicationSummariesTable {
  application_id: number;
  organisation_id: number;
  /** The organisation's `location_prefecture_code`, copied (migration 018). */
  prefecture_code: string | null;
  programme: "prefectural" | "intermediary";
  fiscal_year: number;
  state: ApplicationState;
  /** 0 while it waits on the reviewer, 1 otherwise (generated from `state`). */
  waiting_rank: GeneratedAlways<number>;
  latest_version: number;
  reviewer_id: number | null;
  first_submitted_at: Date | null;
  latest_submitted_at: Date | null;
  waiting_since: Date | null;
  requested_amount: number | null;
  acknowledged_warnings: number;
  decided_amount: number | null;
  claimed_amount: number;
  paid_amount: number;
  returned_amount: number;
  confirmed_amount: number | null;
  /** "YYYY-MM-DD": the latest performance report's date and its due date. */
  reported_on: string | null;
  report_due_on: string | null;
  /** The latest submitted version's computed grant (migration 027). */
  grant_amount: number | null;
  /** What it holds of its programme-year's budget, as currentCommitments reads it (migration 027). */
  committed_amount: Generated<number>;
  /** The kinds of record it has (migration 027). */
  kinds: Generated<string[]>;
}

/** A call for proposals (公募) of the model projects; its window is two instants (Japan time on screen). */
export interface CallsTable {
  id: Generated<number>;
  kind: "model-platform" | "model-npo";
  fiscal_year: number;
  title: string;
  description: string;
  eligibility: string;
  opens_at: ColumnType<Date, Date | string, Date | string>;
  closes_at: ColumnType<Date, Date | string, Date | string>;
  ceiling_per_project: number;
  total_budget: number;
  projects_sought: number;
  created_by: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A scoring criterion of a call, in its order, with its weight. */
export interface CallCriteriaTable {
  call_id: number;
  position: number;
  name: string;
  weight: number;
}

/** The published totals of the local-platform model projects for a fiscal year (migration 011). */
export interface ModelProjectYearsTable {
  fiscal_year: number;
  prefecture_or_designated_city_count: number;
  municipality_count: number;
}

/** A published participant of the local-platform model projects in a fiscal year (migration 011). */
export interface ModelProjectParticipantsTable {
  id: Generated<number>;
  fiscal_year: number;
  group: ModelProjectGroup;
  /** JIS X 0401 code of the prefecture the body is in. */
  prefecture_code: string;
  name: string;
  /** ふりがな; null where none is published (prefectures and designated cities). */
  reading: string | null;
  second_year: ColumnType<boolean, boolean | undefined, boolean>;
  /** ○ これまでの取組 (現状). */
  current_summary: string;
  /** ● 今後の取組. */
  plan_summary: string;
  partners_note: string | null;
  sort_order: number;
}

/** A proposal (企画提案) of an organisation to a call (migration 012): its draft kept as typed, saved by revision. */
export interface ProposalsTable {
  id: Generated<number>;
  call_id: number;
  organisation_id: number;
  state: ColumnType<ProposalState, ProposalState | undefined, ProposalState>;
  draft: Json<Record<string, unknown>>;
  revision: ColumnType<number, number | undefined, number>;
  latest_version: ColumnType<number, number | undefined, number>;
  created_by: number;
  updated_by: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A submitted version of a proposal, frozen (a trigger refuses changes). */
export interface ProposalVersionsTable {
  proposal_id: number;
  version: number;
  snapshot: Json<ProposalSnapshot>;
  total_amount: number;
  submitted_by: number;
  submitted_at: CreatedAt;
}

/** A reviewer's comment returning a version of a proposal. */
export interface ProposalCommentsTable {
  id: Generated<number>;
  proposal_id: number;
  version: number;
  body: string;
  created_by: number;
  created_at: CreatedAt;
}

/** A reviewer assigned to score a call's proposals. */
export interface CallReviewersTable {
  call_id: number;
  reviewer_id: number;
  assigned_by: number;
  assigned_at: CreatedAt;
}

/** A reviewer's submitted review of a proposal: a declared conflict of interest, or scores (proposal_scores). */
export interface ProposalReviewsTable {
  proposal_id: number;
  reviewer_id: number;
  conflict: boolean;
  comment: string;
  version: number;
  submitted_at: CreatedAt;
}

/** One criterion's score (1–5) in a reviewer's review, with its comment. */
export interface ProposalScoresTable {
  proposal_id: number;
  reviewer_id: number;
  position: number;
  score: number;
  comment: string;
}

/** The selection (採択) or non-selection of a proposal, with its reason and the contract amount agreed. */
export interface ProposalSelectionsTable {
  proposal_id: number;
  call_id: number;
  selected: boolean;
  contract_amount: number | null;
  reason: string;
  version: number;
  decided_by: number;
  decided_at: CreatedAt;
}

/** The contract (委託契約) of a selected proposal (migration 014). */
export interface ContractsTable {
  id: Generated<number>;
  proposal_id: number;
  call_id: number;
  organisation_id: number;
  amount: number;
  period_from: string;
  period_to: string;
  deliverables: string;
  state: ColumnType<ContractState, ContractState | undefined, ContractState>;
  created_by: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A frozen record of a contract: agreement, reports, acceptance, payment. */
export interface ContractRecordsTable {
  id: Generated<number>;
  contract_id: number;
  kind: ContractRecordBody["kind"];
  body: Json<ContractRecordBody>;
  amount: number | null;
  recorded_by: number;
  recorded_at: CreatedAt;
}

/** One person told of a change (migration 015). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  /** The record it is about: a path inside the app. */
  link: string;
  created_at: CreatedAt;
  read_at: Date | null;
}

/** A reminder the daily job has sent, by its key (migration 015). */
export interface RemindersSentTable {
  key: string;
  sent_on: string;
  created_at: CreatedAt;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  fiscal_years: FiscalYearsTable;
  programme_parameters: ProgrammeParametersTable;
  audit_events: AuditEventsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  sign_in_counters: SignInCountersTable;
  request_counters: RequestCountersTable;
  password_tokens: PasswordTokensTable;
  password_help_requests: PasswordHelpRequestsTable;
  outbound_messages: OutboundMessagesTable;
  stashed_form_inputs: StashedFormInputsTable;
  applications: ApplicationsTable;
  application_versions: ApplicationVersionsTable;
  application_attachments: ApplicationAttachmentsTable;
  application_comments: ApplicationCommentsTable;
  application_proceedings: ApplicationProceedingsTable;
  application_review_notes: ApplicationReviewNotesTable;
  application_review_checks: ApplicationReviewChecksTable;
  application_assignments: ApplicationAssignmentsTable;
  application_summaries: ApplicationSummariesTable;
  calls: CallsTable;
  call_criteria: CallCriteriaTable;
  call_reviewers: CallReviewersTable;
  proposal_reviews: ProposalReviewsTable;
  proposal_scores: ProposalScoresTable;
  proposal_selections: ProposalSelectionsTable;
  contracts: ContractsTable;
  contract_records: ContractRecordsTable;
  model_project_years: ModelProjectYearsTable;
  model_project_participants: ModelProjectParticipantsTable;
  proposals: ProposalsTable;
  proposal_versions: ProposalVersionsTable;
  proposal_comments: ProposalCommentsTable;
  notifications: NotificationsTable;
  reminders_sent: RemindersSentTable;
  fiscal_year_document_settings: FiscalYearDocumentSettingsTable;
  deadline_extensions: DeadlineExtensionsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
