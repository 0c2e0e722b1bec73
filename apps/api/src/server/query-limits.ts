import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from "graphql";

/**
 * Limits on what one GraphQL request may ask for, so that a single nested query cannot make the
 * API walk millions of objects: nesting depth (a validation rule) and estimated cost (a
 * validation rule for fixed variables, and an Apollo plugin that sees each request's variables).
 *
 * Apollo rewrites the `extensions.code` of validation-rule errors to GRAPHQL_VALIDATION_FAILED
 * (the original error stays in `originalError`); the plugins keep QUERY_TOO_DEEP and
 * QUERY_TOO_COSTLY as the code.
 */

type Variables = Readonly<Record<string, unknown>>;
type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** Introspection entry points: bounded by the schema's size, and tools (GraphiQL, codegen) nest them deeply. */
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

/** Arguments that bound the length of a returned list, in order of preference. */
const LIST_SIZE_ARGUMENTS = ["limit", "first"] as const;
/** An input-object argument holding one of the above, e.g. `points(page: { limit: 100 })`. */
const PAGE_ARGUMENT = "page";

export const DEFAULT_LIST_SIZE = 50;

function operationLabel(operation: OperationDefinitionNode): string {
  return operation.name ? `operation "${operation.name.value}"` : `the anonymous ${operation.operation}`;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function operationsOf(document: DocumentNode, operationName?: string): OperationDefinitionNode[] {
  return document.definitions.filter(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION &&
      (operationName === undefined || d.name?.value === operationName),
  );
}

// ---------------------------------------------------------------------------------------------
// Depth

/**
 * Depth of field nesting: `{ a }` is 1, `{ a { b } }` is 2. Fragments count as the fields they
 * contain; `__schema` / `__type` subtrees count 0. Fragment depths are memoized, so documents
 * that spread fragments many times cost linear time; a fragment cycle (reported by graphql's own
 * NoFragmentCycles rule) counts 0 where it closes.
 */
class DepthMeter {
  private readonly memo = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(private readonly fragments: (name: string) => FragmentDefinitionNode | undefined | null) {}

  of(selectionSet: SelectionSetNode): number {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let depth = 0;
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
        depth = 1 + (selection.selectionSet ? this.of(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = this.of(selection.selectionSet);
      } else {
        depth = this.fragment(selection.name.value);
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  }

  private fragment(name: string): number {
    const known = this.memo.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments(name);
    if (!fragment || this.visiting.has(name)) return 0;
    this.visiting.add(name);
    const depth = this.of(fragment.selectionSet);
    this.visiting.delete(name);
    this.memo.set(name, depth);
    return depth;
  }
}

/** The depth of the named operation of a document (or, without a name, of its deepest operation). */
export function depthOf(document: DocumentNode, operationName?: string): number {
  const fragments = fragmentsOf(document);
  const meter = new DepthMeter((name) => fragments.get(name));
  return Math.max(0, ...operationsOf(document, operationName).map((op) => meter.of(op.selectionSet)));
}

function tooDeep(operation: OperationDefinitionNode, depth: number, maxDepth: number): GraphQLError {
  return new GraphQLError(
    `${operationLabel(operation)} is nested ${depth} levels deep, over the limit of ${maxDepth}`,
    { nodes: operation, extensions: { code: "QUERY_TOO_DEEP", http: { status: 400 } } },
  );
}

/** Validation rule: refuses operations whose field nesting is deeper than `maxDepth`. */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context) => {
    const meter = new DepthMeter((name) => context.getFragment(name));
    return {
      OperationDefinition(operation) {
        const depth = meter.of(operation.selectionSet);
        if (depth > maxDepth) context.reportError(tooDeep(operation, depth, maxDepth));
      },
    };
  };
}

/** Apollo plugin form of depthLimit, which keeps QUERY_TOO_DEEP as the error code. */
export function depthLimitPlugin(maxDepth: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          if (!operation) return;
          const fragments = fragmentsOf(document);
          const depth = new DepthMeter((name) => fragments.get(name)).of(operation.selectionSet);
          if (depth > maxDepth) throw tooDeep(operation, depth, maxDepth);
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cost

/**
 * Estimated cost: every field costs 1 times the product of the sizes of the lists it sits in.
 * A field returning a list multiplies its subtree by its `limit` or `first` argument (or
 * `page: { limit | first }`), a literal or a variable; missing → the argument's default in the
 * schema → `defaultListSize`. Meta fields (`__typename`, introspection) cost nothing. Every
 * branch of inline fragments and spreads is counted, so the estimate errs on the high side.
 *
 * cost(selection set) does not depend on where it is used, so the result of a fragment is
 * memoized and the estimate scales with the document's size, not with the query's fan-out.
 */
class CostMeter {
  private readonly memo = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: (name: string) => FragmentDefinitionNode | undefined | null,
    private readonly variables: Variables,
    private readonly defaultListSize: number,
  ) {}

  of(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += this.field(selection, parentType);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : parentType;
        cost += this.of(selection.selectionSet, type ?? undefined);
      } else {
        cost += this.fragment(selection.name.value);
      }
    }
    return cost;
  }

  private field(node: FieldNode, parentType: GraphQLNamedType | undefined): number {
    if (node.name.value.startsWith("__")) return 0;
    const definition =
      parentType && (isObjectType(parentType) || isInterfaceType(parentType))
        ? parentType.getFields()[node.name.value]
        : undefined;
    // An unknown field is reported by graphql's own FieldsOnCorrectType rule; count it once.
    if (!definition) return 1;
    if (!node.selectionSet) return 1;
    const nullable = isNonNullType(definition.type) ? definition.type.ofType : definition.type;
    const multiplier = isListType(nullable) ? this.listSize(node, definition) : 1;
    return 1 + multiplier * this.of(node.selectionSet, getNamedType(definition.type));
  }

  private listSize(node: FieldNode, definition: GraphQLField<unknown, unknown>): number {
    const given = (name: string): ValueNode | undefined =>
      node.arguments?.find((argument) => argument.name.value === name)?.value;
    for (const name of LIST_SIZE_ARGUMENTS) {
      const size = this.number(given(name));
      if (size !== undefined) return size;
    }
    const page = this.resolve(given(PAGE_ARGUMENT));
    for (const name of LIST_SIZE_ARGUMENTS) {
      const value =
        typeof page === "object" && page !== null ? (page as Record<string, unknown>)[name] : undefined;
      if (typeof value === "number") return clampSize(value);
    }
    for (const name of LIST_SIZE_ARGUMENTS) {
      const fallback = definition.args.find((argument) => argument.name === name)?.defaultValue;
      if (typeof fallback === "number") return clampSize(fallback);
    }
    return this.defaultListSize;
  }

  private number(node: ValueNode | undefined): number | undefined {
    const value = this.resolve(node);
    return typeof value === "number" ? clampSize(value) : undefined;
  }

  /** A literal or variable argument as a plain value (variables missing from the request → undefined). */
  private resolve(node: ValueNode | undefined): unknown {
    if (!node) return undefined;
    switch (node.kind) {
      case Kind.VARIABLE:
        return this.variables[node.name.value];
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((field) => [field.name.value, this.resolve(field.value)]));
      default:
        return undefined;
    }
  }

  private fragment(name: string): number {
    const known = this.memo.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments(name);
    if (!fragment || this.visiting.has(name)) return 0;
    this.visiting.add(name);
    const cost = this.of(
      fragment.selectionSet,
      this.schema.getType(fragment.typeCondition.name.value) ?? undefined,
    );
    this.visiting.delete(name);
    this.memo.set(name, cost);
    return cost;
  }
}

