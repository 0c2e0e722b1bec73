import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { initBackend } from "./index.ts";

describe("initBackend", () => {
  it("serialises concurrent first calls so they agree (tfjs alone would race)", async () => {
    const names = await Promise.all([initBackend(), initBackend(), initBackend("auto")]);
    expect(new Set(names).size).toBe(1);
    expect(names[0]).not.toBe("cpu");
  });

  it("picks an accelerated backend, idempotently", async () => {
    const name = await initBackend();
    // tensorflow where @tensorflow/tfjs-node is installed, wasm otherwise (as on the CI machines).
    expect(["tensorflow", "wasm"]).toContain(name);
    expect(await initBackend("auto")).toBe(name);
    expect(tf.getBackend()).toBe(name);
    expect(tf.tidy(() => Array.from(tf.matMul(tf.ones([2, 3]), tf.ones([3, 1])).dataSync()))).toEqual([3, 3]);
  });

  it("switches to the cpu backend on request and back to auto", async () => {
    expect(await initBackend("cpu")).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    expect(await initBackend("auto")).not.toBe("cpu");
  });

  it("names the backend field when an explicit choice cannot load", async () => {
    const tensorflowLoads = await initBackend("tensorflow").then(
      () => true,
      (error: unknown) => {
        expect(error).toMatchObject({ code: "INVALID_CONFIG", location: { field: "backend" } });
        return false;
      },
    );
    expect(typeof tensorflowLoads).toBe("boolean");
    await expect(initBackend("webgpu" as "cpu")).rejects.toMatchObject({ code: "INVALID_CONFIG" });
  });
});
