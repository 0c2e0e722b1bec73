import { parseNumber } from "../data/index.ts";
import type { ColumnSchema } from "../data/types.ts";
import type { KindredErrorCode } from "../errors/index.ts";
import type { CompareOp, Expr } from "./expression-ast.ts";
import { columnType } from "./expression-columns.ts";
import { type FormulaContext, formulaError } from "./expression-error.ts";
import {
  asNumbers,
  type BooleanVector,
  filledNumbers,
  mapNumbers,
  type NumberVector,
  type StringVector,
  test,
  type Vector,
  zipNumbers,
} from "./expression-vectors.ts";
import { percentileRank } from "./percentile-rank.ts";

export type ValueType = "number" | "boolean" | "string";

/** What a compiled formula reads while it runs. */
export interface EvalEnv {
  rowCount: number;
  /** A number column as NumberVector, any other as StringVector (see `readColumnVector`). */
  column(name: string): NumberVector | StringVector;
  score(name: string): NumberVector;
}

export interface Compiled {
  type: ValueType;
  run(env: EvalEnv): Vector;
}

/** A compiled node with what messages need. */
interface Node extends Compiled {
  offset: number;
  /** e.g. `column "occupation"`, `the text "abc"`, `this value`. */
  what: string;
  /** A quoted text, for comparisons with numbers and ordinal levels. */
  literal?: string;
  rankLevels?: string[];
}

export interface CompileScope {
  context: FormulaContext;
  columns: ReadonlyMap<string, ColumnSchema>;
  /** Score names the formula may use. */
  scores: ReadonlySet<string>;
  /** Score names it may not use, with the reason (defined later, or itself). */
  unavailableScores?: ReadonlyMap<string, string>;
  /** Error code for a bare name that is neither a column nor a score ([bracketed] ones are UNKNOWN_COLUMN). */
  unknownNameCode: KindredErrorCode;
}

const FUNCTIONS: Record<string, { arity: [number, number]; usage: string }> = {
  abs: { arity: [1, 1], usage: "abs(x)" },
  clip: { arity: [3, 3], usage: "clip(x, lo, hi)" },
  if: { arity: [3, 3], usage: "if(condition, a, b)" },
  log1p: { arity: [1, 1], usage: "log1p(x)" },
  max: { arity: [1, Number.POSITIVE_INFINITY], usage: "max(a, b, …)" },
  min: { arity: [1, Number.POSITIVE_INFINITY], usage: "min(a, b, …)" },
  missing: { arity: [1, 1], usage: "missing(x)" },
  pct: { arity: [1, 1], usage: "pct(x)" },
};

const TYPE_NAMES: Record<ValueType, string> = {
  number: "a number",
  boolean: "a condition (true/false)",
  string: "text",
};

const simplify = (name: string): string => name.toLowerCase().replace(/[\s_.]+/g, "");
const reference = (name: string): string => (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `[${name}]`);

class Compiler {
  /** Columns the formula reads. */
  readonly columnsUsed = new Set<string>();

  constructor(private readonly scope: CompileScope) {}

  private error(offset: number, message: string, code?: KindredErrorCode, column?: string): Error {
    return formulaError(this.scope.context, offset, message, code, column);
  }

  private numeric(node: Node, role: string): Node {
    if (node.type === "string") {
      throw this.error(node.offset, `${role} needs numbers, but ${node.what} is text`);
    }
    return node;
  }

  private condition(node: Node, role: string): Node {
    if (node.type !== "boolean") {
      throw this.error(
        node.offset,
        `${role} needs conditions such as x > 1, but ${node.what} is ${TYPE_NAMES[node.type]}`,
      );
    }
    return node;
  }

  compile(expr: Expr): Node {
    switch (expr.type) {
      case "number": {
        const value = expr.value;
        return {
          type: "number",
          offset: expr.offset,
          what: expr.text,
          run: (env) => filledNumbers(env.rowCount, value),
        };
      }
      case "string": {
        const value = expr.value;
        return {
          type: "string",
          offset: expr.offset,
          what: `the text ${expr.text}`,
          literal: value,
          run: (env) => new Array<string | null>(env.rowCount).fill(value),
        };
      }
      case "name":
        return this.name(expr);
      case "negate": {
        const operand = this.numeric(this.compile(expr.operand), '"-"');
        return {
          type: "number",
          offset: expr.offset,
          what: "this value",
          run: (env) => mapNumbers(asNumbers(operand.run(env)), (x) => -x),
        };
      }
      case "not": {
        const operand = this.condition(this.compile(expr.operand), '"not"');
        return {
          type: "boolean",
          offset: expr.offset,
          what: "this condition",
          run: (env) => {
            const v = operand.run(env) as BooleanVector;
            return test(env.rowCount, (i) => v[i] === 0);
          },
        };
      }
      case "arithmetic": {
        const role = JSON.stringify(expr.op);
        const left = this.numeric(this.compile(expr.left), role);
        const right = this.numeric(this.compile(expr.right), role);
        const f = ARITHMETIC[expr.op];
        return {
          type: "number",
          offset: expr.left.offset,
          what: "this value",
          run: (env) => zipNumbers(asNumbers(left.run(env)), asNumbers(right.run(env)), f),
        };
      }
      case "logical": {
        const left = this.condition(this.compile(expr.left), `"${expr.op}"`);
        const right = this.condition(this.compile(expr.right), `"${expr.op}"`);
        const both = expr.op === "and";
        return {
          type: "boolean",
          offset: expr.left.offset,
          what: "this condition",
          run: (env) => {
            const a = left.run(env) as BooleanVector;
            const b = right.run(env) as BooleanVector;
            return test(
              env.rowCount,
              both ? (i) => a[i] === 1 && b[i] === 1 : (i) => a[i] === 1 || b[i] === 1,
            );
          },
        };
      }
      case "compare":
        return this.compare(expr.op, this.compile(expr.left), this.compile(expr.right), expr.offset);
      case "call":
        return this.call(expr);
    }
  }

