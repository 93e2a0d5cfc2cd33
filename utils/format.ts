/** en-GB display formats used across the UI: dd/mm/yyyy, 24-hour, Europe/London. */
import { formatDateTime } from './deadlines/format';

/** An ISO instant → 'dd/mm/yyyy HH:mm' in UK time (the text itself if it is not a date). */
export function formatInstant(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : formatDateTime(iso);
}

/** A local wall time 'YYYY-MM-DDTHH:mm' (as WhatsApp showed it) → 'dd/mm/yyyy HH:mm'. */
export function formatWallTime(wall: string | undefined): string {
  if (!wall) return 'time unknown';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(wall);
  if (!m) return wall;
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] ? `${date} ${m[4]}:${m[5]}` : date;
}
