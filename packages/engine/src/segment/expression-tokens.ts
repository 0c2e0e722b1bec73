import { type FormulaContext, formulaError } from "./expression-error.ts";

export type TokenKind = "number" | "string" | "name" | "column" | "op" | "(" | ")" | "," | "end";

export interface Token {
  kind: TokenKind;
  /** The token as written (for messages). */
  text: string;
  /** number: its value; string: the unquoted text; name / column: the name; op: the canonical operator. */
  value: string | number;
  /** 0-based offset in the formula. */
  offset: number;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[\p{L}_][\p{L}\p{N}_.]*/u;
const SPACE = /^\s+/;

/** Operators as written → canonical form. Longest spellings first. */
const OPERATORS: readonly [string, string][] = [
  [">=", ">="],
  ["<=", "<="],
  ["==", "="],
  ["!=", "!="],
  ["<>", "!="],
  ["≥", ">="],
  ["≤", "<="],
  ["≠", "!="],
  [">", ">"],
  ["<", "<"],
  ["=", "="],
  ["+", "+"],
  ["-", "-"],
  ["−", "-"],
  ["*", "*"],
  ["×", "*"],
  ["/", "/"],
];

/** A quoted text ('…' or "…", backslash escapes the next character) starting at `start`. */
function readString(source: string, start: number, context: FormulaContext): Token {
  const quote = source[start]!;
  let value = "";
  for (let i = start + 1; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\" && i + 1 < source.length) {
      value += source[++i];
    } else if (ch === quote) {
      return { kind: "string", text: source.slice(start, i + 1), value, offset: start };
    } else value += ch;
  }
  throw formulaError(context, start, `the text starting with ${quote} has no closing ${quote}`);
}

/** A bracketed column name `[Column With Spaces]`; `]]` stands for a `]` inside the name. */
function readBracketed(source: string, start: number, context: FormulaContext): Token {
  let name = "";
  for (let i = start + 1; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "]") {
      if (source[i + 1] === "]") {
        name += "]";
        i++;
        continue;
      }
      if (name.trim() === "") throw formulaError(context, start, "empty column name []");
      return { kind: "column", text: source.slice(start, i + 1), value: name, offset: start };
    }
    name += ch;
  }
  throw formulaError(context, start, `the column name starting with [ has no closing ]`);
}

/**
 * Splits a formula into tokens: numbers, 'texts' / "texts", names (letters, digits, _ and .,
 * not starting with a digit), [bracketed column names], operators, parentheses and commas.
 * Anything else is an INVALID_CONFIG error naming its column.
 */
export function tokenize(source: string, context: FormulaContext): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = SPACE.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const ch = source[i]!;
    if (ch === '"' || ch === "'") {
      const token = readString(source, i, context);
      tokens.push(token);
      i += token.text.length;
      continue;
    }
    if (ch === "[") {
      const token = readBracketed(source, i, context);
      tokens.push(token);
      i += token.text.length;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: ch, text: ch, value: ch, offset: i });
      i++;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: "number", text: number[0], value: Number(number[0]), offset: i });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: "name", text: name[0], value: name[0], offset: i });
      i += name[0].length;
      continue;
    }
    const operator = OPERATORS.find(([spelling]) => rest.startsWith(spelling));
    if (operator) {
      tokens.push({ kind: "op", text: operator[0], value: operator[1], offset: i });
      i += operator[0].length;
      continue;
    }
    throw formulaError(
      context,
      i,
      `unexpected ${JSON.stringify(String.fromCodePoint(rest.codePointAt(0)!))}`,
    );
  }
  tokens.push({ kind: "end", text: "", value: "", offset: source.length });
  return tokens;
}
