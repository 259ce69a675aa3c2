import type { Migration } from "kysely";
import * as organisationsAndUsers from "./2026_11_27_001_organisations_and_users";
import * as fiscalYearsAndProgrammeParameters from "./2026_11_27_002_fiscal_years_and_programme_parameters";
import * as auditEvents from "./2026_11_27_003_audit_events";
import * as accountsAndSessions from "./2026_11_27_004_accounts_and_sessions";
import * as applications from "./2026_11_27_005_applications";
import * as applicationProceedings from "./2026_11_27_006_application_proceedings";
import * as signInCounters from "./2026_12_04_007_sign_in_counters";
import * as applicationAssignments from "./2026_12_05_008_application_assignments";
import * as reviewNotesAndChecklist from "./2026_12_05_009_review_notes_and_checklist";
import * as calls from "./2026_12_05_010_calls";
import * as modelProjectParticipants from "./2026_12_05_011_model_project_participants";
import * as proposals from "./2026_12_05_012_proposals";
import * as selection from "./2026_12_05_013_selection";
import * as contracts from "./2026_12_05_014_contracts";
import * as notifications from "./2026_12_05_015_notifications";
import * as programmeYears from "./2026_12_05_016_programme_years";
import * as passwordHelpRequests from "./2026_12_05_017_password_help_requests";
import * as inboxOrderAndPrefecture from "./2026_12_05_018_inbox_order_and_prefecture";
import * as statusReports from "./2026_12_05_019_status_reports";
import * as organisationPayee from "./2026_12_05_020_organisation_payee";
import * as discontinuation from "./2026_12_06_021_discontinuation";
import * as settlementClaims from "./2026_12_06_022_settlement_claims";
import * as cancellation from "./2026_12_06_023_cancellation";
import * as minorChangesAndCharges from "./2026_12_06_024_minor_changes_and_charges";
import * as requestCounters from "./2026_12_06_025_request_counters";
import * as applicationsStateIndex from "./2026_12_06_026_applications_state_index";
import * as summaryBudgetColumns from "./2026_12_06_027_summary_budget_columns";

/**
 * Every migration, in order. Listed by hand (not read from the folder) so the same list works under
 * tsx, Vitest and a bundled build. Names sort in the order they must run; a number may be skipped (010 is
 * another change's), as long as the names stay in order.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_27_001_organisations_and_users": organisationsAndUsers,
  "2026_11_27_002_fiscal_years_and_programme_parameters": fiscalYearsAndProgrammeParameters,
  "2026_11_27_003_audit_events": auditEvents,
  "2026_11_27_004_accounts_and_sessions": accountsAndSessions,
  "2026_11_27_005_applications": applications,
  "2026_11_27_006_application_proceedings": applicationProceedings,
  "2026_12_04_007_sign_in_counters": signInCounters,
  "2026_12_05_008_application_assignments": applicationAssignments,
  "2026_12_05_009_review_notes_and_checklist": reviewNotesAndChecklist,
  "2026_12_05_010_calls": calls,
  "2026_12_05_011_model_project_participants": modelProjectParticipants,
  "2026_12_05_012_proposals": proposals,
  "2026_12_05_013_selection": selection,
  "2026_12_05_014_contracts": contracts,
  "2026_12_05_015_notifications": notifications,
  "2026_12_05_016_programme_years": programmeYears,
  "2026_12_05_017_password_help_requests": passwordHelpRequests,
  "2026_12_05_018_inbox_order_and_prefecture": inboxOrderAndPrefecture,
  "2026_12_05_019_status_reports": statusReports,
  "2026_12_05_020_organisation_payee": organisationPayee,
  "2026_12_06_021_discontinuation": discontinuation,
  "2026_12_06_022_settlement_claims": settlementClaims,
  "2026_12_06_023_cancellation": cancellation,
  "2026_12_06_024_minor_changes_and_charges": minorChangesAndCharges,
  "2026_12_06_025_request_counters": requestCounters,
  "2026_12_06_026_applications_state_index": applicationsStateIndex,
  "2026_12_06_027_summary_budget_columns": summaryBudgetColumns,
};
