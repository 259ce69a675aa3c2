import { storableValue } from "~/domain/text";

/**
 * Reads a JSON request body of at most `maxBytes`, without ever holding more than that in memory, its text
 * made storable (storableValue). Returns a problem with its HTTP status instead of throwing.
 */
export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string; message: string };

export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  const tooLarge = {
    ok: false,
    status: 413,
    error: "payload-too-large",
    message: `リクエスト本文が大きすぎます（上限 ${maxBytes.toLocaleString("ja-JP")} バイト）。`,
  } as const;

  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    return {
      ok: false,
      status: 415,
      error: "unsupported-media-type",
      message: "Content-Type: application/json で JSON を送ってください。",
    };
  }
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return tooLarge;
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder("utf-8").decode(Buffer.concat(chunks));
  try {
    return { ok: true, value: storableValue(JSON.parse(text)) };
  } catch {
    return { ok: false, status: 400, error: "invalid-json", message: "リクエスト本文が正しい JSON ではありません。" };
  }
}
