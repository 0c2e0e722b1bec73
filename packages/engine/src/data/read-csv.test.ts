import { describe, expect, it } from "vitest";
import { isKindredError, type KindredError } from "../errors/index.ts";
import { byteChunks, collect, textChunks, utf8Chunks } from "./__fixtures__/sources.ts";
import { parseCsvRecords, readCsv } from "./index.ts";

async function failure(promise: Promise<unknown>): Promise<KindredError> {
  try {
    await promise;
  } catch (error) {
    if (isKindredError(error)) return error;
    throw error;
  }
  throw new Error("expected a KindredError");
}

/** Rows of a table as arrays of cells, row by row. */
function rows(table: { columns: string[][]; rowCount: number }): string[][] {
  return Array.from({ length: table.rowCount }, (_, r) => table.columns.map((column) => column[r] as string));
}

describe("delimiter detection", () => {
  it.each([
    [",", "comma"],
    [";", "semicolon"],
    ["\t", "tab"],
    ["|", "pipe"],
  ])("detects %j (%s)", async (delimiter) => {
    const text = ["id,name,score", "1,ann,3.5", "2,bob,4"]
      .map((line) => line.replaceAll(",", delimiter))
      .join("\n");
    const table = await readCsv(utf8Chunks(text));
    expect(table.delimiter).toBe(delimiter);
    expect(table.header).toEqual(["id", "name", "score"]);
    expect(rows(table)).toEqual([
      ["1", "ann", "3.5"],
      ["2", "bob", "4"],
    ]);
  });

  it("ignores other delimiters inside quotes and prefers a consistent count", async () => {
    // Commas appear in every line but inside quotes (and unevenly outside): ";" is consistent.
    const text = 'name;note\n"Smith, J";"a,b,c"\n"Doe, K";x\n';
    const table = await readCsv(utf8Chunks(text));
    expect(table.delimiter).toBe(";");
    expect(rows(table)).toEqual([
      ["Smith, J", "a,b,c"],
      ["Doe, K", "x"],
    ]);
  });

  it("reads a one-column file with the default delimiter", async () => {
    const table = await readCsv(utf8Chunks("email\na@x.org\nb@y.org\n"));
    expect(table).toMatchObject({ delimiter: ",", header: ["email"], rowCount: 2 });
  });

  it("uses an explicit delimiter and rejects an unusable one", async () => {
    const table = await readCsv(utf8Chunks("a;b,c\n1;2,3\n"), { delimiter: ";" });
    expect(table.header).toEqual(["a", "b,c"]);
    const error = await failure(readCsv(utf8Chunks("a,b\n1,2\n"), { delimiter: '"' }));
    expect(error.code).toBe("INVALID_CONFIG");
  });
});

describe("record syntax", () => {
  it("handles quoted delimiters, newlines and escaped quotes, with physical line numbers", async () => {
    const text = 'a,b\n"x,y","he said ""hi"""\n"multi\nline",z\n"",end\n';
    const records = await collect(parseCsvRecords(utf8Chunks(text)));
    expect(records).toEqual([
      [1, ["a", "b"]],
      [2, ["x,y", 'he said "hi"']],
      [3, ["multi\nline", "z"]],
      [5, ["", "end"]],
    ]);
  });

  it("strips the UTF-8 byte-order mark from bytes and from text", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("ID,x\n1,2\n")]);
    expect((await readCsv(byteChunks(bytes))).header).toEqual(["ID", "x"]);
    expect((await readCsv(byteChunks(bytes, 1))).header).toEqual(["ID", "x"]);
    expect((await readCsv(textChunks("\uFEFFID,x\n1,2\n"))).header).toEqual(["ID", "x"]);
  });

  it("accepts CRLF, CR and LF line ends", async () => {
    for (const end of ["\r\n", "\r", "\n"]) {
      const records = await collect(parseCsvRecords(utf8Chunks(["a,b", "1,2", "3,4"].join(end) + end)));
      expect(records).toEqual([
        [1, ["a", "b"]],
        [2, ["1", "2"]],
        [3, ["3", "4"]],
      ]);
    }
  });

  it("reads a last line without a newline, and a trailing empty field", async () => {
    expect(rows(await readCsv(utf8Chunks("a,b\n1,2")))).toEqual([["1", "2"]]);
    expect(rows(await readCsv(utf8Chunks("a,b\n1,")))).toEqual([["1", ""]]);
    expect(rows(await readCsv(utf8Chunks('a,b\n1,"q"')))).toEqual([["1", "q"]]);
  });

  it("skips blank and whitespace-only lines but keeps counting lines", async () => {
    const records = await collect(parseCsvRecords(utf8Chunks("a,b\n\n1,2\n   \r\n3,4\n\n")));
    expect(records.map(([line]) => line)).toEqual([1, 3, 5]);
  });

  it("trims header names, names blank ones, and keeps cells raw", async () => {
    const table = await readCsv(utf8Chunks(" id ,,  score\n 1 , x ,2 \n"));
    expect(table.header).toEqual(["id", "column_2", "score"]);
    expect(rows(table)).toEqual([[" 1 ", " x ", "2 "]]);
  });

  it("gives the same result whatever the chunk boundaries (quotes, CRLF, multi-byte)", async () => {
    const text = 'name;city;note\r\n"Zoë ""Z""";Köln;"a;b\r\nc"\r\n😀;"€ 5";\r\nx;y;"end"';
    const expected = await collect(parseCsvRecords(utf8Chunks(text)));
    expect(expected).toEqual([
      [1, ["name", "city", "note"]],
      [2, ['Zoë "Z"', "Köln", "a;b\r\nc"]],
      [4, ["😀", "€ 5", ""]],
      [5, ["x", "y", "end"]],
    ]);
    for (const size of [1, 2, 3, 5, 7]) {
      expect(await collect(parseCsvRecords(utf8Chunks(text, size)))).toEqual(expected);
      expect(await collect(parseCsvRecords(textChunks(text, size)))).toEqual(expected);
    }
  });
});