function clampSize(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.ceil(value)) : 0;
}

/** The request's variables over the operation's declared defaults. */
function withDefaults(operation: OperationDefinitionNode, variables: Variables): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue) merged[name] = literal(definition.defaultValue);
  }
  for (const [name, value] of Object.entries(variables)) {
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literal(field.value)]));
    default:
      return undefined;
  }
}

function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: (name: string) => FragmentDefinitionNode | undefined | null,
  variables: Variables,
  defaultListSize: number,
): number {
  const meter = new CostMeter(schema, fragments, withDefaults(operation, variables), defaultListSize);
  return meter.of(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

/**
 * Estimated cost of the named operation of a document (or, without a name, of its costliest
 * operation) for the given variables. Pure: no validation, unknown fields count 1.
 */
export function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Variables = {},
  defaultListSize: number = DEFAULT_LIST_SIZE,
  operationName?: string,
): number {
  const fragments: Fragments = fragmentsOf(document);
  const costs = operationsOf(document, operationName).map((operation) =>
    operationCost(schema, operation, (name) => fragments.get(name), variables, defaultListSize),
  );
  return Math.max(0, ...costs);
}

function tooCostly(operation: OperationDefinitionNode, cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `${operationLabel(operation)} has an estimated cost of ${cost}, over the limit of ${maxCost} ` +
      "(each field counts once per item of the lists it is in; ask for fewer items with limit/first)",
    { nodes: operation, extensions: { code: "QUERY_TOO_COSTLY", http: { status: 400 } } },
  );
}

/**
 * Validation rule: refuses operations whose estimated cost exceeds `maxCost`. Validation sees no
 * request variables (and Apollo caches validated documents across requests), so variables are
 * those given here, or else their declared defaults; per-request limits need costLimitPlugin.
 */
export function costLimit(
  maxCost: number,
  options: { defaultListSize?: number; variables?: Variables } = {},
): ValidationRule {
  const { defaultListSize = DEFAULT_LIST_SIZE, variables = {} } = options;
  return (context) => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const cost = operationCost(
        schema,
        operation,
        (name) => context.getFragment(name),
        variables,
        defaultListSize,
      );
      if (cost > maxCost) context.reportError(tooCostly(operation, cost, maxCost));
    },
  });
}

/**
 * Apollo plugin: estimates the cost of the operation being executed with the request's own
 * variables (available from didResolveOperation on) and refuses it with a 400 above `maxCost`.
 */
export function costLimitPlugin(
  maxCost: number,
  defaultListSize: number = DEFAULT_LIST_SIZE,
): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const fragments = fragmentsOf(document);
          const cost = operationCost(
            schema,
            operation,
            (name) => fragments.get(name),
            request.variables ?? {},
            defaultListSize,
          );
          if (cost > maxCost) throw tooCostly(operation, cost, maxCost);
        },
      };
    },
  };
}
