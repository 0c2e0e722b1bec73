/**
 * Date parsing shared by inference and the splitter (which orders rows by the time column).
 * Accepted, all read as UTC:
 *   YYYY-MM-DD, YYYY/MM/DD                       optionally followed by a time
 *   DD/MM/YYYY (or MM/DD/YYYY), also with `-` `.` optionally followed by a time
 *   time: ` ` or `T`, then HH:MM, HH:MM:SS or HH:MM:SS.fff, optionally `Z`
 * A day-first/month-first value is read only when it is unambiguous (one part is above 12) or
 * when the caller says which order the column uses (inference decides that per column).
 */
export type DateOrder = "dmy" | "mdy";

// Groups: 1-3 the date parts, 4 the separator (the same twice), 5-8 hour, minute, second, fraction.
const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z?)?$`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/])(\d{1,2})\2(\d{1,2})${TIME}`);
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}`);

function toEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 April over to 1 May; a real date survives the round trip.
  const check = new Date(time);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return Number.NaN;
  return time;
}

/**
 * For a day-first/month-first value: the order it forces (one part above 12), undefined when
 * both orders would do, "invalid" when it is not such a value.
 */
export function dayMonthOrder(raw: string): DateOrder | "invalid" | undefined {
  const match = YEAR_LAST.exec(raw.trim());
  if (!match) return "invalid";
  const a = Number(match[1]);
  const b = Number(match[3]);
  if (a > 12 && b > 12) return "invalid";
  if (a > 12) return "dmy";
  if (b > 12) return "mdy";
  return undefined;
}

/** Milliseconds since 1970-01-01 UTC, or NaN when `raw` is not one of the accepted forms. */
export function parseDate(raw: string, order?: DateOrder): number {
  const text = raw.trim();
  const yearFirst = YEAR_FIRST.exec(text);
  const [, y, , mo, d, h, mi, s, f] = yearFirst ?? [];
  if (yearFirst) {
    return toEpoch(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), f);
  }
  const yearLast = YEAR_LAST.exec(text);
  if (!yearLast) return Number.NaN;
  const [, p1, , p2, year, hour, minute, second, fraction] = yearLast;
  const a = Number(p1);
  const b = Number(p2);
  const use = order ?? (a > 12 ? "dmy" : b > 12 ? "mdy" : undefined);
  if (use === undefined) return Number.NaN;
  const [day, month] = use === "dmy" ? [a, b] : [b, a];
  return toEpoch(
    Number(year),
    month,
    day,
    Number(hour ?? 0),
    Number(minute ?? 0),
    Number(second ?? 0),
    fraction,
  );
}
