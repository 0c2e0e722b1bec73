import { type ParseArgsConfig, parseArgs } from "node:util";
import { KindredError } from "@kindred/engine/errors";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Parses a command's flags; unknown flags and stray arguments are errors naming the flag. */
export function parseCommand<T extends OptionSpec>(
  argv: string[],
  options: T,
  positionals = 0,
): { values: { [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string }; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length > positionals) {
      throw new KindredError("INVALID_CONFIG", `unexpected argument "${parsed.positionals[positionals]}"`);
    }
    return parsed as ReturnType<typeof parseCommand<T>>;
  } catch (error) {
    if (error instanceof KindredError) throw error;
    throw new KindredError("INVALID_CONFIG", (error as Error).message);
  }
}

export function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) {
    throw new KindredError("INVALID_CONFIG", `--${flag} must be an integer, got "${value}"`, { field: flag });
  }
  return n;
}

export function required(value: string | undefined, flag: string): string {
  if (!value) throw new KindredError("INVALID_CONFIG", `--${flag} is required`, { field: flag });
  return value;
}
