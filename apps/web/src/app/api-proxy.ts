/** Where the API runs: KINDRED_API_URL, else PORT on this machine (read per request, not at build). */
export function apiUrl(): string {
  return process.env.KINDRED_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`;
}

const FORWARDED = [
  "authorization",
  "cookie",
  "content-type",
  "apollo-require-preflight",
  "x-apollo-operation-name",
];

/** Forwards a request to the API unchanged (body streamed: uploads can be large) and its answer back. */
export async function forward(request: Request, path: string): Promise<Response> {
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers,
    ...(hasBody ? { body: request.body, duplex: "half" } : {}),
    redirect: "manual",
  };
  let answer: Response;
  try {
    answer = await fetch(`${apiUrl()}${path}`, init);
  } catch {
    return Response.json(
      { errors: [{ message: "the Kindred API is not reachable", extensions: { code: "API_UNAVAILABLE" } }] },
      { status: 502 },
    );
  }
  const out = new Headers();
  for (const [name, value] of answer.headers) {
    if (
      !["content-encoding", "content-length", "transfer-encoding", "connection", "set-cookie"].includes(name)
    ) {
      out.append(name, value);
    }
  }
  for (const cookie of answer.headers.getSetCookie()) out.append("set-cookie", cookie);
  return new Response(answer.body, { status: answer.status, headers: out });
}
