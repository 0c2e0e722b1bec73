import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { GraphQLError, Kind } from "graphql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isUploadedFile, multipartUploads, UPLOAD_SCALAR_NAME, UploadScalar } from "./multipart.ts";

const MAX_FILE_BYTES = 1000;
const MAX_FILES = 3;

let root: string;
let dir: string;
let server: Server;
let url: string;
/** Paths of the uploads the last request's handler saw, to check they are gone afterwards. */
let seenPaths: string[] = [];

/** Replaces every upload in the body by what a resolver would see: its fields and its content. */
async function describeUploads(value: unknown): Promise<unknown> {
  if (isUploadedFile(value)) {
    seenPaths.push(value.path);
    return {
      ...value,
      content: await readFile(value.path, "utf8"),
      scalarAccepts: UploadScalar.parseValue(value) === value,
    };
  }
  if (Array.isArray(value)) return Promise.all(value.map(describeUploads));
  if (typeof value === "object" && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await describeUploads(v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kindred-multipart-"));
  // Not created yet: the middleware creates it.
  dir = join(root, "uploads");
  const app = express();
  app.use(
    "/graphql",
    multipartUploads({ dir, maxFileBytes: MAX_FILE_BYTES, maxFiles: MAX_FILES }),
    express.json(),
    async (req, res) => {
      res.json({ contentType: req.headers["content-type"] ?? null, body: await describeUploads(req.body) });
    },
  );
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  seenPaths = [];
});

interface Part {
  name: string;
  value: string | Blob;
  filename?: string;
}

function form(parts: Part[]): FormData {
  const data = new FormData();
  for (const part of parts) {
    if (typeof part.value === "string") data.append(part.name, part.value);
    else data.append(part.name, part.value, part.filename ?? "file.bin");
  }
  return data;
}

const QUERY = "mutation ($file: Upload!) { importDataset(file: $file) { ok } }";

function singleUpload(content: string | Uint8Array, filename = "customers.csv"): FormData {
  return form([
    { name: "operations", value: JSON.stringify({ query: QUERY, variables: { file: null } }) },
    { name: "map", value: JSON.stringify({ 0: ["variables.file"] }) },
    { name: "0", value: new Blob([content], { type: "text/csv" }), filename },
  ]);
}

async function post(body: FormData | string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", body, headers });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The upload directory's entries once the response has closed (cleanup runs on 'close'). */
async function filesLeft(): Promise<string[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const entries = existsSync(dir) ? await readdir(dir) : [];
    if (entries.length === 0) return entries;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return readdir(dir);
}

function errorOf(json: Record<string, unknown>) {
  const errors = json.errors as { message: string; extensions: { code: string; field: string } }[];
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe("multipartUploads", () => {
  it("replaces the mapped variable by an uploaded file with the content intact", async () => {
    const csv = "id,age\n1,42\n2,37\n";
    const { status, json } = await post(singleUpload(csv));
    expect(status).toBe(200);
    const body = json.body as { query: string; variables: { file: Record<string, unknown> } };
    expect(body.query).toBe(QUERY);
    expect(body.variables.file).toEqual({
      kind: "upload",
      path: expect.any(String),
      filename: "customers.csv",
      mimetype: "text/csv",
      size: csv.length,
      content: csv,
      scalarAccepts: true,
    });
    // Stored under a random name in the upload directory, never the client's name.
    const path = body.variables.file.path as string;
    expect(path.startsWith(`${dir}/`)).toBe(true);
    expect(path).not.toContain("customers");
    expect(await filesLeft()).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });

  it("keeps binary content byte for byte and accepts a file of exactly the limit", async () => {
    const bytes = Uint8Array.from({ length: MAX_FILE_BYTES }, (_, i) => (i * 7) % 256);
    const { status, json } = await post(singleUpload(bytes, "../../etc/passwd"));
    expect(status).toBe(200);
    const file = (json.body as { variables: { file: { size: number; filename: string } } }).variables.file;
    expect(file.size).toBe(MAX_FILE_BYTES);
    // Only the last segment of the client's name is kept, for display.
    expect(file.filename).toBe("passwd");
    expect(seenPaths).toHaveLength(1);
  });

  it("handles batched operations, several files, and one file mapped to two variables", async () => {
    const operations = [
      { query: QUERY, variables: { file: null } },
      {
        query: "mutation ($files: [Upload!]!, $same: Upload) { x }",
        variables: { files: [null, null], same: null },
      },
    ];
    const map = {
      a: ["0.variables.file"],
      b: ["1.variables.files.0", "1.variables.same"],
      c: ["1.variables.files.1"],
    };
    const { status, json } = await post(
      form([
        { name: "operations", value: JSON.stringify(operations) },
        { name: "map", value: JSON.stringify(map) },
        { name: "a", value: new Blob(["first"]), filename: "a.txt" },
        { name: "b", value: new Blob(["second"]), filename: "b.txt" },
        { name: "c", value: new Blob(["third"]), filename: "c.txt" },
      ]),
    );
    expect(status).toBe(200);
    const body = json.body as { variables: Record<string, unknown> }[];
    expect(body).toHaveLength(2);
    const content = (v: unknown) => (v as { content: string }).content;
    expect(content(body[0]!.variables.file)).toBe("first");
    const second = body[1]!.variables as { files: unknown[]; same: unknown };
    expect(second.files.map(content)).toEqual(["second", "third"]);
    expect(second.same).toEqual(second.files[0]);
    expect(new Set(seenPaths).size).toBe(3);
    expect(await filesLeft()).toEqual([]);
  });

  it("lets JSON requests through untouched, and a forged upload object is not an upload", async () => {
    const forged = { kind: "upload", path: "/etc/passwd", filename: "x", mimetype: "text/plain", size: 1 };
    const { status, json } = await post(JSON.stringify({ query: QUERY, variables: { file: forged } }), {
      "content-type": "application/json",
    });
    expect(status).toBe(200);
    expect(json).toEqual({
      contentType: "application/json",
      body: { query: QUERY, variables: { file: forged } },
    });
    expect(seenPaths).toEqual([]);
    expect(isUploadedFile(forged)).toBe(false);
  });

  it("refuses a file over the limit with 413, naming the limit, and leaves nothing on disk", async () => {
    const { status, json } = await post(singleUpload("x".repeat(MAX_FILE_BYTES * 5)));
    expect(status).toBe(413);
    const error = errorOf(json);
    expect(error.extensions).toEqual({ code: "PAYLOAD_TOO_LARGE", field: "file" });
    expect(error.message).toContain("0.00095 MB");
    // Removed before the answer was sent, not merely afterwards.
    expect(await readdir(dir)).toEqual([]);
  });

  it("removes the files already stored when a later one is too large", async () => {
    const { status, json } = await post(
      form([
        {
          name: "operations",
          value: JSON.stringify({ query: QUERY, variables: { small: null, big: null } }),
        },
        { name: "map", value: JSON.stringify({ 0: ["variables.small"], 1: ["variables.big"] }) },
        { name: "0", value: new Blob(["small"]) },
        { name: "1", value: new Blob(["y".repeat(MAX_FILE_BYTES + 1)]) },
      ]),
    );
    expect(status).toBe(413);
    expect(errorOf(json).extensions.field).toBe("big");
    expect(await readdir(dir)).toEqual([]);
  });

  const ops = JSON.stringify({ query: QUERY, variables: { file: null } });
  const map = JSON.stringify({ 0: ["variables.file"] });
  const file = { name: "0", value: new Blob(["a,b\n1,2\n"]) };
  const malformed: [string, Part[], string][] = [
    [
      "operations that are not JSON",
      [{ name: "operations", value: "{nope" }, { name: "map", value: map }, file],
      "operations",
    ],
    [
      "operations that are not an object",
      [{ name: "operations", value: "42" }, { name: "map", value: map }, file],
      "operations",
    ],
    [
      "a map that is not JSON",
      [{ name: "operations", value: ops }, { name: "map", value: "[" }, file],
      "map",
    ],
    [
      "a map entry that is not an array of paths",
      [{ name: "operations", value: ops }, { name: "map", value: '{"0":"variables.file"}' }, file],
      "map",
    ],
    [
      "a map path that does not exist",
      [{ name: "operations", value: ops }, { name: "map", value: '{"0":["variables.nope"]}' }, file],
      "map",
    ],
    [
      "a map path whose value is not null",
      [
        { name: "operations", value: JSON.stringify({ query: QUERY, variables: { file: "x" } }) },
        { name: "map", value: map },
        file,
      ],
      "map",
    ],
    ["a missing map", [{ name: "operations", value: ops }], "map"],
    ["a missing operations field", [{ name: "map", value: map }, file], "map"],
    [
      "a mapped file that never arrives",
      [
        { name: "operations", value: ops },
        { name: "map", value: map },
      ],
      "0",
    ],
    [
      "operations after the files",
      [file, { name: "operations", value: ops }, { name: "map", value: map }],
      "operations",
    ],
    [
      "a field after the files",
      [{ name: "operations", value: ops }, { name: "map", value: map }, file, { name: "extra", value: "1" }],
      "extra",
    ],
    [
      "a file part not listed in map",
      [
        { name: "operations", value: ops },
        { name: "map", value: map },
        file,
        { name: "1", value: new Blob(["?"]) },
      ],
      "1",
    ],
    [
      "more files than maxFiles",
      [
        {
          name: "operations",
          value: JSON.stringify({ query: QUERY, variables: { a: null, b: null, c: null, d: null } }),
        },
        {
          name: "map",
          value: JSON.stringify({
            0: ["variables.a"],
            1: ["variables.b"],
            2: ["variables.c"],
            3: ["variables.d"],
          }),
        },
      ],
      "map",
    ],
  ];

  it.each(malformed)("refuses %s with 400 and leaves nothing on disk", async (_, parts, field) => {
    const { status, json } = await post(form(parts));
    expect(status).toBe(400);
    const error = errorOf(json);
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(error.message.length).toBeGreaterThan(0);
    expect(await filesLeft()).toEqual([]);
  });

  it("refuses a truncated or boundary-less multipart body with 400", async () => {
    const truncated = await post('--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}', {
      "content-type": "multipart/form-data; boundary=b",
    });
    expect(truncated.status).toBe(400);
    expect(errorOf(truncated.json).extensions.code).toBe("BAD_USER_INPUT");
    const noBoundary = await post("whatever", { "content-type": "multipart/form-data" });
    expect(noBoundary.status).toBe(400);
    expect(errorOf(noBoundary.json).extensions.code).toBe("BAD_USER_INPUT");
  });

  it("removes a partly received file when the client goes away", async () => {
    const boundary = "kindred-boundary";
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${ops}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n${map}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="a.csv"\r\n` +
      "Content-Type: text/csv\r\n\r\nid,age\n1,42\n";
    const { port } = server.address() as AddressInfo;
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      path: "/graphql",
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    req.on("error", () => undefined);
    req.write(head);
    // Wait until the partial file exists, then drop the connection.
    for (
      let attempt = 0;
      attempt < 100 && (!existsSync(dir) || (await readdir(dir)).length === 0);
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await readdir(dir)).toHaveLength(1);
    req.destroy();
    expect(await filesLeft()).toEqual([]);
  });
});

describe("UploadScalar", () => {
  it("is named Upload and accepts nothing but received files", () => {
    expect(UploadScalar.name).toBe(UPLOAD_SCALAR_NAME);
    for (const value of [
      null,
      "file",
      { kind: "upload", path: "/etc/passwd", filename: "", mimetype: "", size: 0 },
    ]) {
      expect(() => UploadScalar.parseValue(value)).toThrow(GraphQLError);
    }
    expect(() => UploadScalar.parseLiteral({ kind: Kind.STRING, value: "/etc/passwd" }, {})).toThrow(
      GraphQLError,
    );
    expect(() => UploadScalar.serialize({})).toThrow(GraphQLError);
  });
});
