import type { ArithmeticOp, CompareOp, Expr } from "./expression-ast.ts";
import { type FormulaContext, formulaError } from "./expression-error.ts";
import { type Token, tokenize } from "./expression-tokens.ts";

const COMPARE_OPS: ReadonlySet<string> = new Set(["<", "<=", ">", ">=", "=", "!="]);

const isKeyword = (token: Token, word: string): boolean =>
  token.kind === "name" && String(token.value).toLowerCase() === word;

/**
 * Recursive descent over the tokens. Precedence, loosest first:
 *   or  <  and  <  not  <  comparison (one per level, no chains)  <  + −  <  * /  <  unary −
 * Calls are `name(arg, …)`; a name not followed by "(" is a column or score.
 */
class Parser {
  private i = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly context: FormulaContext,
  ) {}

  parse(): Expr {
    if (this.peek().kind === "end") throw formulaError(this.context, 0, "the formula is empty");
    const expr = this.or();
    const next = this.peek();
    if (next.kind !== "end") throw this.unexpected(next);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private unexpected(token: Token, expected?: string): Error {
    const what =
      token.kind === "end" ? "unexpected end of the formula" : `unexpected ${JSON.stringify(token.text)}`;
    return formulaError(this.context, token.offset, expected ? `${what}, expected ${expected}` : what);
  }

  private or(): Expr {
    let left = this.and();
    while (isKeyword(this.peek(), "or")) {
      const op = this.next();
      left = { type: "logical", op: "or", left, right: this.and(), offset: op.offset };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (isKeyword(this.peek(), "and")) {
      const op = this.next();
      left = { type: "logical", op: "and", left, right: this.not(), offset: op.offset };
    }
    return left;
  }

  private not(): Expr {
    if (isKeyword(this.peek(), "not")) {
      const op = this.next();
      return { type: "not", operand: this.not(), offset: op.offset };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const token = this.peek();
    if (token.kind !== "op" || !COMPARE_OPS.has(String(token.value))) return left;
    this.next();
    const right = this.additive();
    const chained = this.peek();
    if (chained.kind === "op" && COMPARE_OPS.has(String(chained.value))) {
      throw formulaError(
        this.context,
        chained.offset,
        `comparisons cannot be chained (${JSON.stringify(chained.text)}); join them with "and"`,
      );
    }
    return { type: "compare", op: token.value as CompareOp, left, right, offset: token.offset };
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let t = this.peek(); t.kind === "op" && (t.value === "+" || t.value === "-"); t = this.peek()) {
      this.next();
      left = {
        type: "arithmetic",
        op: t.value as ArithmeticOp,
        left,
        right: this.multiplicative(),
        offset: t.offset,
      };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (let t = this.peek(); t.kind === "op" && (t.value === "*" || t.value === "/"); t = this.peek()) {
      this.next();
      left = { type: "arithmetic", op: t.value as ArithmeticOp, left, right: this.unary(), offset: t.offset };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === "op" && t.value === "-") {
      this.next();
      return { type: "negate", operand: this.unary(), offset: t.offset };
    }
    if (t.kind === "op" && t.value === "+") {
      this.next();
      return this.unary();
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return { type: "number", value: t.value as number, offset: t.offset, text: t.text };
      case "string":
        return { type: "string", value: t.value as string, offset: t.offset, text: t.text };
      case "column":
        return { type: "name", name: t.value as string, bracketed: true, offset: t.offset, text: t.text };
      case "name": {
        const word = String(t.value).toLowerCase();
        if (word === "and" || word === "or" || word === "not") throw this.unexpected(t, "a value");
        if (this.peek().kind === "(") return this.call(t);
        return { type: "name", name: t.value as string, bracketed: false, offset: t.offset, text: t.text };
      }
      case "(": {
        const inner = this.or();
        const close = this.next();
        if (close.kind !== ")") throw this.unexpected(close, '")"');
        return inner;
      }
      default:
        throw this.unexpected(t, "a value");
    }
  }

  private call(name: Token): Expr {
    this.next(); // "("
    const args: Expr[] = [];
    if (this.peek().kind === ")") this.next();
    else {
      for (;;) {
        args.push(this.or());
        const t = this.next();
        if (t.kind === ")") break;
        if (t.kind !== ",") throw this.unexpected(t, '"," or ")"');
      }
    }
    return { type: "call", name: String(name.value), args, offset: name.offset };
  }
}

/** Parses a formula into a syntax tree; errors are INVALID_CONFIG naming the column and token. */
export function parseExpression(source: string, context: FormulaContext): Expr {
  return new Parser(tokenize(source, context), context).parse();
}
