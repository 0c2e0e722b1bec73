import { isKindredError } from "@kindred/engine/errors";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFormat = "json" | "text";
/** Only scalars: ids, counts, durations, codes. Never rows, cells, customer ids or messages built from them. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function textValue(value: string | number | boolean | null): string {
  const text = String(value);
  return /^[\w.:/@+-]*$/.test(text) && text !== "" ? text : JSON.stringify(text);
}

/**
 * Structured logs, one event per line on stderr: `json` for log collectors (time, level, event and
 * scalar fields), `text` (the same as key=value) for people at a terminal.
 */
export function createLogger(options: {
  format: LogFormat;
  level: LogLevel;
  write?: (line: string) => void;
  now?: () => Date;
}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const min = RANK[options.level];
  const emit =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (RANK[level] < min) return;
      const defined = Object.entries(fields).filter(
        (entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined,
      );
      const time = now().toISOString();
      if (options.format === "json") {
        write(`${JSON.stringify({ time, level, event, ...Object.fromEntries(defined) })}\n`);
      } else {
        const rest = defined.map(([k, v]) => ` ${k}=${textValue(v)}`).join("");
        write(`${time} ${level.toUpperCase().padEnd(5)} ${event}${rest}\n`);
      }
    };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** A logger that drops everything (tests, and commands that print their own output). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * What may be logged of an error. An expected one (KindredError) gives its code and where it
 * points (row number, column name, field), never its message: messages quote cell values. An
 * unexpected one gives its class and stack frames; its message can carry data (a database
 * driver's message may quote the values it was given), so it is logged only at debug level.
 */
export function errorFields(error: unknown): LogFields {
  if (isKindredError(error)) {
    const { row, column, field } = error.location;
    return { errorCode: error.code, errorRow: row, errorColumn: column, errorField: field };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .map((line) => line.trim())
    .slice(0, 12)
    .join(" | ");
  return { errorCode: "INTERNAL", errorName: e.name, stack: frames };
}

/** Logs an unexpected error: its safe fields, and its message only at debug level. */
export function logUnexpected(log: Logger, event: string, error: unknown, fields: LogFields = {}): void {
  log.error(event, { ...fields, ...errorFields(error) });
  log.debug(`${event}.detail`, {
    ...fields,
    message: error instanceof Error ? error.message : String(error),
  });
}
