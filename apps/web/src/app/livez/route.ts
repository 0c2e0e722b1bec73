// Liveness of the dashboard's server (container health checks): it answers without the API, so a
// stopped API does not get the dashboard restarted too.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "alive" });
}
