function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The event's clock at an instant, "13:42", in the browser's local time zone. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A length of time as hours and minutes, "02:05" (hours go past 24 when they must). */
export function hoursMinutes(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