describe("errors", () => {
  it("EMPTY_FILE for empty, BOM-only and blank input", async () => {
    for (const text of ["", "\uFEFF", "  \n\r\n\t\n"]) {
      expect((await failure(readCsv(utf8Chunks(text)))).code).toBe("EMPTY_FILE");
    }
  });

  it("HEADER_ONLY names the header line", async () => {
    const error = await failure(readCsv(utf8Chunks("\na,b,c\r\n\r\n")));
    expect(error.code).toBe("HEADER_ONLY");
    expect(error.message).toContain("line 2");
    expect(error.message).toContain("3 columns");
  });

  it("RAGGED_ROW lists up to five lines with counts and gives the total", async () => {
    const lines = ["a,b,c", "1,2,3", "1,2", "1,2,3", "1,2,3,4", "1", "1,2", "1,2", "1,2", "1,2,3"];
    const error = await failure(readCsv(utf8Chunks(lines.join("\n"))));
    expect(error.code).toBe("RAGGED_ROW");
    expect(error.message).toContain("6 rows do not have 3 fields");
    expect(error.message).toContain("line 3 has 2, line 5 has 4, line 6 has 1, line 7 has 2, line 8 has 2");
    expect(error.message).not.toContain("line 9");
    expect(error.location.line).toBe(3);
  });

  it("DUPLICATE_COLUMN names the column and both positions", async () => {
    const error = await failure(readCsv(utf8Chunks("id,Age,id \n1,2,3\n")));
    expect(error.code).toBe("DUPLICATE_COLUMN");
    expect(error.message).toContain('"id"');
    expect(error.message).toContain("columns 1 and 3");
    expect(error.location.column).toBe("id");
  });

  it("UNTERMINATED_QUOTE names the line where the quote opened", async () => {
    const error = await failure(readCsv(utf8Chunks('a,b\n1,2\n3,"open\n4,5\n6,7\n')));
    expect(error.code).toBe("UNTERMINATED_QUOTE");
    expect(error.message).toContain("line 3");
    expect(error.location.line).toBe(3);
  });

  it("INVALID_UTF8 names the approximate line, in any chunking", async () => {
    const good = new TextEncoder().encode("a,b\n1,2\n3,");
    const bytes = new Uint8Array([...good, 0xff, 0x0a, 0x35, 0x2c, 0x36]);
    for (const size of [bytes.length, 4, 1]) {
      const error = await failure(readCsv(byteChunks(bytes, size)));
      expect(error.code).toBe("INVALID_UTF8");
      expect(error.message).toContain("line 3");
    }
    // A multi-byte character cut off by the end of the file.
    const cut = new Uint8Array([...new TextEncoder().encode("a,b\n1,"), 0xe2, 0x82]);
    expect((await failure(readCsv(byteChunks(cut)))).code).toBe("INVALID_UTF8");
  });

  it("FILE_TOO_LARGE stops reading as soon as the limit is passed", async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield new TextEncoder().encode(i === 0 ? "a,b\n" : "1,2\n");
      }
    }
    const error = await failure(readCsv(source(), { maxBytes: 10 }));
    expect(error.code).toBe("FILE_TOO_LARGE");
    expect(error.message).toContain("limit of 10 bytes");
    expect(pulled).toBe(3);
  });
});

describe("releasing the source", () => {
  function tracked(lines: string[]) {
    const state = { closed: false };
    async function* source() {
      try {
        for (const line of lines) yield `${line}\n`;
      } finally {
        state.closed = true;
      }
    }
    return { state, source: source() };
  }

  it("closes the source when a consumer stops early or reading fails", async () => {
    const early = tracked(["a,b", "1,2", "3,4", "5,6"]);
    for await (const record of parseCsvRecords(early.source)) if (record.line === 1) break;
    expect(early.state.closed).toBe(true);

    const failing = tracked(["a,a", ...Array.from({ length: 30 }, () => "1,2")]);
    expect((await failure(readCsv(failing.source))).code).toBe("DUPLICATE_COLUMN");
    expect(failing.state.closed).toBe(true);
  });
});

describe("progress and summary", () => {
  it("reports cumulative bytes and returns the delimiter", async () => {
    const seen: number[] = [];
    const text = "a|b\n1|2\n3|4\n";
    await readCsv(utf8Chunks(text, 4), { onProgress: (bytes) => seen.push(bytes) });
    expect(seen).toEqual([4, 8, 12]);

    const records = parseCsvRecords(utf8Chunks(text));
    let next = await records.next();
    while (!next.done) next = await records.next();
    expect(next.value).toEqual({ delimiter: "|", bytes: 12 });
  });

  it("counts string chunks as UTF-8 bytes for the size limit", async () => {
    // "€" is 3 bytes: 2 + 3 + 1 = 6 bytes.
    expect((await readCsv(textChunks("a\n€\n"), { maxBytes: 6 })).rowCount).toBe(1);
    expect((await failure(readCsv(textChunks("a\n€\n"), { maxBytes: 5 }))).code).toBe("FILE_TOO_LARGE");
  });
});