  private name(expr: Extract<Expr, { type: "name" }>): Node {
    const { name, offset } = expr;
    const { scores, columns, unavailableScores } = this.scope;
    if (scores.has(name)) {
      return { type: "number", offset, what: `score "${name}"`, run: (env) => env.score(name) };
    }
    const column = columns.get(name);
    if (column) {
      this.columnsUsed.add(name);
      const { type, rankLevels } = columnType(column);
      const node: Node = { type, offset, what: `column "${name}"`, run: (env) => env.column(name) };
      if (rankLevels) node.rankLevels = rankLevels;
      return node;
    }
    const reason = unavailableScores?.get(name);
    if (reason) throw this.error(offset, `score "${name}" ${reason}`);
    const known = [...scores, ...columns.keys()];
    const close = known.find((k) => simplify(k) === simplify(name));
    const hint = close === undefined ? "" : `; did you mean ${reference(close)}?`;
    const code = expr.bracketed ? "UNKNOWN_COLUMN" : this.scope.unknownNameCode;
    const what = expr.bracketed || scores.size === 0 ? "no column" : "no score or column";
    throw this.error(offset, `there is ${what} ${JSON.stringify(name)}${hint}`, code, name);
  }

  /**
   * Numbers compare as numbers (null → false). Texts compare with "=" / "!=" only. A quoted text
   * against a number is read as a number, or as the rank of an ordinal level; a text column
   * against a number compares the numbers its cells spell.
   */
  private compare(op: CompareOp, left: Node, right: Node, offset: number): Node {
    const n = (env: EvalEnv, node: Node) => asNumbers(node.run(env));
    const role = JSON.stringify(op);
    if (left.type !== "string" && right.type !== "string") {
      return compareNode(op, offset, (env) => [n(env, left), n(env, right)]);
    }
    if (left.type === "string" && right.type === "string") {
      if (op !== "=" && op !== "!=") {
        throw this.error(offset, `${role} compares numbers, but ${left.what} and ${right.what} are text`);
      }
      const equal = op === "=";
      return {
        type: "boolean",
        offset,
        what: "this condition",
        run: (env) => {
          const a = left.run(env) as StringVector;
          const b = right.run(env) as StringVector;
          return test(env.rowCount, (i) => a[i] !== null && b[i] !== null && (a[i] === b[i]) === equal);
        },
      };
    }
    const [text, number] = left.type === "string" ? [left, right] : [right, left];
    if (text.literal !== undefined) {
      const value = this.literalNumber(text, number);
      const constant = (env: EvalEnv) => filledNumbers(env.rowCount, value);
      return compareNode(op, offset, (env) =>
        left === text ? [constant(env), n(env, number)] : [n(env, number), constant(env)],
      );
    }
    if (op !== "=" && op !== "!=")
      throw this.error(text.offset, `${role} needs numbers, but ${text.what} is text`);
    return compareNode(op, offset, (env) => {
      const parsed = Float64Array.from(text.run(env) as StringVector, (s) =>
        s === null ? Number.NaN : parseNumber(s),
      );
      return [parsed, n(env, number)];
    });
  }

  /** A quoted text compared with a number: an ordinal level's rank, or the number it spells. */
  private literalNumber(text: Node, number: Node): number {
    const literal = text.literal!;
    if (number.rankLevels) {
      const rank = number.rankLevels.indexOf(literal.trim());
      if (rank < 0) {
        throw this.error(
          text.offset,
          `${text.what} is not a level of ${number.what} (levels: ${number.rankLevels.join(", ")})`,
        );
      }
      return rank + 1;
    }
    const value = parseNumber(literal);
    if (Number.isNaN(value))
      throw this.error(text.offset, `${number.what} is a number, but ${text.what} is not`);
    return value;
  }

