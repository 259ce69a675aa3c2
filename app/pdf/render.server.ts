import type { DocumentSpec } from "./blocks";
import { memoise } from "~/utils/memoise";
import { taskSlots } from "~/utils/task-slots";

/**
 * A document as a PDF (draw.server.ts draws it), rendered a few at a time and remembered.
 *
 * `wholeFont` embeds the complete fonts instead (only to compare, in the benchmark).
 */
export function renderPdf(spec: DocumentSpec, options: { wholeFont?: boolean } = {}): Promise<Uint8Array> {
  return remembered(spec, options);
}

/**
 * Documents rendered at once, per process. Subsetting the fonts and laying out pages is CPU work of tens of
 * milliseconds that holds several megabytes while it runs: with a request per connection, fifty at once
 * would hold fifty times that for no gain in throughput on a machine of a few cores. The rest wait their turn.
 */
export const RENDERING_SLOTS = 2;

const renderingSlots = taskSlots(RENDERING_SLOTS);

/**
 * The last documents rendered, per process, by what they say: the same record, version or draft asked for
 * again (by the reviewer, then the applicant, then the reviewer once more) is sent as it was rendered, and
 * requests for one document at once share one rendering. The file is the same either way, since drawing
 * depends on nothing but the spec; a spec that differs in anything is rendered anew.
 */
const REMEMBERED_DOCUMENTS = 32;

const remembered = memoise(
  (spec: DocumentSpec, options: { wholeFont?: boolean }) =>
    renderingSlots.run(async () => {
      const { drawPdf } = await import("./draw.server");
      return drawPdf(spec, options);
    }),
  REMEMBERED_DOCUMENTS,
);
