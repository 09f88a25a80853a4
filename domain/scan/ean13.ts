/** EAN-13 (GTIN-13) on manufacturers' boxes: 13 ASCII digits, the last a mod-10 check digit (weights 1,3,1,3…). */
export const EAN13_PATTERN = /^\d{13}$/;

/** Check digit for the first 12 digits; `digits12` must be 12 ASCII digits. */
export function ean13CheckDigit(digits12: string): number {
  if (!/^\d{12}$/.test(digits12)) throw new RangeError("ean13CheckDigit needs 12 digits");
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return EAN13_PATTERN.test(code) && ean13CheckDigit(code.slice(0, 12)) === code.charCodeAt(12) - 48;
}
