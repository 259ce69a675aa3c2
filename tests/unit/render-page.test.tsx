import { describe, expect, it } from "vitest";
import { renderPage } from "../../app/utils/render-page.server";

/** A page whose Japanese text crosses the renderer's 2,048-byte buffers at every possible byte offset. */
function page(padding: number) {
  const text = "孤独・孤立対策推進交付金の申請です。".repeat(5);
  return (
    <html lang="ja">
      <body>
        <p>{"a".repeat(padding)}</p>
        {Array.from({ length: 100 }, (_, i) => (
          <p key={i}>{text}</p>
        ))}
      </body>
    </html>
  );
}

describe("renderPage", () => {
  it.each([0, 1, 2, 3, 500, 2047, 2048, 2049])("sends every Japanese character whole, with %i bytes before the text", (padding) => {
    const bytes = new TextEncoder().encode(renderPage(page(padding)));
    expect(bytes.includes(0)).toBe(false);
    const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    expect(html.startsWith('<!DOCTYPE html><html lang="ja">')).toBe(true);
    expect(html.split("孤独・孤立対策推進交付金の申請です。")).toHaveLength(100 * 5 + 1);
  });
});
