import { KindredError } from "../errors/index.ts";
import { detectDelimiter } from "./csv-delimiter.ts";
import { type CsvRecord, CsvTokenizer } from "./csv-tokenizer.ts";
import { formatBytes, formatCount, quoteValue } from "./format.ts";
import { countLineBreakBytes, countLineBreaks, firstInvalidUtf8Offset, utf8ByteLength } from "./utf8.ts";

export interface CsvReadOptions {
  /** Input larger than this (in bytes) fails with FILE_TOO_LARGE as soon as it is exceeded. */
  maxBytes?: number;
  /** One character; auto-detected among `,` `;` tab `|` when absent. */
  delimiter?: string;
  /** Called after each chunk with the number of bytes read so far. */
  onProgress?: (bytes: number) => void;
}

/** What parseCsvRecords returns when it is done (read it with a manual `next()` loop). */
export interface CsvSummary {
  delimiter: string;
  bytes: number;
}

/** Delimiter detection looks at this many line breaks, or this much text, whichever comes first. */
const SAMPLE_LINES = 20;
const SAMPLE_CHARS = 256 * 1024;
const BOM = "\uFEFF";
/** Placeholder summary passed to `return()` when a consumer stops before the end. */
export const UNFINISHED: CsvSummary = { delimiter: "", bytes: 0 };

function checkOptions(options: CsvReadOptions): void {
  const { delimiter, maxBytes } = options;
  if (delimiter !== undefined && (delimiter.length !== 1 || /["\r\n]/.test(delimiter))) {
    throw new KindredError(
      "INVALID_CONFIG",
      `delimiter must be a single character other than a quote or line break, got ${quoteValue(delimiter)}`,
      { field: "delimiter" },
    );
  }
  if (maxBytes !== undefined && !(maxBytes >= 0)) {
    throw new KindredError("INVALID_CONFIG", `maxBytes must be a non-negative number, got ${maxBytes}`, {
      field: "maxBytes",
    });
  }
}

/**
 * Streams CSV records out of byte or text chunks. Bytes are decoded chunk by chunk as strict
 * UTF-8 (a multi-byte character may straddle chunks); the UTF-8 byte-order mark is dropped.
 * Until the delimiter is known, the first lines are buffered (at most SAMPLE_CHARS); after
 * that every chunk goes straight to the tokenizer, so the file is never held as one string.
 * Yields the records completed by each input chunk (one await per chunk, not per record).
 */
export async function* parseCsvBatches(
  source: AsyncIterable<Uint8Array | string>,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRecord[], CsvSummary, undefined> {
  checkOptions(options);
  const { maxBytes, onProgress } = options;
  // ignoreBOM: false (the default) makes the decoder drop a leading byte-order mark.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let tokenizer = options.delimiter === undefined ? undefined : new CsvTokenizer(options.delimiter);
  let delimiter = options.delimiter ?? ",";
  let sample: string[] = [];
  let sampleChars = 0;
  let sampleBreaks = 0;
  let bytes = 0;
  let started = false;

  // The line the next decoded text starts on, for placing an encoding error.
  const currentLine = (): number => (tokenizer ? tokenizer.line : 1 + countLineBreaks(sample.join("")));

  const invalidUtf8 = (chunk: Uint8Array | undefined, chunkStart: number): KindredError => {
    let offset = chunk ? firstInvalidUtf8Offset(chunk) : -1;
    if (offset < 0) offset = 0;
    const line = currentLine() + (chunk ? countLineBreakBytes(chunk, offset) : 0);
    const where = chunk
      ? `near line ${line} (byte ${formatCount(chunkStart + offset + 1)})`
      : `at the end (line ${line}, a multi-byte character is cut off)`;
    return new KindredError(
      "INVALID_UTF8",
      `the file is not valid UTF-8 ${where}; save it with UTF-8 encoding and import it again`,
      { line },
    );
  };

  const checkSize = (): void => {
    if (maxBytes !== undefined && bytes > maxBytes) {
      throw new KindredError(
        "FILE_TOO_LARGE",
        `the file is larger than the limit of ${formatBytes(maxBytes)}; reading stopped after ${formatBytes(bytes)}`,
      );
    }
  };

  // Buffers text until the delimiter can be detected, then feeds the tokenizer.
  const feed = (text: string, complete: boolean): CsvRecord[] => {
    if (tokenizer) return tokenizer.push(text);
    sample.push(text);
    sampleChars += text.length;
    sampleBreaks += countLineBreaks(text);
    if (!complete && sampleBreaks < SAMPLE_LINES && sampleChars < SAMPLE_CHARS) return [];
    const head = sample.join("");
    sample = [];
    delimiter = detectDelimiter(head, complete);
    tokenizer = new CsvTokenizer(delimiter);
    return tokenizer.push(head);
  };

  for await (const chunk of source) {
    const chunkStart = bytes;
    let text: string;
    if (typeof chunk === "string") {
      bytes += utf8ByteLength(chunk);
      checkSize();
      let pending: string;
      try {
        pending = decoder.decode(); // flush bytes left by an earlier byte chunk
      } catch {
        throw invalidUtf8(undefined, chunkStart);
      }
      text = pending + chunk;
    } else {
      bytes += chunk.byteLength;
      checkSize();
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw invalidUtf8(chunk, chunkStart);
      }
    }
    onProgress?.(bytes);
    if (!started && text.length > 0) {
      started = true;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    const records = feed(text, false);
    if (records.length > 0) yield records;
  }

  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw invalidUtf8(undefined, bytes);
  }
  if (!started && rest.startsWith(BOM)) rest = rest.slice(1);
  const records = feed(rest, true);
  records.push(...((tokenizer as CsvTokenizer | undefined)?.end() ?? []));
  if (records.length > 0) yield records;
  return { delimiter, bytes };
}

/**
 * Streams CSV records (fields untrimmed, `line` = 1-based physical line where the record
 * starts) out of byte or text chunks; see parseCsvBatches. The generator's return value
 * (visible to a manual `next()` loop) gives the delimiter used.
 */
export async function* parseCsvRecords(
  source: AsyncIterable<Uint8Array | string>,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRecord, CsvSummary, undefined> {
  const batches = parseCsvBatches(source, options);
  let finished = false;
  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        finished = true;
        return next.value;
      }
      yield* next.value;
    }
  } finally {
    // A consumer that stops early must still release the source (e.g. close the file).
    if (!finished) await batches.return(UNFINISHED);
  }
}
