#!/usr/bin/env node
// Starts the GraphQL API (TypeScript run directly through tsx's loader, like the CLI).
import { register } from "tsx/esm/api";

register();
await import("../src/server/main.ts");
