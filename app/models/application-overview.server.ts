import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { timeLeft } from "~/domain/japan-time";
import { can, seesAllOrganisations } from "~/domain/permissions";
import { CURRENT_FISCAL_YEAR } from "~/domain/programmes";
import { applicationWindow, listApplicationsForViewer, PROGRAMME_OF_KIND } from "./applications.server";

/** The viewer's applications and, for an applicant without one this year, the call they may answer. */
export async function applicationOverview(db: Kysely<Database>, viewer: Viewer) {
  const applications = await listApplicationsForViewer(db, viewer);
  const programme = PROGRAMME_OF_KIND[viewer.organisationKind];
  let canStart = null;
  if (programme && can(viewer.role, "edit:application:own")) {
    const has = applications.some((a) => a.fiscal_year === CURRENT_FISCAL_YEAR && a.programme === programme);
    const window = await applicationWindow(db, CURRENT_FISCAL_YEAR, programme);
    if (!has && window) {
      const left = timeLeft(new Date(), window.closesOn);
      canStart = { fiscalYear: CURRENT_FISCAL_YEAR, programme, deadline: `${window.closesOn.replaceAll("-", "/")}（${left}）` };
    }
  }
  return { applications, showOrganisation: seesAllOrganisations(viewer.role, "application"), canStart };
}
