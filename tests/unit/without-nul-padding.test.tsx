import { PassThrough, type Transform } from "node:stream";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutNulPadding } from "../../app/utils/without-nul-padding.server";

const SENTENCE = "孤独・孤立対策推進交付金の申請です。";

/** A page whose Japanese text crosses the renderer's 2,048-byte buffers at every possible byte offset. */
function page(padding: number) {
  return (
    <html lang="ja">
      <body>
        <p>{"a".repeat(padding)}</p>
        {Array.from({ length: 100 }, (_, i) => (
          <p key={i}>{SENTENCE.repeat(5)}</p>
        ))}
      </body>
    </html>
  );
}

/** The page as the server sends it: streamed through `body`. */
function streamed(padding: number, body: Transform): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(page(padding), { onAllReady: () => pipe(body), onShellError: reject });
  });
}

describe("pages streamed without the renderer's NUL padding", () => {
  it.each([0, 1, 2, 3, 500, 2047, 2048, 2049])("sends every Japanese character whole, with %i bytes before the text", async (padding) => {
    const bytes = await streamed(padding, withoutNulPadding());
    expect(bytes.includes(0)).toBe(false);
    const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    expect(html).toBe(`<!DOCTYPE html>${renderToString(page(padding))}`);
    expect(html.split(SENTENCE)).toHaveLength(100 * 5 + 1);
  });

  it("is needed: react-dom 18 alone pads such a page with NUL bytes", async () => {
    expect((await streamed(0, new PassThrough())).includes(0)).toBe(true);
  });
});
