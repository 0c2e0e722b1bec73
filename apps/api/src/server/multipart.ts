import { randomUUID } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import busboy from "busboy";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { GraphQLError, GraphQLScalarType } from "graphql";

/**
 * GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * an `operations` field (the JSON body a client would otherwise post), a `map` field (file part
 * name → object paths such as "variables.file" whose null placeholder the file replaces), then
 * the file parts. graphql-upload would do this but needs graphql 17 and Node 22, so this is a
 * small busboy-based equivalent that streams each file to a temporary file on disk.
 *
 * Lifetime: uploaded files are temporary. They are deleted when the response finishes or the
 * connection closes, whatever happened, so a resolver that wants to keep a file must copy or
 * move it (or read it fully) before it returns.
 *
 * Apollo's CSRF prevention blocks multipart/form-data requests that carry neither an
 * `Apollo-Require-Preflight` nor an `X-Apollo-Operation-Name` header, so clients must send one.
 */

export const UPLOAD_SCALAR_NAME = "Upload";

/** A file received with a multipart request, in place of its variable's null placeholder. */
export interface UploadedFile {
  kind: "upload";
  /** The temporary file on disk (a random name in the upload directory); deleted after the response. */
  path: string;
  /** The client's file name, for display only: never use it as a path. */
  filename: string;
  mimetype: string;
  size: number;
}

/**
 * Objects this middleware created. JSON variables can spell `{ kind: "upload", path: "/etc/…" }`,
 * so a shape check alone would let any client point a resolver at an arbitrary server file.
 */
const received = new WeakSet<object>();

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && received.has(value);
}

/** `Upload` scalar: input only, and only values that came in as multipart file parts. */
export const UploadScalar = new GraphQLScalarType<UploadedFile, never>({
  name: UPLOAD_SCALAR_NAME,
  description: "A file sent with a GraphQL multipart request (the variable's value is null in `operations`).",
  parseValue(value) {
    if (isUploadedFile(value)) return value;
    throw new GraphQLError("Upload: expected a file", { extensions: { code: "BAD_USER_INPUT" } });
  },
  parseLiteral(node) {
    throw new GraphQLError(
      "Upload: expected a file; files cannot be written inline in a query, send them as variables in a multipart request",
      { nodes: node, extensions: { code: "BAD_USER_INPUT" } },
    );
  },
  serialize() {
    throw new GraphQLError("Upload: an upload is an input only and cannot be returned");
  },
});

export interface MultipartUploadOptions {
  /** Directory for the temporary files (created if missing). */
  dir: string;
  /** Largest accepted file, in bytes; a larger one fails the request with 413. */
  maxFileBytes: number;
  /** Most file parts in one request (default 10). */
  maxFiles?: number;
}

type ErrorCode = "BAD_USER_INPUT" | "PAYLOAD_TOO_LARGE" | "INTERNAL_SERVER_ERROR";

class MultipartError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "MultipartError";
  }
}

function badInput(message: string, field: string): MultipartError {
  return new MultipartError(400, "BAD_USER_INPUT", message, field);
}

/** `operations` and `map` are small JSON documents; anything larger is refused, not truncated. */
const MAX_FIELD_BYTES = 1024 * 1024;

const DEFAULT_MAX_FILES = 10;

interface StoredFile {
  path: string;
  writer: WriteStream;
  /** Settles when the file descriptor is closed (after finishing or being destroyed). */
  closed: Promise<void>;
}

interface ReceivedPart {
  stored: StoredFile;
  filename: string;
  mimetype: string;
  size: number;
}

export function multipartUploads(options: MultipartUploadOptions): RequestHandler {
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  return (req, res, next) => {
    if (!req.is("multipart/form-data")) {
      next();
      return;
    }
    mkdir(options.dir, { recursive: true }).then(
      () => receive(req, res, next, { dir: options.dir, maxFileBytes: options.maxFileBytes, maxFiles }),
      next,
    );
  };
}

