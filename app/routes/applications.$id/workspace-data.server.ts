import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApplicationDraft } from "~/domain/application-draft";
import { CHECKLIST_STATES, checklistHint, REVIEW_CHECKLISTS } from "~/domain/review";
import { readSnapshot } from "~/domain/submitted-version";
import { commentTargetLabel, commentTargetOptions } from "~/forms/review";
import { getVersion } from "~/models/applications.server";
import { loadReviewWorkspace } from "~/models/review.server";
import type { WorkspaceData } from "./workspace";

/** The reviewer's workspace: the latest version, the comment targets, the checklist with what the version shows, the notes. */
export async function workspaceFor(
  db: LoaderFunctionArgs["context"]["db"],
  viewer: Parameters<typeof loadReviewWorkspace>[1],
  application: Parameters<typeof loadReviewWorkspace>[2] & { state: string },
  attachments: { id: number }[],
): Promise<WorkspaceData | null> {
  const loaded = await loadReviewWorkspace(db, viewer, application);
  if (!loaded) return null;
  const { snapshot } = loaded;
  return {
    snapshot,
    targets: commentTargetOptions(snapshot),
    checklist: REVIEW_CHECKLISTS[application.programme].map((item) => ({
      code: item.code,
      label: item.label,
      hint: checklistHint(item, snapshot),
      tick: loaded.checks.find((c) => c.item === item.code) ?? null,
    })),
    checklistEditable: (CHECKLIST_STATES as readonly string[]).includes(application.state),
    notes: loaded.notes,
    history: await labelled(db, application.id, loaded.comments, snapshot),
    budget: loaded.budget,
    linkable: attachments.map((a) => a.id),
  };
}

/** Each past comment named as its target was in the version it was made on (each version read once). */
async function labelled<C extends { version: number; path: string }>(
  db: LoaderFunctionArgs["context"]["db"],
  applicationId: number,
  comments: C[],
  latest: { version: number; draft: ApplicationDraft },
) {
  const drafts = new Map<number, ApplicationDraft | undefined>([[latest.version, latest.draft]]);
  for (const version of new Set(comments.map((c) => c.version))) {
    if (drafts.has(version)) continue;
    const row = await getVersion(db, applicationId, version);
    drafts.set(version, row && readSnapshot(row.snapshot).draft);
  }
  return comments.map((c) => ({ ...c, label: commentTargetLabel(c.path, drafts.get(c.version)) }));
}
