import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { additionalCharge, ChargeInputError, daysCounted, lateCharge } from "~/domain/subsidy-charges";

const MILLION = 1_000_000;

describe("daysCounted", () => {
  it("counts both ends: the same day is one day, a leap year's February has 29", () => {
    expect(daysCounted("2026-06-01", "2026-06-01")).toBe(1);
    expect(daysCounted("2026-06-01", "2026-06-02")).toBe(2);
    expect(daysCounted("2028-02-28", "2028-03-01")).toBe(3);
    expect(daysCounted("2027-02-28", "2027-03-01")).toBe(2);
    expect(daysCounted("2026-12-31", "2027-01-01")).toBe(2);
  });
});

describe("加算金 (Subsidy Act §19(1))", () => {
  const once = (on: string) => [{ amount: MILLION, on }];

  it("counts the day the money was received: returned the same day, one day at 10.95% a year", () => {
    // 1,000,000 × 10.95% × 1 / 365 = 300
    expect(additionalCharge(MILLION, once("2026-06-01"), [{ amount: MILLION, on: "2026-06-01" }], "2026-06-01")).toBe(300);
  });

  it("is 10.95% for a year of 365 days, and 366/365 of it across 29 February (a year is 365 days for the rate)", () => {
    expect(additionalCharge(MILLION, once("2025-04-01"), [{ amount: MILLION, on: "2026-03-31" }], "2026-03-31")).toBe(109_500);
    expect(additionalCharge(MILLION, once("2027-04-01"), [{ amount: MILLION, on: "2028-03-31" }], "2028-03-31")).toBe(109_800);
  });

  it("rounds the whole charge down to the yen, once", () => {
    // 1,234,567 × 1,095 / 3,650,000 = 370.37…
    expect(additionalCharge(1_234_567, [{ amount: 1_234_567, on: "2026-06-01" }], [{ amount: 1_234_567, on: "2026-06-01" }], "2026-06-01")).toBe(370);
    // Two parts of 1 yen a day each are 0.0003 yen: summed before rounding, still 0.
    expect(additionalCharge(2, [{ amount: 2, on: "2026-06-01" }], [{ amount: 2, on: "2026-06-01" }], "2026-06-01")).toBe(0);
  });

  it("takes the amount ordered back as received on the latest payment's day first", () => {
    const received = [
      { amount: 600_000, on: "2026-05-01" },
      { amount: 400_000, on: "2026-08-01" },
    ];
    // 400,000 from 1 August (31 days) and 100,000 from 1 May (123 days) to 31 August.
    expect(additionalCharge(500_000, received, [{ amount: 500_000, on: "2026-08-31" }], "2026-08-31")).toBe(7_410);
  });

  it("stops counting on each part returned from the day after it is returned", () => {
    const returned = [
      { amount: 400_000, on: "2026-04-30" },
      { amount: 600_000, on: "2026-05-31" },
    ];
    // 400,000 × 30 days + 600,000 × 61 days = 48,600,000 yen-days.
    expect(additionalCharge(MILLION, once("2026-04-01"), returned, "2026-12-31")).toBe(14_580);
  });

  it("counts what is not yet returned to the day it is worked out for", () => {
    expect(additionalCharge(MILLION, once("2026-04-01"), [], "2026-04-10")).toBe(3_000);
    expect(additionalCharge(0, once("2026-04-01"), [], "2026-04-10")).toBe(0);
  });

  it("refuses amounts and dates that cannot be", () => {
    expect(() => additionalCharge(MILLION + 1, once("2026-04-01"), [], "2026-04-10")).toThrow(ChargeInputError);
    expect(() => additionalCharge(MILLION, once("2026-04-01"), [{ amount: MILLION + 1, on: "2026-04-02" }], "2026-04-10")).toThrow(ChargeInputError);
    expect(() => additionalCharge(MILLION, once("2026-04-01"), [{ amount: MILLION, on: "2026-03-31" }], "2026-04-10")).toThrow(
      "受領の日より前の返還があります。",
    );
    expect(() => additionalCharge(MILLION, once("2026-02-30"), [], "2026-04-10")).toThrow(ChargeInputError);
    expect(() => additionalCharge(1.5, once("2026-04-01"), [], "2026-04-10")).toThrow(ChargeInputError);
  });
});

describe("延滞金 (Subsidy Act §19(2))", () => {
  it("is nothing when paid on or before the due date", () => {
    expect(lateCharge(MILLION, "2026-06-30", [{ amount: MILLION, on: "2026-06-30" }], "2026-12-31")).toBe(0);
    expect(lateCharge(MILLION, "2026-06-30", [{ amount: MILLION, on: "2026-06-01" }], "2026-12-31")).toBe(0);
  });

  it("counts from the day after the due date to the day paid, both counted", () => {
    expect(lateCharge(MILLION, "2026-06-30", [{ amount: MILLION, on: "2026-07-01" }], "2026-12-31")).toBe(300);
    expect(lateCharge(MILLION, "2026-06-30", [{ amount: MILLION, on: "2026-07-30" }], "2026-12-31")).toBe(9_000);
    // 29 February 2028 is one of the days.
    expect(lateCharge(MILLION, "2028-02-28", [{ amount: MILLION, on: "2028-03-01" }], "2028-12-31")).toBe(600);
  });

  it("charges only the part paid late, and what is unpaid to the day it is worked out for", () => {
    const returned = [
      { amount: 600_000, on: "2026-06-30" },
      { amount: 400_000, on: "2026-07-10" },
    ];
    expect(lateCharge(MILLION, "2026-06-30", returned, "2026-12-31")).toBe(1_200);
    expect(lateCharge(MILLION, "2026-06-30", [], "2026-07-10")).toBe(3_000);
    expect(lateCharge(MILLION, "2026-06-30", [], "2026-06-30")).toBe(0);
  });

  const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => new Date(Date.UTC(2026, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const yen = fc.integer({ min: 1, max: 10_000_000_000 });

  it("is the same whether a payment is made in one part or two on the same day", () => {
    fc.assert(
      fc.property(yen, fc.integer({ min: 1, max: 99 }), day, day, (amount, percent, dueOn, paidOn) => {
        const first = Math.floor((amount * percent) / 100);
        const parts =
          first > 0
            ? [
                { amount: first, on: paidOn },
                { amount: amount - first, on: paidOn },
              ].filter((p) => p.amount > 0)
            : [{ amount, on: paidOn }];
        expect(lateCharge(amount, dueOn, parts, paidOn)).toBe(lateCharge(amount, dueOn, [{ amount, on: paidOn }], paidOn));
      }),
    );
  });

  it("never falls when the payment comes later", () => {
    fc.assert(
      fc.property(yen, day, day, fc.integer({ min: 1, max: 400 }), (amount, dueOn, paidOn, later) => {
        const laterDay = new Date(Date.parse(`${paidOn}T00:00:00Z`) + later * 86_400_000).toISOString().slice(0, 10);
        expect(lateCharge(amount, dueOn, [{ amount, on: laterDay }], laterDay)).toBeGreaterThanOrEqual(
          lateCharge(amount, dueOn, [{ amount, on: paidOn }], paidOn),
        );
        expect(additionalCharge(amount, [{ amount, on: dueOn }], [], laterDay)).toBeGreaterThanOrEqual(
          additionalCharge(amount, [{ amount, on: dueOn }], [], paidOn),
        );
      }),
    );
  });
});
