/** en-GB display formats used across the UI: dd/mm/yyyy, 24-hour, Europe/London. */

const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant → 'dd/mm/yyyy HH:mm' in UK time. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d).replace(',', '');
}

/** A local wall time 'YYYY-MM-DDTHH:mm' (as WhatsApp showed it) → 'dd/mm/yyyy HH:mm'. */
export function formatWallTime(wall: string | undefined): string {
  if (!wall) return 'time unknown';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(wall);
  if (!m) return wall;
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] ? `${date} ${m[4]}:${m[5]}` : date;
}
