import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { UploadScalar } from "../server/multipart.ts";

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    default:
      throw new GraphQLError(
        "JSON: variables cannot be nested inside a JSON literal; pass the whole value as a variable",
      );
  }
}

const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});

const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime: cannot serialize ${String(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime()))
      throw new GraphQLError(`DateTime: "${String(value)}" is not an ISO-8601 date-time`);
    return date;
  },
});

export const scalarResolvers = { JSON: JSONScalar, DateTime: DateTimeScalar, Upload: UploadScalar };
