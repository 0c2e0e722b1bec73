/**
 * Compose's variable interpolation, as `docker compose` applies it before validating a file:
 * `$$` is a literal `$`; `${VAR}`, `${VAR:-default}` / `${VAR-default}` and `${VAR:?message}` /
 * `${VAR?message}` (required). Returns the text and the required variables that were missing.
 */
export function interpolate(text: string, env: Record<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (match, name: string | undefined, colon: string, op: string, arg: string) => {
      if (match === "$$") return "$";
      const value = env[name as string];
      const unset = value === undefined || (colon === ":" && value === "");
      if (op === "?" && unset) {
        missing.push(name as string);
        return "";
      }
      if (op === "-" && unset) return arg;
      return value ?? "";
    },
  );
  return { text: out, missing };
}

/** Every variable a compose file reads. */
export function composeVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string))];
}

export interface DockerfileStage {
  from: string;
  name: string | null;
  instructions: { op: string; args: string }[];
}

/** A Dockerfile's ARGs before the first FROM, and its stages with their instructions. */
export function parseDockerfile(text: string): { args: Record<string, string>; stages: DockerfileStage[] } {
  const lines = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const args: Record<string, string> = {};
  const stages: DockerfileStage[] = [];
  for (const line of lines) {
    const [op = "", ...rest] = line.split(/\s+/);
    const upper = op.toUpperCase();
    const argText = rest.join(" ");
    if (upper === "FROM") {
      const [from = "", as, name] = rest;
      stages.push({ from, name: as?.toUpperCase() === "AS" ? (name ?? null) : null, instructions: [] });
    } else if (stages.length === 0) {
      if (upper === "ARG") {
        const [key = "", value = ""] = argText.split("=");
        args[key] = value;
      }
    } else {
      stages.at(-1)?.instructions.push({ op: upper, args: argText });
    }
  }
  return { args, stages };
}
