import { describe, expect, it } from "vitest";
import { noticeAddressee } from "../../app/pdf/letterhead";
import { TOYAMA } from "../support/records";

const NPO = { ...TOYAMA, name: "特定非営利活動法人つながり", representative_title: "理事長", representative_name: "山田 花子" };

describe("how a notice addresses the applicant", () => {
  it("writes the representative's title and name, without the organisation again when the title names it", () => {
    expect(noticeAddressee(TOYAMA)).toBe("富山県知事　富山 一郎　殿");
    expect(noticeAddressee({ ...TOYAMA, name: "仙台市", representative_title: "仙台市長", representative_name: "青葉 太郎" })).toBe("仙台市長　青葉 太郎　殿");
  });

  it("writes the organisation, the title and the name when the title does not name the organisation", () => {
    expect(noticeAddressee(NPO)).toBe("特定非営利活動法人つながり　理事長　山田 花子　殿");
  });

  it("falls back to the title alone when the name is blank", () => {
    expect(noticeAddressee({ ...TOYAMA, representative_name: " " })).toBe("富山県知事　殿");
    expect(noticeAddressee({ ...NPO, representative_name: "" })).toBe("特定非営利活動法人つながり　理事長　殿");
  });
});
