import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Readable } from "node:stream";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { isKindredError } from "@kindred/engine/errors";
import express, { type NextFunction, type Request, type Response } from "express";
import { type DocumentNode, Kind, parse } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { AppContext } from "../context.ts";
import type { JobRunner } from "../jobs/job-runner.ts";
import { type Logger, logUnexpected } from "../log.ts";
import { resolvers } from "../resolvers/index.ts";
import { schemaSource } from "../schema/source.ts";
import { AuthError, requireRole, type Viewer } from "../services/auth.ts";
import { readiness } from "../services/health.ts";
import { exportTargetListCsv } from "../services/target-lists.ts";
import { applyAuthDirective } from "./auth-directive.ts";
import type { GraphQLContext } from "./graphql-context.ts";
import { formatErrorWith, userError } from "./graphql-errors.ts";
import { multipartUploads } from "./multipart.ts";
import { costLimitPlugin, depthLimitPlugin } from "./query-limits.ts";
import { clearedSessionCookie, sessionCookie, tokenOf, viewerOf } from "./request-auth.ts";

export interface ApiServer {
  url: string;
  port: number;
  http: Server;
  /** From now on /readyz answers 503, so that load balancers stop sending traffic. */
  beginShutdown(): void;
  /** Stops accepting requests and closes connections (jobs and stores are the caller's). */
  close(): Promise<void>;
}

const PROBES = new Set(["/livez", "/readyz", "/health"]);

/**
 * One log event per request: method, path, status, duration, the GraphQL operation's name and
 * the user's id. Never variables, query text, bodies or query strings: they carry customer data.
 */
function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on("finish", () => {
      const names = operationNames(req.body);
      const fields = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        operation: names.length > 0 ? names.join(",") : undefined,
        userId: (res.locals.authed as Authed | undefined)?.viewer?.userId,
      };
      if (PROBES.has(req.path)) log.debug("http.request", fields);
      else if (res.statusCode >= 500) log.error("http.request", fields);
      else log.info("http.request", fields);
    });
    next();
  };
}

interface Authed {
  viewer: Viewer | null;
  token: string | null;
}

/** The parsed documents of a GraphQL request body (one, or a batch); null when one does not parse. */
function documents(body: unknown): DocumentNode[] | null {
  const requests = Array.isArray(body) ? body : [body];
  const parsed: DocumentNode[] = [];
  for (const request of requests) {
    const query = (request as { query?: unknown } | null)?.query;
    if (typeof query !== "string") return null;
    try {
      parsed.push(parse(query));
    } catch {
      return null;
    }
  }
  return parsed;
}

/**
 * What a request asked for, for the log: each operation's name, or its top-level fields when it
 * has none (`importDataset`). Names only; never arguments.
 */
function operationNames(body: unknown): string[] {
  return (documents(body) ?? []).flatMap((document) =>
    document.definitions.flatMap((d) => {
      if (d.kind !== Kind.OPERATION_DEFINITION) return [];
      if (d.name) return [d.name.value];
      return d.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
    }),
  );
}

/** Whether a GraphQL request body is nothing but `login` (the one anonymous operation). */
function onlyLogin(body: unknown): boolean {
  const parsed = documents(body);
  return (
    parsed !== null &&
    parsed.length > 0 &&
    parsed.every((document) =>
      document.definitions.every(
        (d) =>
          d.kind === Kind.OPERATION_DEFINITION &&
          d.operation === "mutation" &&
          d.selectionSet.selections.every(
            (s) => s.kind === Kind.FIELD && (s.name.value === "login" || s.name.value === "__typename"),
          ),
      ),
    )
  );
}

function unauthorized(res: Response): void {
  res.status(401).json({ errors: [{ message: "sign in first", extensions: { code: "UNAUTHENTICATED" } }] });
}

/**
 * The API over HTTP: `GET /livez`, `GET /readyz` (and `/health`), `POST /graphql` (JSON or multipart uploads; subscriptions
 * over WebSocket on the same path), `GET /exports/<id>.csv`. Every request but health and login
 * needs a session cookie or a bearer token: anonymous ones get 401 before any resolver runs.
 */
