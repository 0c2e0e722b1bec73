import { forward } from "../../api-proxy";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  context: { params: Promise<{ file: string }> },
): Promise<Response> {
  const { file } = await context.params;
  return forward(request, `/exports/${encodeURIComponent(file)}${new URL(request.url).search}`);
}
