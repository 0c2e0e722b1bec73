import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContext,
  GraphQLRequestContextDidResolveOperation,
} from "@apollo/server";
import {
  buildSchema,
  type GraphQLError,
  getIntrospectionQuery,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { describe, expect, it } from "vitest";
import { costLimit, costLimitPlugin, costOf, depthLimit, depthLimitPlugin, depthOf } from "./query-limits.ts";

// runs(limit) → customers(limit | first) is the two-level list nesting the estimates are about.
const typeDefs = /* GraphQL */ `
  type Query {
    runs(limit: Int): [Run!]!
    run(id: ID!): Run
  }
  type Run {
    id: ID!
    name: String
    customers(limit: Int, first: Int): [Customer!]!
    best: Customer
  }
  type Customer {
    id: ID!
    score: Float
    tags(limit: Int = 3): [Tag!]!
    neighbours(page: PageInput): [Customer!]!
  }
  type Tag {
    name: String
  }
  input PageInput {
    limit: Int
    offset: Int
  }
`;
const schema = buildSchema(typeDefs);

function errorsOf(query: string, rules: Parameters<typeof validate>[2]): readonly GraphQLError[] {
  const document = parse(query);
  // The schema's own rules first: every query used here must be valid GraphQL.
  expect(validate(schema, document, specifiedRules)).toEqual([]);
  return validate(schema, document, rules);
}

const cost = (query: string, variables: Record<string, unknown> = {}, defaultListSize?: number) =>
  costOf(schema, parse(query), variables, defaultListSize);

describe("depthLimit", () => {
  const deep = "query Deep { runs { customers { neighbours { tags { name } } } } }";

  it("measures field nesting", () => {
    expect(depthOf(parse("{ runs { id } }"))).toBe(2);
    expect(depthOf(parse(deep))).toBe(5);
    expect(depthOf(parse("{ run(id: 1) { id best { id } } runs { id } }"))).toBe(3);
  });

  it("refuses operations deeper than the limit, naming the operation and the depth", () => {
    expect(errorsOf(deep, [depthLimit(5)])).toEqual([]);
    const errors = errorsOf(deep, [depthLimit(4)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions.code).toBe("QUERY_TOO_DEEP");
    expect(errors[0]!.message).toContain('"Deep"');
    expect(errors[0]!.message).toContain("5");
  });

  it("follows fragments and inline fragments", () => {
    const query = `
      query Spread { ...Q }
      fragment Q on Query { runs { ...R } }
      fragment R on Run { customers { ... on Customer { neighbours { id } } } }
    `;
    expect(depthOf(parse(query))).toBe(4);
    expect(errorsOf(query, [depthLimit(4)])).toEqual([]);
    expect(errorsOf(query, [depthLimit(3)]).map((e) => e.extensions.code)).toEqual(["QUERY_TOO_DEEP"]);
  });

  it("exempts introspection, so that tools still work", () => {
    expect(errorsOf(getIntrospectionQuery(), [depthLimit(2)])).toEqual([]);
    const mixed = "{ __schema { types { fields { type { ofType { name } } } } } runs { id } }";
    expect(depthOf(parse(mixed))).toBe(2);
    expect(depthOf(parse('{ __type(name: "Run") { fields { name } } }'))).toBe(0);
  });

  it("judges each operation of a document on its own", () => {
    const query = "query Shallow { runs { id } } query Deep { runs { customers { neighbours { id } } } }";
    const errors = errorsOf(query, [depthLimit(3)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('"Deep"');
    expect(depthOf(parse(query), "Shallow")).toBe(2);
  });
});

describe("costOf", () => {
  it("multiplies each list's subtree by its limit", () => {
    // runs 1 + 10 × (id 1 + customers (1 + 5 × (id 1 + score 1))) = 1 + 10 × 12
    expect(cost("{ runs(limit: 10) { id customers(limit: 5) { id score } } }")).toBe(121);
    // `first` as well: 1 + 2 × (customers 1 + 6 × id 1)
    expect(cost("{ runs(limit: 2) { customers(first: 6) { id } } }")).toBe(15);
    // Objects do not multiply: run 1 + (id 1 + name 1)
    expect(cost('{ run(id: "r") { id name } }')).toBe(3);
  });

  it("counts defaultListSize for lists without a limit, the schema's default when it has one", () => {
    expect(cost("{ runs { id } }")).toBe(1 + 50);
    expect(cost("{ runs { id } }", {}, 20)).toBe(1 + 20);
    // tags(limit: Int = 3): run 1 + best (1 + tags (1 + 3 × name 1))
    expect(cost('{ run(id: "r") { best { tags { name } } } }')).toBe(6);
    // page: { limit }: run 1 + best (1 + neighbours (1 + 7 × id 1))
    expect(cost('{ run(id: "r") { best { neighbours(page: { limit: 7 }) { id } } } }')).toBe(10);
  });

  it("honours variables, then their declared defaults", () => {
    const query = `
      query Q($n: Int, $m: Int = 4, $page: PageInput) {
        runs(limit: $n) { customers(limit: $m) { id neighbours(page: $page) { id } } }
      }
    `;
    // 1 + n × (1 + m × (id 1 + neighbours (1 + p × id 1)))
    expect(cost(query, { n: 3, page: { limit: 2 } })).toBe(1 + 3 * (1 + 4 * (1 + 1 + 2)));
    expect(cost(query, { n: 3, m: 10, page: { limit: 2 } })).toBe(1 + 3 * (1 + 10 * 4));
    // Nothing given: n and page.limit fall back to the default list size.
    expect(cost(query)).toBe(1 + 50 * (1 + 4 * (1 + 1 + 50)));
  });

  it("follows fragments", () => {
    const query = `
      query { runs(limit: 10) { ...R } }
      fragment R on Run { id customers(limit: 5) { ...C } }
      fragment C on Customer { id ... on Customer { score } }
    `;
    expect(cost(query)).toBe(121);
  });

  it("charges nothing for __typename and introspection", () => {
    expect(cost("{ __typename runs(limit: 2) { __typename id } }")).toBe(1 + 2);
    expect(cost(getIntrospectionQuery())).toBe(0);
  });

  it("takes the named operation, or the costliest one", () => {
    const query = "query A { runs(limit: 1) { id } } query B { runs(limit: 9) { id } }";
    expect(costOf(schema, parse(query), {}, 50, "A")).toBe(2);
    expect(costOf(schema, parse(query))).toBe(10);
  });
});

describe("costLimit", () => {
  const query = "query Big($n: Int) { runs(limit: $n) { id customers(limit: 5) { id score } } }";

  it("refuses operations over the limit, naming the cost and the limit", () => {
    // n = 10 → 121
    expect(errorsOf(query, [costLimit(121, { variables: { n: 10 } })])).toEqual([]);
    const errors = errorsOf(query, [costLimit(120, { variables: { n: 10 } })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions.code).toBe("QUERY_TOO_COSTLY");
    expect(errors[0]!.message).toContain("121");
    expect(errors[0]!.message).toContain("120");
  });

  it("uses defaultListSize without variables", () => {
    // 1 + 20 × 12
    expect(errorsOf(query, [costLimit(241, { defaultListSize: 20 })])).toEqual([]);
    expect(errorsOf(query, [costLimit(240, { defaultListSize: 20 })])).toHaveLength(1);
  });
});

// The hooks are driven directly: under vitest, Apollo (loaded by Node) and this code (loaded by
// vite) get different copies of graphql (index.js vs index.mjs), which cannot share a schema.
describe("Apollo plugins", () => {
  async function didResolve(
    plugin: ApolloServerPlugin,
    query: string,
    variables: Record<string, unknown> = {},
  ) {
    const document = parse(query);
    const operation = getOperationAST(document) ?? undefined;
    const listener = await plugin.requestDidStart?.({} as GraphQLRequestContext<BaseContext>);
    const context = {
      schema,
      document,
      operation,
      operationName: operation?.name?.value ?? null,
      request: { query, variables },
    };
    try {
      await listener?.didResolveOperation?.(
        context as unknown as GraphQLRequestContextDidResolveOperation<BaseContext>,
      );
      return undefined;
    } catch (error) {
      return error as GraphQLError;
    }
  }

  it("costLimitPlugin estimates with the request's variables and answers 400", async () => {
    const query = "query Runs($n: Int) { runs(limit: $n) { id customers(limit: 5) { id } } }";
    // 1 + n × (id 1 + customers (1 + 5 × id 1))
    expect(await didResolve(costLimitPlugin(1 + 3 * 7), query, { n: 3 })).toBeUndefined();
    const refused = await didResolve(costLimitPlugin(1 + 3 * 7), query, { n: 4 });
    expect(refused?.extensions).toEqual({ code: "QUERY_TOO_COSTLY", http: { status: 400 } });
    expect(refused?.message).toContain(String(1 + 4 * 7));
    expect(refused?.message).toContain(String(1 + 3 * 7));
  });

  it("costLimitPlugin uses its defaultListSize for lists without a limit", async () => {
    expect((await didResolve(costLimitPlugin(10, 10), "{ runs { id } }"))?.extensions.code).toBe(
      "QUERY_TOO_COSTLY",
    );
    expect(await didResolve(costLimitPlugin(11, 10), "{ runs { id } }")).toBeUndefined();
  });

  it("depthLimitPlugin keeps QUERY_TOO_DEEP as the code", async () => {
    const query = "{ runs { customers { id } } }";
    expect((await didResolve(depthLimitPlugin(2), query))?.extensions).toEqual({
      code: "QUERY_TOO_DEEP",
      http: { status: 400 },
    });
    expect(await didResolve(depthLimitPlugin(3), query)).toBeUndefined();
  });
});
