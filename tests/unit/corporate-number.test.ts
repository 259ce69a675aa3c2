import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corporateNumberCheckDigit, isValidCorporateNumber } from "../../app/domain/corporate-number";

describe("法人番号", () => {
  it.each([
    { name: "内閣府", number: "2000012010019" },
    { name: "国税庁", number: "7000012050002" },
  ])("accepts the number of $name", ({ number }) => {
    expect(isValidCorporateNumber(number)).toBe(true);
  });

  it.each([
    { name: "the check digit changed", number: "3000012010019" },
    { name: "the last digit changed", number: "2000012010018" },
    { name: "a middle digit changed", number: "2000012011019" },
    { name: "two neighbours swapped", number: "2000012001019" },
    { name: "a digit missing", number: "200001201001" },
    { name: "a digit too many", number: "20000120100190" },
    { name: "full-width digits", number: "２００００１２０１００１９" },
    { name: "a hyphen inside", number: "2-000012010019" },
    { name: "an empty string", number: "" },
  ])("refuses 内閣府's number with $name", ({ number }) => {
    expect(isValidCorporateNumber(number)).toBe(false);
  });

  it("computes 内閣府's check digit by hand: 9 − (16 mod 9) = 2", () => {
    // From the right, 9·1 + 1·2 + 0·1 + 0·2 + 1·1 + 0·2 + 2·1 + 1·2 = 16.
    expect(corporateNumberCheckDigit("000012010019")).toBe(2);
  });

  it("refuses a base that is not twelve digits", () => {
    expect(() => corporateNumberCheckDigit("12345")).toThrow();
  });

  const base = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 });

  it("makes a valid number from any twelve digits, with a check digit from 1 to 9", () => {
    fc.assert(
      fc.property(base, (digits) => {
        const check = corporateNumberCheckDigit(digits.join(""));
        expect(check).toBeGreaterThanOrEqual(1);
        expect(check).toBeLessThanOrEqual(9);
        expect(isValidCorporateNumber(`${check}${digits.join("")}`)).toBe(true);
      }),
    );
  });

  it("catches any change of one digit by less than 9", () => {
    fc.assert(
      fc.property(base, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 8 }), (digits, at, delta) => {
        const number = `${corporateNumberCheckDigit(digits.join(""))}${digits.join("")}`;
        const changed = digits.with(at, (digits[at]! + delta) % 10);
        // A change of ±9 (0 ↔ 9) or a wrap through 10 that amounts to it is invisible to a mod-9 check.
        fc.pre(Math.abs(changed[at]! - digits[at]!) !== 9);
        expect(isValidCorporateNumber(`${number[0]}${changed.join("")}`)).toBe(false);
      }),
    );
  });
});
