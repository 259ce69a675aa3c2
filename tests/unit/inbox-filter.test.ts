import { describe, expect, it } from "vitest";
import { inboxHref, readInboxFilter } from "../../app/forms/inbox-filter";

const read = (query: string) => readInboxFilter(new URLSearchParams(query));

describe("the reviewer's inbox filter", () => {
  it("reads each filter from the address", () => {
    expect(
      read(
        "fiscalYear=2026&programme=intermediary&state=submitted&state=returned&prefecture=40&q=つながり&findings=1&overdue=1&assignee=12&sort=decided&page=3",
      ),
    ).toEqual({
      fiscalYear: 2026,
      programme: "intermediary",
      states: ["submitted", "returned"],
      prefecture: "40",
      q: "つながり",
      findings: true,
      overdue: true,
      assignee: 12,
      sort: "decided",
      page: 3,
    });
  });

  it("leaves out what cannot be a filter, and never lists drafts", () => {
    expect(
      read(
        "fiscalYear=1e309&programme=__proto__&state=draft&state=toString&prefecture=48&findings=yes&overdue=true&assignee=__proto__&sort=constructor&page=1.01",
      ),
    ).toEqual({
      fiscalYear: null,
      programme: null,
      states: [],
      prefecture: null,
      q: "",
      findings: false,
      overdue: false,
      assignee: "me",
      sort: "waiting",
      page: 1,
    });
    expect(read("page=0").page).toBe(1);
    expect(["assignee=0", "assignee=-3", "assignee=1.5", "assignee=9999999999999999", "assignee=ALL"].map((q) => read(q).assignee)).toEqual([
      "me",
      "me",
      "me",
      "me",
      "me",
    ]);
    expect(read("page=9999999").page).toBe(1);
  });

  it("keeps a search as text PostgreSQL can hold, in half-width characters, at most 100 characters", () => {
    expect(read(`q=${encodeURIComponent("\u0000ＡＢＣ  ")}`).q).toBe("ABC");
    expect(read(`q=${"あ".repeat(300)}`).q).toHaveLength(100);
  });

  it("writes a filter back as the address it is read from, starting again at page 1 unless told", () => {
    const filter = read("fiscalYear=2025&state=closed&state=decided&q=富山&page=4");
    expect(inboxHref(filter)).toBe(`/applications?fiscalYear=2025&state=decided&state=closed&q=${encodeURIComponent("富山")}`);
    expect(read(inboxHref(filter, { page: 5 }).split("?")[1]!)).toEqual({ ...filter, page: 5 });
    expect(inboxHref(read(""))).toBe("/applications");
    expect(inboxHref(read("assignee=me"))).toBe("/applications");
  });

  it("is assigned to me unless it says whose: nobody's, everyone's or one reviewer's", () => {
    expect(read("").assignee).toBe("me");
    expect(read("assignee=nobody").assignee).toBe("nobody");
    expect(read("assignee=all").assignee).toBe("all");
    const filter = read("assignee=7&findings=1&overdue=1&sort=decided");
    expect(inboxHref(filter)).toBe("/applications?findings=1&overdue=1&assignee=7&sort=decided");
    expect(inboxHref(filter, { assignee: "nobody" })).toBe("/applications?findings=1&overdue=1&assignee=nobody&sort=decided");
  });
});
