import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env.ts";

describe("configuration from the environment", () => {
  it("runs on embedded defaults with nothing set", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      databaseUrl: undefined,
      qdrantUrl: undefined,
      qdrantShards: undefined,
      qdrantReplicationFactor: undefined,
      port: 4000,
      logLevel: "info",
      shutdownGraceMs: 25_000,
    });
  });

  it("reads the production settings; empty values count as unset", () => {
    const env = loadEnv({
      DATABASE_URL: "postgresql://kindred:pw@postgres:5432/kindred",
      QDRANT_URL: "http://qdrant:6333",
      QDRANT_SHARDS: "6",
      QDRANT_REPLICATION_FACTOR: "2",
      KINDRED_LOG_FORMAT: "json",
      KINDRED_LOG_LEVEL: "warn",
      KINDRED_SHUTDOWN_GRACE_SECONDS: "50",
    });
    expect(env).toMatchObject({
      qdrantShards: 6,
      qdrantReplicationFactor: 2,
      logFormat: "json",
      logLevel: "warn",
      shutdownGraceMs: 50_000,
    });
    expect(loadEnv({ QDRANT_SHARDS: "", KINDRED_ADMIN_EMAIL: "" })).toMatchObject({
      qdrantShards: undefined,
      adminEmail: undefined,
    });
  });

  it("refuses bad values, naming each variable", () => {
    const bad = {
      QDRANT_SHARDS: "0",
      QDRANT_REPLICATION_FACTOR: "two",
      KINDRED_LOG_FORMAT: "xml",
      KINDRED_SHUTDOWN_GRACE_SECONDS: "-1",
      DATABASE_URL: "mysql://db/kindred",
    };
    let error: unknown;
    try {
      loadEnv(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    for (const name of Object.keys(bad)) expect((error as EnvError).message).toContain(name);
  });
});
