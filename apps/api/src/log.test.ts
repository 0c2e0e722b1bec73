import { KindredError } from "@kindred/engine/errors";
import { describe, expect, it } from "vitest";
import { createLogger, errorFields, logUnexpected } from "./log.ts";

const NOW = () => new Date("2026-12-01T10:00:00.000Z");

function capture(format: "json" | "text", level: "debug" | "info" | "warn" | "error" = "info") {
  const lines: string[] = [];
  const log = createLogger({ format, level, now: NOW, write: (line) => lines.push(line) });
  return { log, lines };
}

describe("structured logs", () => {
  it("writes one JSON object per line: time, level, event, then the defined fields", () => {
    const { log, lines } = capture("json");
    log.info("job.finished", { jobId: "j1", ms: 12, runId: null, skipped: undefined });
    expect(lines).toEqual([
      '{"time":"2026-12-01T10:00:00.000Z","level":"info","event":"job.finished","jobId":"j1","ms":12,"runId":null}\n',
    ]);
  });

  it("writes key=value text for a terminal, quoting values with spaces", () => {
    const { log, lines } = capture("text");
    log.warn("api.stopping", { signal: "SIGTERM", note: "two words" });
    expect(lines).toEqual(['2026-12-01T10:00:00.000Z WARN  api.stopping signal=SIGTERM note="two words"\n']);
  });

  it("drops events below its level", () => {
    const { log, lines } = capture("json", "warn");
    log.debug("a");
    log.info("b");
    log.warn("c");
    log.error("d");
    expect(lines.map((line) => JSON.parse(line).event)).toEqual(["c", "d"]);
  });

  it("logs where an expected error points, never its message (messages quote cells)", () => {
    const error = new KindredError("INVALID_OVERRIDE", 'row 7: "Jane Doe" is not a number', {
      row: 7,
      column: "balance",
    });
    const fields = errorFields(error);
    expect(fields).toEqual({
      errorCode: "INVALID_OVERRIDE",
      errorRow: 7,
      errorColumn: "balance",
      errorField: undefined,
    });
    expect(JSON.stringify(fields)).not.toContain("Jane");
  });

  it("logs an unexpected error's class and frames; its message only at debug level", () => {
    const info = capture("json", "info");
    const debug = capture("json", "debug");
    const error = new TypeError("value 'secret-cell' broke");
    logUnexpected(info.log, "job.error", error, { jobId: "j1" });
    logUnexpected(debug.log, "job.error", error, { jobId: "j1" });
    expect(info.lines).toHaveLength(1);
    const logged = JSON.parse(info.lines[0] as string);
    expect(logged).toMatchObject({ level: "error", event: "job.error", jobId: "j1", errorName: "TypeError" });
    expect(logged.stack).toMatch(/^at /);
    expect(info.lines[0]).not.toContain("secret-cell");
    expect(debug.lines.map((line) => JSON.parse(line).event)).toEqual(["job.error", "job.error.detail"]);
    expect(debug.lines[1]).toContain("secret-cell");
  });
});