export async function startApiServer(
  app: AppContext,
  options: { port: number; host: string; jobs: JobRunner },
): Promise<ApiServer> {
  const schema = applyAuthDirective(
    makeExecutableSchema({ typeDefs: schemaSource(), resolvers: resolvers() }),
  );
  const expressApp = express();
  expressApp.disable("x-powered-by");
  expressApp.use(requestLog(app.log));
  const http = createServer(expressApp);
  const { jobs } = options;

  const contextOf = (authed: Authed, res: Response | null): GraphQLContext => ({
    app,
    viewer: authed.viewer,
    token: authed.token,
    jobs,
    caches: app.caches,
    session: {
      set: (token, expiresAt) => res?.append("Set-Cookie", sessionCookie(token, expiresAt, res.req.secure)),
      clear: () => res?.append("Set-Cookie", clearedSessionCookie()),
    },
  });

  const wsServer = new WebSocketServer({ server: http, path: "/graphql" });
  const wsCleanup = useServer<Record<string, unknown>, { authed?: Authed }>(
    {
      schema,
      // A subscription needs a signed-in user too: connectionParams.authorization or the cookie.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const token =
          tokenOf({ authorization: params.authorization ?? params.Authorization }) ??
          tokenOf(ctx.extra.request.headers);
        const viewer = await viewerOf(app, token);
        if (!viewer) return false;
        (ctx.extra as { authed?: Authed }).authed = { viewer, token };
        return true;
      },
      context: (ctx) => contextOf((ctx.extra as { authed: Authed }).authed, null),
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: formatErrorWith(app.log),
    allowBatchedHttpRequests: true,
    // main.ts owns shutdown: it drains the server, then lets running jobs finish.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      ApolloServerPluginLandingPageDisabled(),
      depthLimitPlugin(app.env.queryMaxDepth),
      costLimitPlugin(app.env.queryMaxCost),
      { serverWillStart: async () => ({ drainServer: async () => wsCleanup.dispose() }) },
    ],
  });
  await apollo.start();

  // Liveness: the process serves HTTP (restart it when this fails). Readiness: it can do its
  // work (database and vector index answer) and is not shutting down (send it traffic).
  let stopping = false;
  expressApp.get("/livez", (_req, res) => {
    res.json({ status: "alive" });
  });
  const ready = async (_req: Request, res: Response) => {
    const state = await readiness(app);
    const ok = state.ready && !stopping;
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? "ready" : stopping ? "stopping" : "unavailable", ...state });
  };
  expressApp.get("/readyz", ready);
  expressApp.get("/health", ready);

  const authenticateRequest = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = tokenOf(req.headers);
      res.locals.authed = { token, viewer: await viewerOf(app, token) } satisfies Authed;
      next();
    } catch (error) {
      next(error);
    }
  };

  expressApp.post(
    "/graphql",
    authenticateRequest,
    multipartUploads({ dir: join(app.env.dataDir, "uploads", "tmp"), maxFileBytes: app.env.maxUploadBytes }),
    express.json({ limit: "20mb" }),
    (req, res, next) => {
      if (!(res.locals.authed as Authed).viewer && !onlyLogin(req.body)) return unauthorized(res);
      next();
    },
    expressMiddleware(apollo, { context: async ({ res }) => contextOf(res.locals.authed as Authed, res) }),
  );
  expressApp.get("/graphql", authenticateRequest, (_req, res) => {
    if (!(res.locals.authed as Authed).viewer) return unauthorized(res);
    res.status(405).json({
      errors: [{ message: "send GraphQL requests with POST", extensions: { code: "METHOD_NOT_ALLOWED" } }],
    });
  });

  expressApp.get("/exports/:file", authenticateRequest, async (req, res, next) => {
    const { viewer } = res.locals.authed as Authed;
    try {
      requireRole(viewer, "analyst");
    } catch (error) {
      const auth = error as AuthError;
      res.status(auth.status).json({ errors: [{ message: auth.message, extensions: { code: auth.code } }] });
      return;
    }
    const match = /^(.+)\.csv$/.exec(String(req.params.file));
    if (!match) {
      res.status(404).json({
        errors: [{ message: "exports are /exports/<list id>.csv", extensions: { code: "NOT_FOUND" } }],
      });
      return;
    }
    const lines = exportTargetListCsv(app, {
      listId: match[1] as string,
      columns: typeof req.query.columns === "string" ? req.query.columns : undefined,
      userId: viewer?.userId ?? null,
    });
    try {
      // The header line is produced only after the list and the columns were checked.
      const first = await lines.next();
      res.status(200);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="${match[1]}.csv"`);
      Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* lines;
        })(),
      ).pipe(res);
    } catch (error) {
      if (isKindredError(error)) {
        const status = error.code === "NOT_FOUND" ? 404 : 400;
        const { message, ...extensions } = userError(error);
        res.status(status).json({ errors: [{ message, extensions }] });
        return;
      }
      next(error);
    }
  });

  expressApp.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof AuthError) {
      res
        .status(error.status)
        .json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      return;
    }
    logUnexpected(app.log, "http.error", error, { method: req.method, path: req.path });
    if (!res.headersSent)
      res
        .status(500)
        .json({ errors: [{ message: "internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
  });

  await new Promise<void>((resolve) => http.listen(options.port, options.host, resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}`,
    port,
    http,
    beginShutdown: () => {
      stopping = true;
    },
    close: async () => {
      await apollo.stop();
      wsServer.close();
    },
  };
}
