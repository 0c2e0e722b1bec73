import { getDirective, MapperKind, mapSchema } from "@graphql-tools/utils";
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { AuthError, type Role, requireRole } from "../services/auth.ts";
import type { GraphQLContext } from "./graphql-context.ts";
import { authGraphQLError } from "./graphql-errors.ts";

/** Root fields open to anonymous requests. */
const ANONYMOUS = new Set(["Mutation.login"]);
const ROOTS = new Set(["Query", "Mutation", "Subscription"]);

/**
 * Enforces `@auth(role: …)` on every field that carries it, and "signed in" on every other root
 * field but login. Checked in the schema, not in each resolver, so no field can forget it.
 */
export function applyAuthDirective(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const role = getDirective(schema, field, "auth")?.[0]?.role as Role | undefined;
      const required: Role | null =
        role ?? (ROOTS.has(typeName) && !ANONYMOUS.has(`${typeName}.${fieldName}`) ? "viewer" : null);
      if (!required) return field;
      const guard = <T extends GraphQLFieldResolver<unknown, GraphQLContext>>(inner: T): T =>
        ((source, args, ctx, info) => {
          try {
            requireRole(ctx.viewer, required);
          } catch (error) {
            throw error instanceof AuthError ? authGraphQLError(error) : error;
          }
          return inner(source, args, ctx, info);
        }) as T;
      return {
        ...field,
        resolve: guard(field.resolve ?? defaultFieldResolver),
        ...(field.subscribe ? { subscribe: guard(field.subscribe) } : {}),
      };
    },
  });
}
