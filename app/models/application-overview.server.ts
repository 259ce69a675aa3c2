import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { timeLeftUntil } from "~/domain/japan-time";
import { can, seesAllOrganisations } from "~/domain/permissions";
import { closingFor } from "~/domain/programme-years";
import { formatWarekiDateTime } from "~/domain/wareki";
import { listApplicationsForViewer, PROGRAMME_OF_KIND, windowWithExtension } from "./applications.server";

/**
 * The viewer's applications and, for an applicant without one in the current fiscal year, the call they may
 * answer, with the deadline that holds for its organisation (its own extension, when it has one).
 */
export async function applicationOverview(db: Kysely<Database>, viewer: Viewer, fiscalYear: number, now = new Date()) {
  const applications = await listApplicationsForViewer(db, viewer);
  const programme = PROGRAMME_OF_KIND[viewer.organisationKind];
  let canStart = null;
  let extension = null;
  if (programme && can(viewer.role, "edit:application:own")) {
    const has = applications.some((a) => a.fiscal_year === fiscalYear && a.programme === programme);
    const { window, extension: granted } = await windowWithExtension(db, viewer.organisationId, fiscalYear, programme);
    if (window && granted && granted.closesAt > window.closesAt) {
      extension = { fiscalYear, closesAt: formatWarekiDateTime(granted.closesAt), reason: granted.reason };
    }
    if (!has && window) {
      const closes = closingFor(window, granted);
      canStart = { fiscalYear, programme, deadline: `${formatWarekiDateTime(closes)}（${timeLeftUntil(now, closes)}）` };
    }
  }
  return { applications, showOrganisation: seesAllOrganisations(viewer.role, "application"), canStart, extension };
}
