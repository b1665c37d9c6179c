/**
 * US SSN validity ranges (MASKING.md): never area 000, 666 or 9xx, group 00, serial 0000.
 * Numbers outside them were never issued, so a digit run in such a range is something else.
 */
export function isValidSsn(area: number, group: number, serial: number): boolean {
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}
