/** The syntax tree of a formula. Every node keeps its 0-based offset for error messages. */

export type CompareOp = "<" | "<=" | ">" | ">=" | "=" | "!=";
export type ArithmeticOp = "+" | "-" | "*" | "/";

export type Expr =
  | { type: "number"; value: number; offset: number; text: string }
  | { type: "string"; value: string; offset: number; text: string }
  /** A bare name or a [bracketed] name: a column or a score. */
  | { type: "name"; name: string; bracketed: boolean; offset: number; text: string }
  | { type: "negate"; operand: Expr; offset: number }
  | { type: "not"; operand: Expr; offset: number }
  | { type: "arithmetic"; op: ArithmeticOp; left: Expr; right: Expr; offset: number }
  | { type: "compare"; op: CompareOp; left: Expr; right: Expr; offset: number }
  | { type: "logical"; op: "and" | "or"; left: Expr; right: Expr; offset: number }
  | { type: "call"; name: string; args: Expr[]; offset: number };
