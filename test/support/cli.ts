import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { THERA_BANK } from "./data.ts";

const BIN = fileURLToPath(new URL("../../apps/api/bin/kindred.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `kindred …` as a user would, on the embedded store in `dataDir`. */
export function kindredIn(dataDir: string): (...args: string[]) => CliResult {
  return (...args) => {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      encoding: "utf8",
      env: { ...process.env, KINDRED_DATA_DIR: dataDir, DATABASE_URL: "" },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
}

/** `kindred train` arguments for Thera Bank as the seed workflow uses it. */
export const THERA_TRAIN = [
  "--data",
  THERA_BANK,
  "--target",
  "Personal Loan",
  "--id-column",
  "ID",
  "--drop",
  "ZIP Code",
];
