import { strFromU8, unzipSync } from "fflate";
import { KindredError } from "../errors/index.ts";

/** XML entities that spreadsheet text uses. */
function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, "&");
}

/** Text of a shared string or inline string item: every <t> run concatenated. */
function itemText(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1] ?? "")).join("");
}

function columnNumber(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? "") n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** An .xlsx workbook opened for reading: its sheet names, and any sheet's cells on demand. */
export interface XlsxWorkbook {
  sheets: string[];
  /** The cells of one sheet as rows of strings (see readXlsxSheet). */
  read(sheetName: string): string[][];
}

/** Opens an .xlsx workbook (a zip of XML parts); errors say why the file is not one. */
export function openXlsx(bytes: Uint8Array): XlsxWorkbook {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new KindredError("INVALID_CONFIG", "the file is not an .xlsx workbook (not a zip archive)", {
      field: "dictionary",
    });
  }
  const text = (path: string) => (files[path] ? strFromU8(files[path] as Uint8Array) : null);
  const workbook = text("xl/workbook.xml");
  const rels = text("xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) {
    throw new KindredError("INVALID_CONFIG", "the file is not an .xlsx workbook (no xl/workbook.xml)", {
      field: "dictionary",
    });
  }
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"/g)].map((m) => ({
    name: unescapeXml(m[1] ?? ""),
    rel: m[2] ?? "",
  }));
  let shared: string[] | null = null;
  const read = (sheetName: string): string[][] => {
    const sheet = sheets.find((s) => s.name === sheetName);
    if (!sheet) {
      throw new KindredError(
        "INVALID_CONFIG",
        `the workbook has no sheet "${sheetName}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(", ")}`,
        { field: "sheet" },
      );
    }
    const target =
      new RegExp(`<Relationship\\b[^>]*?\\bId="${sheet.rel}"[^>]*?\\bTarget="([^"]*)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*?\\bTarget="([^"]*)"[^>]*?\\bId="${sheet.rel}"`).exec(rels)?.[1];
    const path = target ? (target.startsWith("/") ? target.slice(1) : `xl/${target}`) : "";
    const xml = text(path);
    if (!xml)
      throw new KindredError("INVALID_CONFIG", `sheet "${sheetName}" has no data part`, {
        field: "sheet",
      });
    shared ??= [...(text("xl/sharedStrings.xml") ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
      itemText(m[1] ?? ""),
    );
    return sheetRows(xml, shared);
  };
  return { sheets: sheets.map((s) => s.name), read };
}

/** A sheet part's cells, rows of strings with columns by position (empty cells ""). */
function sheetRows(xml: string, shared: string[]): string[][] {
  const rows: string[][] = [];
  for (const row of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const cell of (row[1] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1] ?? "";
      const body = cell[2] ?? "";
      const ref = /\br="([A-Z]+)\d+"/.exec(attributes)?.[1];
      const type = /\bt="([^"]+)"/.exec(attributes)?.[1];
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let content = "";
      if (type === "s" && value !== undefined) content = shared[Number(value)] ?? "";
      else if (type === "inlineStr") content = itemText(body);
      else if (value !== undefined) content = unescapeXml(value);
      const at = ref ? columnNumber(ref) : cells.length;
      while (cells.length < at) cells.push("");
      cells[at] = content;
    }
    rows.push(cells);
  }
  return rows;
}

/**
 * The cells of one sheet of an .xlsx workbook as rows of strings, columns by position (empty
 * cells ""). Shared strings, inline strings and numbers are read; formulas give their cached
 * value. Errors name the sheet; the sheets present are listed when it is missing.
 */
export function readXlsxSheet(bytes: Uint8Array, sheetName: string): string[][] {
  return openXlsx(bytes).read(sheetName);
}
