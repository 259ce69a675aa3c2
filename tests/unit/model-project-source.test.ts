import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countsByPrefecture } from "../../app/domain/model-projects";
import { fiscalYearOfLabel } from "../../app/domain/wareki";
import { modelProjectQueryProblem, readModelProjectFilter } from "../../app/forms/model-project-filter";
import { applyCorrections, parseModelProjectSource, readModelProjectSource } from "../../db/seed/model-project-source";

const TEXT = readFileSync(new URL("../../db/seed/sources/model-projects-r5.txt", import.meta.url), "utf8");
const { years, participants } = readModelProjectSource(TEXT);
const named = (name: string) => participants.find((p) => p.name === name)!;

describe("the published overview of the model projects, read", () => {
  it("gives 令和5年度 and 令和4年度 totals by group, newest first", () => {
    expect(years).toEqual([
      { fiscalYear: 2023, prefectureOrDesignatedCity: 4, municipality: 5 },
      { fiscalYear: 2022, prefectureOrDesignatedCity: 12, municipality: 17 },
    ]);
  });

  it("lists the 9 bodies of 令和5年度 in the published order, 4 prefectures or designated cities then 5 municipalities", () => {
    expect(participants.map((p) => [p.group, p.prefectureCode, p.name])).toEqual([
      ["prefecture_or_designated_city", "16", "富山県"],
      ["prefecture_or_designated_city", "04", "仙台市"],
      ["prefecture_or_designated_city", "40", "北九州市"],
      ["prefecture_or_designated_city", "40", "福岡市"],
      ["municipality", "14", "座間市"],
      ["municipality", "20", "飯山市"],
      ["municipality", "29", "生駒市"],
      ["municipality", "31", "鳥取市"],
      ["municipality", "34", "福山市"],
    ]);
    expect(new Set(participants.map((p) => p.fiscalYear))).toEqual(new Set([2023]));
  });

  it("marks 北九州市 and 鳥取市, and only them, as in their second year", () => {
    expect(participants.filter((p) => p.secondYear).map((p) => p.name)).toEqual(["北九州市", "鳥取市"]);
  });

  it("keeps the municipalities' readings, with 飯山市's corrected, and none for prefectures and designated cities", () => {
    expect(Object.fromEntries(participants.map((p) => [p.name, p.reading]))).toEqual({
      富山県: null,
      仙台市: null,
      北九州市: null,
      福岡市: null,
      座間市: "ざまし",
      飯山市: "いいやまし",
      生駒市: "いこまし",
      鳥取市: "とっとりし",
      福山市: "ふくやまし",
    });
    // As published, 飯山市 carried 生駒市's reading.
    expect(parseModelProjectSource(TEXT).participants.find((p) => p.name === "飯山市")!.reading).toBe("いこまし");
  });

  it("splits each summary into ○ (what was done) and ● (what is planned), without the marks or markup", () => {
    const toyama = named("富山県");
    expect(toyama.currentSummary).toMatch(/^これまで、自殺対策や生活困窮者対策、/);
    expect(toyama.currentSummary).toMatch(/取り組んできた。$/);
    expect(toyama.planSummary).toMatch(/^今後、これらの事業を効果的に推進するため/);
    for (const p of participants) {
      for (const text of [p.currentSummary, p.planSummary]) expect(text).not.toMatch(/[<>○●]|^\s|\s$/);
    }
    expect(named("鳥取市").currentSummary).toMatch(/^令和4年度に孤独・孤立対策官民連携プラットフォームを鳥取市において形成し/);
  });

  it("names 鳥取市's six partner towns with their prefectures and readings, and nobody else has partners", () => {
    const note = named("鳥取市").partnersNote!;
    expect(note).toBe(
      "連携中枢都市圏を構成する6町（鳥取県内4町、兵庫県内2町）：" +
        "鳥取県岩美郡岩美町（いわみぐんいわみちょう）、鳥取県八頭郡若桜町（やずぐんわかさちょう）、鳥取県八頭郡智頭町（やずぐんちづちょう）、" +
        "鳥取県八頭郡八頭町（やずぐんやずちょう）、兵庫県美方郡香美町（みかたぐんかみちょう）、兵庫県美方郡新温泉町（みかたぐんしんおんせんちょう）",
    );
    expect(participants.filter((p) => p.partnersNote !== null).map((p) => p.name)).toEqual(["鳥取市"]);
  });

  it("puts right the published slips and keeps everything else as published", () => {
    const raw = parseModelProjectSource(TEXT).participants;
    expect(raw.find((p) => p.name === "富山県")!.planSummary.match(/いききたい/g)).toHaveLength(2);
    expect(participants.some((p) => p.planSummary.includes("いききたい"))).toBe(false);
    expect(named("北九州市").planSummary).toMatch(/相互理解を深めていきたい。$/);
    expect(named("福山市").currentSummary).toContain("重層的支援体制整備事業");
    // Wording that is not clearly a slip stays: 取組み, and 生駒市's sentence as written.
    expect(named("富山県").planSummary).toContain("取組み調査");
    expect(named("生駒市").planSummary).toContain("相談先や支援策が見える化し住民への周知");
  });

  it("refuses a correction that finds nothing to correct, so a changed source is noticed", () => {
    expect(() => applyCorrections(participants, [{ name: "座間市", field: "reading", from: "いこまし", to: "x", reason: "" }])).toThrow(/座間市/);
  });

  it("refuses a text whose tables do not hold the counts it announces", () => {
    const missing = TEXT.split("\n")
      .filter((line) => !line.startsWith("仙台市\t"))
      .join("\n");
    expect(() => parseModelProjectSource(missing)).toThrow(/prefecture_or_designated_city: 3 listed/);
  });
});

