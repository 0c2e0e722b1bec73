import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { KindredError } from "@kindred/engine/errors";

/**
 * Password hashing with scrypt (memory-hard, in node:crypto, no native add-on). A hash is
 * self-describing, `scrypt$N$r$p$saltB64$hashB64`, so the cost can be raised later and old hashes
 * still verify.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes (32 MiB at N=2^15, r=8): exactly Node's default ceiling, so raise it. */
const MAX_MEM = 64 * 1024 * 1024;
/** Bounds on parameters read from a stored hash, so a corrupted row cannot demand gigabytes. */
const LIMITS = { maxN: 2 ** 20, maxR: 32, maxP: 16, minKey: 16, maxKey: 64 } as const;

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing stays cheap. */
export const MAX_PASSWORD_LENGTH = 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** True when `password` matches `encoded`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.hash.length, parsed.cost).catch(() => null);
  return key !== null && timingSafeEqual(key, parsed.hash);
}

/** Refuses passwords too short to resist guessing (length is what matters most; no composition rules). */
export function checkPasswordStrength(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new KindredError(
      "INVALID_CONFIG",
      `a password needs at least ${MIN_PASSWORD_LENGTH} characters (got ${length})`,
      { field: "password" },
    );
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new KindredError(
      "INVALID_CONFIG",
      `a password may have at most ${MAX_PASSWORD_LENGTH} characters`,
      {
        field: "password",
      },
    );
  }
}

interface Cost {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, keyBytes: number, cost: Cost): Promise<Buffer> {
  // NFC: the same password typed on different keyboards yields the same code points.
  const secret = password.normalize("NFC");
  const options: ScryptOptions = { ...cost, maxmem: Math.max(MAX_MEM, 256 * cost.N * cost.r * cost.p) };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function parseHash(encoded: string): { cost: Cost; salt: Buffer; hash: Buffer } | null {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts
    .slice(1, 4)
    .map((s) => (/^[1-9][0-9]{0,9}$/.test(s ?? "") ? Number(s) : Number.NaN));
  if (N === undefined || r === undefined || p === undefined) return null;
  if (!(N > 1 && N <= LIMITS.maxN && (N & (N - 1)) === 0)) return null;
  if (!(r >= 1 && r <= LIMITS.maxR && p >= 1 && p <= LIMITS.maxP)) return null;
  const salt = decodeBase64(parts[4] ?? "");
  const hash = decodeBase64(parts[5] ?? "");
  if (!salt || salt.length < 8 || !hash || hash.length < LIMITS.minKey || hash.length > LIMITS.maxKey) {
    return null;
  }
  return { cost: { N, r, p }, salt, hash };
}

/** Strict base64: Buffer.from silently skips invalid characters, which would hide corruption. */
function decodeBase64(text: string): Buffer | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) || text === "") {
    return null;
  }
  return Buffer.from(text, "base64");
}
