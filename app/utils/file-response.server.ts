/**
 * A file download: the bytes with their type, and a Content-Disposition carrying an ASCII fallback name
 * and the real (Japanese) name as RFC 5987 `filename*`.
 */
export function fileResponse(
  bytes: Uint8Array,
  { contentType, fileName, inline = false, headers = {} }: { contentType: string; fileName: string; inline?: boolean; headers?: Record<string, string> },
): Response {
  // Old clients read only `filename`: the name itself when it is plain ASCII, otherwise a neutral one.
  const ascii = /^[\x20-\x7e]+$/.test(fileName) && !/["\\]/.test(fileName) ? fileName : `download${/\.[A-Za-z0-9]+$/.exec(fileName)?.[0] ?? ""}`;
  return new Response(bytes.slice(), {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ...headers,
    },
  });
}
