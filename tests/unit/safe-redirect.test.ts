import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/utils/safe-redirect";

describe("safeRedirect", () => {
  it.each([
    ["/", "/"],
    ["/applications", "/applications"],
    ["/applications/3?tab=budget#x", "/applications/3?tab=budget#x"],
    ["/account?restore=%E7%94%B3%E8%AB%8B", "/account?restore=%E7%94%B3%E8%AB%8B"],
    // Encoded slashes stay encoded in a Location header: the browser stays on this origin.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/./applications/../account", "/./applications/../account"],
  ])("keeps the path of this app %j", (to, expected) => {
    expect(safeRedirect(to, "/fallback")).toBe(expected);
  });

  it.each([
    ["an absolute https URL", "https://evil.example"],
    ["an absolute http URL with a path", "http://evil.example/login"],
    ["a protocol-relative URL", "//evil.example"],
    ["a protocol-relative URL with a path", "//evil.example/applications"],
    ["a backslash right after the slash", "/\\evil.example"],
    ["a backslash anywhere", "/applications\\..\\evil"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["an empty string", ""],
    ["a relative path", "applications/3"],
    ["a tab the URL parser would drop", "/\t/evil.example"],
    ["a newline that would split a header", "/applications\r\nSet-Cookie: x=1"],
    ["a NUL character", "/applications\u0000"],
    ["a C1 control character", "/applications\u0085"],
    ["leading whitespace", " /applications"],
  ])("refuses %s and gives the fallback", (_what, to) => {
    expect(safeRedirect(to, "/fallback")).toBe("/fallback");
  });

  it("gives the fallback for a missing value or a file from a form", () => {
    expect(safeRedirect(null, "/fallback")).toBe("/fallback");
    expect(safeRedirect(undefined, "/fallback")).toBe("/fallback");
    expect(safeRedirect(new File(["x"], "x.txt"), "/fallback")).toBe("/fallback");
  });

  it("falls back to the top page when no fallback is given", () => {
    expect(safeRedirect("https://evil.example")).toBe("/");
  });
});
