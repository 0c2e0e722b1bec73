import type { NextConfig } from "next";

// The dashboard talks to the API through its own /graphql and /exports routes (route handlers that
// forward at request time), so the browser stays on one origin and the session cookie just works.
const config: NextConfig = {
  // A separate build folder per checkout of a parallel dev server (NEXT_DIST_DIR), else .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  // The container image runs Next's standalone server (only the files it needs); `next start`
  // (npm start, the tests) uses the regular build.
  ...(process.env.KINDRED_WEB_OUTPUT === "standalone" ? { output: "standalone" as const } : {}),
};

export default config;