describe("model projects by prefecture", () => {
  it("counts each prefecture's participants by group, in JIS order", () => {
    expect(countsByPrefecture(participants).map((c) => [c.prefectureName, c.prefectureOrDesignatedCity, c.municipality, c.total])).toEqual([
      ["宮城県", 1, 0, 1],
      ["神奈川県", 0, 1, 1],
      ["富山県", 1, 0, 1],
      ["長野県", 0, 1, 1],
      ["奈良県", 0, 1, 1],
      ["鳥取県", 0, 1, 1],
      ["広島県", 0, 1, 1],
      ["福岡県", 2, 0, 2],
    ]);
  });
});

describe("the model projects' address", () => {
  it("reads a known year and prefecture, and falls back to the latest year and every prefecture otherwise", () => {
    const read = (query: string) => readModelProjectFilter(new URLSearchParams(query), [2022, 2023]);
    expect(read("fiscalYear=2022&prefecture=40")).toEqual({ fiscalYear: 2022, prefectureCode: "40" });
    expect(read("fiscalYear=2030&prefecture=48")).toEqual({ fiscalYear: 2023, prefectureCode: null });
    expect(read("fiscalYear=令和5&prefecture=4")).toEqual({ fiscalYear: 2023, prefectureCode: null });
  });

  it("tells the API what is malformed, in Japanese", () => {
    expect(modelProjectQueryProblem(new URLSearchParams("fiscalYear=2023&prefecture=40"))).toBeNull();
    expect(modelProjectQueryProblem(new URLSearchParams("fiscalYear=R5"))?.message).toMatch(/西暦の4桁/);
    expect(modelProjectQueryProblem(new URLSearchParams("prefecture=48"))?.message).toMatch(/都道府県コード/);
  });

  it("reads 令和 fiscal year labels back to Gregorian years", () => {
    expect(fiscalYearOfLabel("令和5年度")).toBe(2023);
    expect(fiscalYearOfLabel("令和元年度")).toBe(2019);
    expect(fiscalYearOfLabel("平成30年度")).toBeNull();
  });
});
