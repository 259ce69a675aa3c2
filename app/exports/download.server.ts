import { FILE_KINDS } from "~/domain/file-types";
import { fileResponse } from "~/utils/file-response.server";
import { toCsv } from "./csv";
import type { ExportTable } from "./table";
import { toXlsx } from "./xlsx.server";

export type DownloadFormat = "csv" | "xlsx";

/** A table as a CSV or Excel download named `${baseName}.csv` / `.xlsx`. */
export async function tableDownload<Row>(table: ExportTable<Row>, format: DownloadFormat, baseName: string): Promise<Response> {
  return format === "csv"
    ? fileResponse(new TextEncoder().encode(toCsv(table)), { contentType: "text/csv; charset=utf-8", fileName: `${baseName}.csv` })
    : fileResponse(await toXlsx(table), { contentType: FILE_KINDS.xlsx.contentType, fileName: `${baseName}.xlsx` });
}