function receive(
  req: Request,
  res: Response,
  next: NextFunction,
  options: Required<MultipartUploadOptions>,
): void {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // +1: busboy reports the limit once a file *reaches* it; a file of exactly maxFileBytes is fine.
      limits: { fileSize: options.maxFileBytes + 1, files: options.maxFiles, fieldSize: MAX_FIELD_BYTES },
    });
  } catch (error) {
    // No boundary in the content-type: nothing has been read or stored yet.
    const failure = badInput(`malformed multipart request: ${messageOf(error)}`, "request");
    res.status(failure.status).json(errorBody(failure));
    return;
  }

  const stored: StoredFile[] = [];
  const parts = new Map<string, ReceivedPart>();
  let operations: unknown;
  let map: Map<string, string[]> | undefined;
  let sawFile = false;
  /** Set once the request failed or the connection went away: later events are ignored. */
  let stopped = false;
  /** Set once req.body holds the operations and the next handler runs. */
  let handedOver = false;

  const removeFiles = async (): Promise<void> => {
    for (const file of stored) file.writer.destroy();
    await Promise.all(stored.map((file) => file.closed));
    await Promise.all(stored.map((file) => rm(file.path, { force: true })));
  };

  const stop = (): void => {
    stopped = true;
    req.unpipe(parser);
    // Not synchronously: busboy emits from inside its parse loop and touches its state afterwards.
    process.nextTick(() => parser.destroy());
    // Drain (and drop) the rest of the body so that the client gets to read the error response.
    req.resume();
  };

  const fail = (failure: MultipartError): void => {
    if (stopped) return;
    stop();
    // Nothing stays on disk after an error, and the client only hears of it once that is so.
    removeFiles()
      .catch(() => undefined)
      .then(() => {
        if (res.headersSent || res.destroyed) return;
        res.status(failure.status).json(errorBody(failure));
      });
  };

  /** Runs a step of the parse; a thrown MultipartError becomes the response. */
  const guard = (step: () => void): void => {
    if (stopped) return;
    try {
      step();
    } catch (error) {
      fail(
        error instanceof MultipartError
          ? error
          : new MultipartError(500, "INTERNAL_SERVER_ERROR", messageOf(error), "request"),
      );
    }
  };

  // Whatever happens (answered, failed, client gone), the temporary files go with the response.
  res.once("close", () => {
    if (!handedOver && !stopped) stop();
    removeFiles().catch(() => undefined);
  });

  parser.on("field", (name, value, info) =>
    guard(() => {
      if (info.valueTruncated) {
        throw new MultipartError(
          413,
          "PAYLOAD_TOO_LARGE",
          `the "${name}" field is over the limit of ${formatMegabytes(MAX_FIELD_BYTES)}`,
          name,
        );
      }
      if (sawFile) {
        throw badInput(
          `the "${name}" field arrived after the files; operations and map must come first`,
          name,
        );
      }
      if (name === "operations") {
        if (operations !== undefined) throw badInput(`the "operations" field appears twice`, "operations");
        operations = parseOperations(value);
      } else if (name === "map") {
        if (map !== undefined) throw badInput(`the "map" field appears twice`, "map");
        if (operations === undefined) throw badInput(`the "map" field arrived before "operations"`, "map");
        map = parseMap(value, operations, options.maxFiles);
      } else {
        throw badInput(`unexpected form field "${name}": expected operations, map, then the files`, name);
      }
    }),
  );

  parser.on("file", (name, stream, info) => {
    // Destroying the parser destroys the current file stream with an error; `stopped` covers it.
    stream.on("error", (error) =>
      guard(() => {
        throw badInput(`malformed multipart request: ${messageOf(error)}`, name);
      }),
    );
    guard(() => {
      sawFile = true;
      if (operations === undefined)
        throw badInput(`file part "${name}" arrived before "operations"`, "operations");
      if (map === undefined) throw badInput(`file part "${name}" arrived before "map"`, "map");
      const paths = map.get(name);
      if (!paths) throw badInput(`file part "${name}" is not listed in map`, name);
      if (parts.has(name)) throw badInput(`file part "${name}" appears twice`, name);

      // A random name in our directory: the client's file name never touches the file system.
      const path = join(options.dir, randomUUID());
      const writer = createWriteStream(path, { flags: "wx" });
      const closed = new Promise<void>((resolve) => writer.once("close", () => resolve()));
      const file: StoredFile = { path, writer, closed };
      stored.push(file);
      const part: ReceivedPart = {
        stored: file,
        filename: clientFileName(info.filename, name),
        mimetype: info.mimeType,
        size: 0,
      };
      parts.set(name, part);
      writer.on("error", (error) =>
        guard(() => {
          throw new MultipartError(
            500,
            "INTERNAL_SERVER_ERROR",
            `cannot store file part "${name}": ${messageOf(error)}`,
            name,
          );
        }),
      );
      stream.on("limit", () =>
        guard(() => {
          throw new MultipartError(
            413,
            "PAYLOAD_TOO_LARGE",
            `file "${part.filename}" is over the upload limit of ${formatMegabytes(options.maxFileBytes)}`,
            variableName(paths[0] ?? name),
          );
        }),
      );
      stream.pipe(writer);
      stream.on("data", (chunk: Buffer) => {
        part.size += chunk.length;
      });
    });
    // A refused part is still read off the wire, or busboy would wait for it forever.
    if (stopped) stream.resume();
  });

  parser.on("filesLimit", () =>
    guard(() => {
      throw badInput(`too many files: at most ${options.maxFiles} per request`, "map");
    }),
  );
  parser.on("error", (error) =>
    guard(() => {
      throw badInput(`malformed multipart request: ${messageOf(error)}`, "request");
    }),
  );
  parser.on("close", () => {
    guard(() => {
      if (operations === undefined) throw badInput(`the "operations" field is missing`, "operations");
      if (map === undefined) throw badInput(`the "map" field is missing`, "map");
      for (const name of map.keys()) {
        if (!parts.has(name)) throw badInput(`file part "${name}" listed in map was not received`, name);
      }
    });
    if (stopped) return;
    // Every file must be completely on disk before a resolver may read it.
    Promise.all(stored.map((file) => file.closed)).then(() => {
      if (stopped || !map) return;
      for (const [name, paths] of map) {
        const part = parts.get(name)!;
        const upload: UploadedFile = Object.freeze({
          kind: "upload",
          path: part.stored.path,
          filename: part.filename,
          mimetype: part.mimetype,
          size: part.size,
        });
        received.add(upload);
        for (const path of paths) placeAt(operations, path, upload);
      }
      handedOver = true;
      req.body = operations;
      next();
    });
  });

  req.pipe(parser);
}

