import { KindredError } from "../errors/index.ts";

/** One CSV record and the 1-based physical line where it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

// Tokenizer states (plain numbers rather than an enum, so the file stays erasable TypeScript).
/** At the first character of a field (or of a record). */
const FIELD_START = 0;
/** Inside a field that did not start with a quote. */
const UNQUOTED = 1;
/** Inside a quoted field. */
const QUOTED = 2;
/** Just read a quote inside a quoted field: an escaped `""` or the closing quote. */
const QUOTE_SEEN = 3;
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_SEEN;

/**
 * RFC-4180 tokenizer fed with decoded text chunk by chunk. It is a character-state machine
 * whose state survives chunk boundaries (inside quotes, between the halves of a `""` escape or
 * of a CRLF pair), so the caller never has to hold the file as one string. Field text is
 * taken as slices of the chunk; only a field split across chunks is concatenated (once per
 * chunk, never per character).
 *
 * Leniency, on purpose: a quote inside an unquoted field is kept as text, and text after a
 * closing quote (`"ab"c`) is appended to the field. Blank lines (and lines holding only
 * unquoted whitespace) are skipped.
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private state: State = FIELD_START;
  private fields: string[] = [];
  /** Text of the current field carried over from earlier chunks or quoted segments. */
  private carry = "";
  private fieldQuoted = false;
  /** A CR ended the previous chunk: a LF starting the next chunk belongs to it. */
  private skipLf = false;
  /** The last character read inside quotes was a CR (so a following LF is the same line end). */
  private quotedCr = false;
  /** Physical line of the next character (1-based). */
  private currentLine = 1;
  private recordLine = 1;
  private quoteLine = 1;

  constructor(delimiter: string) {
    if (delimiter.length !== 1) throw new Error("delimiter must be one character");
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The 1-based physical line the next character is on (for placing errors). */
  get line(): number {
    return this.currentLine;
  }

  /** Feeds the next piece of text; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = chunk.length;
    const delimiter = this.delimiter;
    let i = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (chunk.charCodeAt(0) === LF) i = 1;
    }
    // Start of the current field's text inside this chunk (meaningful in Unquoted / Quoted).
    let start = i;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case FIELD_START:
          if (this.fields.length === 0) this.recordLine = this.currentLine;
          if (c === QUOTE) {
            this.state = QUOTED;
            this.fieldQuoted = true;
            this.quotedCr = false;
            this.quoteLine = this.currentLine;
            start = i + 1;
            i++;
          } else if (c === delimiter) {
            this.fields.push("");
            i++;
          } else if (c === LF || c === CR) {
            this.fields.push("");
            i = this.endRecord(chunk, i, out);
          } else {
            this.state = UNQUOTED;
            start = i;
            i++;
          }
          break;
        case UNQUOTED:
          // Tight inner scan: most characters are plain field text.
          while (i < n) {
            const d = chunk.charCodeAt(i);
            if (d === delimiter || d === LF || d === CR) break;
            i++;
          }
          if (i < n) {
            this.fields.push(this.take(chunk, start, i));
            if (chunk.charCodeAt(i) === delimiter) {
              this.state = FIELD_START;
              i++;
            } else {
              i = this.endRecord(chunk, i, out);
            }
          }
          break;
        case QUOTED: {
          // Scan to the next quote, counting the line ends inside the field.
          let quotedCr = this.quotedCr;
          while (i < n) {
            const d = chunk.charCodeAt(i);
            if (d === QUOTE) break;
            if (d === CR) {
              this.currentLine++;
              quotedCr = true;
            } else {
              if (d === LF && !quotedCr) this.currentLine++;
              quotedCr = false;
            }
            i++;
          }
          this.quotedCr = quotedCr;
          if (i < n) {
            this.carry += chunk.slice(start, i);
            this.state = QUOTE_SEEN;
            i++;
          }
          break;
        }
        case QUOTE_SEEN:
          this.quotedCr = false;
          if (c === QUOTE) {
            // Escaped quote: keep one and stay inside the quotes.
            this.carry += '"';
            this.state = QUOTED;
            start = i + 1;
            i++;
          } else if (c === delimiter) {
            this.fields.push(this.takeCarry());
            this.state = FIELD_START;
            i++;
          } else if (c === LF || c === CR) {
            this.fields.push(this.takeCarry());
            i = this.endRecord(chunk, i, out);
          } else {
            // Text after the closing quote: keep it as part of the field.
            this.state = UNQUOTED;
            start = i;
          }
          break;
      }
    }
    // Keep the unfinished field's text for the next chunk.
    if (this.state === UNQUOTED || this.state === QUOTED) {
      this.carry += chunk.slice(start, n);
    }
    return out;
  }

  /** Signals the end of input; returns the last record when the file lacks a final newline. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    switch (this.state) {
      case QUOTED:
        throw new KindredError(
          "UNTERMINATED_QUOTE",
          `a quoted field opened on line ${this.quoteLine} is never closed (the file ends inside the quotes)`,
          { line: this.quoteLine },
        );
      case UNQUOTED:
      case QUOTE_SEEN:
        this.fields.push(this.takeCarry());
        this.emit(out);
        break;
      case FIELD_START:
        // "a,b," at EOF: the trailing delimiter opened an empty last field.
        if (this.fields.length > 0) {
          this.fields.push("");
          this.emit(out);
        }
        break;
    }
    return out;
  }

  private take(chunk: string, start: number, end: number): string {
    if (this.carry === "") return chunk.slice(start, end);
    const text = this.carry + chunk.slice(start, end);
    this.carry = "";
    return text;
  }

  private takeCarry(): string {
    const text = this.carry;
    this.carry = "";
    return text;
  }

  /** Ends the record at the line break at `i`; returns the index after the break. */
  private endRecord(chunk: string, i: number, out: CsvRecord[]): number {
    this.emit(out);
    this.currentLine++;
    if (chunk.charCodeAt(i) === CR) {
      if (i + 1 < chunk.length) {
        return chunk.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      }
      this.skipLf = true;
    }
    return i + 1;
  }

  private emit(out: CsvRecord[]): void {
    const fields = this.fields;
    this.fields = [];
    this.state = FIELD_START;
    const quoted = this.fieldQuoted;
    this.fieldQuoted = false;
    // A blank or whitespace-only line is not a record.
    if (fields.length === 1 && !quoted && (fields[0] as string).trim() === "") return;
    out.push({ fields, line: this.recordLine });
  }
}
