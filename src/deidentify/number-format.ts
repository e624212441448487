/** A number without binary floating-point noise (0.1 * 3 → 0.3), to 12 significant digits. */
export function cleanNumber(value: number): number {
  // Integers are exact already; toPrecision is slow, so skip it for them.
  return Number.isInteger(value) ? value + 0 : Number(value.toPrecision(12));
}
