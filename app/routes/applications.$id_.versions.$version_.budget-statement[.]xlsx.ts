import { requireVisibleVersion } from "~/auth/visible-version.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { FILE_KINDS } from "~/domain/file-types";
import { readSnapshot } from "~/domain/submitted-version";
import { budgetStatementName, budgetStatementSheets } from "~/exports/budget-statement";
import { toXlsxWorkbook } from "~/exports/xlsx.server";
import { fileResponse } from "~/utils/file-response.server";

/**
 * GET /applications/:id/versions/:version/budget-statement.xlsx — 所要額調書 of a submitted version as Excel,
 * from its frozen snapshot, for whoever may see the version (its applicant's organisation and reviewers).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { version } = await requireVisibleVersion(request, context, params);

  const snapshot = readSnapshot(version.snapshot);
  return fileResponse(await toXlsxWorkbook(budgetStatementSheets(snapshot)), {
    contentType: FILE_KINDS.xlsx.contentType,
    fileName: `${budgetStatementName(snapshot)}.xlsx`,
  });
}