function errorBody(failure: MultipartError) {
  return { errors: [{ message: failure.message, extensions: { code: failure.code, field: failure.field } }] };
}

function parseOperations(value: string): unknown {
  const operations = parseJson(value, "operations");
  const isOperation = (o: unknown) => typeof o === "object" && o !== null && !Array.isArray(o);
  const ok = Array.isArray(operations)
    ? operations.length > 0 && operations.every(isOperation)
    : isOperation(operations);
  if (!ok) {
    throw badInput(`"operations" must be an operation object or a non-empty array of them`, "operations");
  }
  return operations;
}

function parseMap(value: string, operations: unknown, maxFiles: number): Map<string, string[]> {
  const raw = parseJson(value, "map");
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw badInput(`"map" must be an object of file part name → array of paths`, "map");
  }
  const entries = Object.entries(raw);
  if (entries.length > maxFiles) {
    throw badInput(`too many files: map lists ${entries.length}, at most ${maxFiles} per request`, "map");
  }
  const map = new Map<string, string[]>();
  for (const [name, paths] of entries) {
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === "string")) {
      throw badInput(`map entry "${name}" must be a non-empty array of path strings`, "map");
    }
    for (const path of paths as string[]) {
      const found = lookup(operations, path);
      if (found === "missing")
        throw badInput(`map entry "${name}" points at "${path}", which does not exist in operations`, "map");
      if (found === "not-null")
        throw badInput(`map entry "${name}" points at "${path}", which is not null in operations`, "map");
    }
    map.set(name, paths as string[]);
  }
  return map;
}

function parseJson(value: string, field: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw badInput(`the "${field}" field is not valid JSON`, field);
  }
}

/** The container and key a dotted path ends at, following only own properties and array indices. */
function resolvePath(root: unknown, path: string): { parent: object; key: string } | undefined {
  const keys = path.split(".");
  let node: unknown = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (typeof node !== "object" || node === null) return undefined;
    const present = Array.isArray(node)
      ? /^(0|[1-9]\d*)$/.test(key) && Number(key) < node.length
      : Object.hasOwn(node, key);
    if (!present) return undefined;
    if (i === keys.length - 1) return { parent: node, key };
    node = (node as Record<string, unknown>)[key];
  }
  return undefined;
}

function lookup(root: unknown, path: string): "null" | "not-null" | "missing" {
  const at = resolvePath(root, path);
  if (!at) return "missing";
  return (at.parent as Record<string, unknown>)[at.key] === null ? "null" : "not-null";
}

function placeAt(root: unknown, path: string, value: UploadedFile): void {
  const at = resolvePath(root, path);
  // defineProperty, not assignment: a JSON key "__proto__" must stay a plain own property.
  if (at)
    Object.defineProperty(at.parent, at.key, { value, writable: true, enumerable: true, configurable: true });
}

/** "variables.file" and "0.variables.file" → "file": the name a client knows the field by. */
function variableName(path: string): string {
  return path.replace(/^(\d+\.)?variables\./, "");
}

/** The last segment of the client's name: browsers send a bare name, other clients may not. */
function clientFileName(filename: string | undefined, fallback: string): string {
  const base = (filename ?? "").split(/[\\/]/).pop() ?? "";
  return base === "" ? fallback : base;
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 1 ? Number(mb.toFixed(1)) : Number(mb.toPrecision(2))} MB`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
