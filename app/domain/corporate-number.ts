/**
 * 法人番号 (corporate number): 13 digits, the first a check digit over the other twelve
 * (法人番号の指定等に関する省令 第2条): 9 − (Σ Pn × Qn mod 9), where Pn is the n-th digit counted
 * from the right of the twelve and Qn is 1 for odd n and 2 for even n.
 */

export function corporateNumberCheckDigit(base12: string): number {
  if (!/^[0-9]{12}$/.test(base12)) throw new Error("base must be 12 digits");
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (!/^[0-9]{13}$/.test(value)) return false;
  return Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}
