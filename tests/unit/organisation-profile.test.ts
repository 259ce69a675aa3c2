import { describe, expect, it } from "vitest";
import { OrganisationProfileSchema } from "~/forms/organisation-profile";

const blank = {
  representativeTitle: "",
  representativeName: "",
  postalCode: "",
  address: "",
  contactPerson: "",
  contactPhone: "",
  contactEmail: "",
  corporateNumber: "",
};

const errorsOf = (values: Record<string, string>) => {
  const parsed = OrganisationProfileSchema.safeParse({ ...blank, ...values });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("the organisation profile's account (振込先)", () => {
  it("may be left blank, every field of it", () => {
    expect(OrganisationProfileSchema.parse(blank)).toMatchObject({ bankName: "", branchName: "", accountType: "", accountNumber: "", accountHolder: "" });
  });

  it("takes a 7-digit account number typed in full-width digits, and 普通 or 当座", () => {
    expect(OrganisationProfileSchema.parse({ ...blank, accountNumber: "１２３４５６７", accountType: "当座" })).toMatchObject({
      accountNumber: "1234567",
      accountType: "当座",
    });
  });

  it("refuses another number of digits and another kind of account, each at its field", () => {
    expect(errorsOf({ accountNumber: "123456" })).toEqual({ accountNumber: "口座番号は7桁の数字で入力してください。" });
    expect(errorsOf({ accountNumber: "12345678" })).toEqual({ accountNumber: "口座番号は7桁の数字で入力してください。" });
    expect(errorsOf({ accountType: "貯蓄" })).toEqual({ accountType: "預金種別は「普通」か「当座」を選んでください。" });
  });
});
