/** Times of day ("HH:MM") as minutes since midnight, and back. */

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const MINUTES_PER_DAY = 24 * 60;

/** Minutes since midnight of "HH:MM"; undefined when the text is not such a time. */
export function clockMinutes(clock: string): number | undefined {
  const match = CLOCK.exec(clock);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "HH:MM" of minutes since midnight; 1440 (the end of a day-long horizon) prints as "24:00". */
export function formatClock(minutes: number): string {
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
