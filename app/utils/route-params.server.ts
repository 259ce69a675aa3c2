import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/viewer.server";

/** Whether a number can be a record's id: a whole number from 1 up. Services answer anything else as missing. */
export const isRecordId = (id: number): boolean => Number.isSafeInteger(id) && id > 0;

/**
 * A record's number from the page's address (`/applications/:id`): a positive whole number written in
 * digits, or the page is not found — a mistyped address never reaches the database. The one place route
 * ids are read.
 */
export function idParam(params: LoaderFunctionArgs["params"], name: string): number {
  const raw = params[name] ?? "";
  const id = /^[0-9]{1,15}$/.test(raw) ? Number(raw) : 0;
  if (!isRecordId(id)) notFound();
  return id;
}