  private call(expr: Extract<Expr, { type: "call" }>): Node {
    const name = expr.name.toLowerCase();
    const spec = FUNCTIONS[name];
    if (!spec) {
      throw this.error(
        expr.offset,
        `unknown function "${expr.name}"; functions: ${Object.values(FUNCTIONS)
          .map((f) => f.usage)
          .join(", ")}`,
      );
    }
    const [least, most] = spec.arity;
    if (expr.args.length < least || expr.args.length > most) {
      const count =
        least === most ? `${least} argument${least === 1 ? "" : "s"}` : `at least ${least} argument`;
      throw this.error(expr.offset, `${spec.usage} takes ${count}, got ${expr.args.length}`);
    }
    const args = expr.args.map((arg) => this.compile(arg));
    const role = `${name}()`;
    const base = { offset: expr.offset, what: `${name}(…)` };
    const numbers = (env: EvalEnv) => args.map((a) => asNumbers(a.run(env)));
    switch (name) {
      case "abs":
      case "log1p": {
        this.numeric(args[0]!, role);
        const f = name === "abs" ? Math.abs : Math.log1p;
        return { ...base, type: "number", run: (env) => mapNumbers(numbers(env)[0]!, f) };
      }
      case "min":
      case "max": {
        for (const a of args) this.numeric(a, role);
        const f = name === "min" ? Math.min : Math.max;
        return {
          ...base,
          type: "number",
          run: (env) => numbers(env).reduce((acc, v) => zipNumbers(acc, v, f)),
        };
      }
      case "clip": {
        for (const a of args) this.numeric(a, role);
        return {
          ...base,
          type: "number",
          run: (env) => {
            const [x, lo, hi] = numbers(env) as [NumberVector, NumberVector, NumberVector];
            return zipNumbers(zipNumbers(x, lo, Math.max), hi, Math.min);
          },
        };
      }
      case "pct": {
        this.numeric(args[0]!, role);
        return { ...base, type: "number", run: (env) => percentileRank(numbers(env)[0]!) };
      }
      case "missing": {
        const arg = args[0]!;
        return {
          ...base,
          type: "boolean",
          run: (env) => {
            const v = arg.run(env);
            if (arg.type === "boolean") return new Uint8Array(env.rowCount);
            if (v instanceof Float64Array) return test(env.rowCount, (i) => Number.isNaN(v[i]!));
            return test(env.rowCount, (i) => (v as StringVector)[i] === null);
          },
        };
      }
      default:
        return this.ifCall(args as [Node, Node, Node], base);
    }
  }

  private ifCall([cond, a, b]: [Node, Node, Node], base: { offset: number; what: string }): Node {
    this.condition(cond, "if()");
    if ((a.type === "string") !== (b.type === "string")) {
      const text = a.type === "string" ? a : b;
      throw this.error(
        text.offset,
        `if() needs two results of one type, but ${text.what} is text and the other is not`,
      );
    }
    const type: ValueType =
      a.type === "string" ? "string" : a.type === "boolean" && b.type === "boolean" ? "boolean" : "number";
    return {
      ...base,
      type,
      run: (env) => {
        const c = cond.run(env) as BooleanVector;
        if (type === "string") {
          const x = a.run(env) as StringVector;
          const y = b.run(env) as StringVector;
          return Array.from(c, (v, i) => (v ? x[i]! : y[i]!));
        }
        if (type === "boolean") {
          const x = a.run(env) as BooleanVector;
          const y = b.run(env) as BooleanVector;
          return Uint8Array.from(c, (v, i) => (v ? x[i]! : y[i]!));
        }
        const x = asNumbers(a.run(env));
        const y = asNumbers(b.run(env));
        return Float64Array.from(c, (v, i) => (v ? x[i]! : y[i]!));
      },
    };
  }
}

const ARITHMETIC: Record<"+" | "-" | "*" | "/", (x: number, y: number) => number> = {
  "+": (x, y) => x + y,
  "-": (x, y) => x - y,
  "*": (x, y) => x * y,
  "/": (x, y) => x / y,
};

const COMPARE: Record<CompareOp, (x: number, y: number) => boolean> = {
  "<": (x, y) => x < y,
  "<=": (x, y) => x <= y,
  ">": (x, y) => x > y,
  ">=": (x, y) => x >= y,
  "=": (x, y) => x === y,
  // Null compares false, even for "!=".
  "!=": (x, y) => x !== y && !Number.isNaN(x) && !Number.isNaN(y),
};

function compareNode(
  op: CompareOp,
  offset: number,
  operands: (env: EvalEnv) => [NumberVector, NumberVector],
): Node {
  const f = COMPARE[op];
  return {
    type: "boolean",
    offset,
    what: "this condition",
    run: (env) => {
      const [a, b] = operands(env);
      return test(env.rowCount, (i) => f(a[i]!, b[i]!));
    },
  };
}

/** Resolves names and checks types; returns a runnable formula and the columns it reads. */
export function compileExpression(
  expr: Expr,
  scope: CompileScope,
): { compiled: Compiled; columns: Set<string> } {
  const compiler = new Compiler(scope);
  const compiled = compiler.compile(expr);
  return { compiled, columns: compiler.columnsUsed };
}
