import { isKindredError } from "@kindred/engine/errors";
import { describe, expect, it } from "vitest";
import { checkPasswordStrength, hashPassword, verifyPassword } from "./passwords.ts";

describe("password hashing", () => {
  it("round-trips and encodes scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte key", async () => {
    const hash = await hashPassword("correct horse battery");
    const [scheme, n, r, p, salt, key, ...rest] = hash.split("$");
    expect([scheme, n, r, p, rest.length]).toEqual(["scrypt", "32768", "8", "1", 0]);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(key!, "base64")).toHaveLength(32);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
  });

  it("refuses a wrong password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("treats the same password in composed and decomposed Unicode as one", async () => {
    const hash = await hashPassword("caf\u00e9-au-lait-42");
    expect(await verifyPassword("cafe\u0301-au-lait-42", hash)).toBe(true);
  });

  it("salts every hash: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same password 1"), hashPassword("same password 1")]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("same password 1", a)).toBe(true);
    expect(await verifyPassword("same password 1", b)).toBe(true);
  });

  it("returns false (never throws) for malformed hashes", async () => {
    const good = await hashPassword("correct horse battery");
    const [, , , , salt, key] = good.split("$");
    const malformed = [
      "",
      "not a hash",
      "$2b$10$abcdefghijklmnopqrstuu",
      `bcrypt$32768$8$1$${salt}$${key}`,
      `scrypt$32768$8$1$${salt}`,
      `scrypt$32768$8$1$${salt}$${key}$extra`,
      `scrypt$30000$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$0$8$1$${salt}$${key}`,
      `scrypt$${2 ** 30}$8$1$${salt}$${key}`, // would need 128 GiB
      `scrypt$32768$x$1$${salt}$${key}`,
      `scrypt$32768$8$1$${salt}$!!!!`,
      `scrypt$32768$8$1$$${key}`,
      `scrypt$32768$8$1$${salt}$${Buffer.alloc(4).toString("base64")}`, // key too short
    ];
    for (const hash of malformed) {
      expect(await verifyPassword("correct horse battery", hash), hash).toBe(false);
    }
  });

  it("verifies a hash made with other (valid) parameters: the cost can change later", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync("old password 123", salt, 32, { N: 2 ** 10, r: 8, p: 1 });
    const hash = `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword("old password 123", hash)).toBe(true);
    expect(await verifyPassword("old password 124", hash)).toBe(false);
  });
});

describe("password strength", () => {
  it("refuses fewer than 10 characters, naming the password field", () => {
    for (const weak of ["", "short", "123456789"]) {
      let caught: unknown;
      try {
        checkPasswordStrength(weak);
      } catch (error) {
        caught = error;
      }
      expect(isKindredError(caught, "INVALID_CONFIG"), weak).toBe(true);
      expect(isKindredError(caught) && caught.location.field).toBe("password");
    }
  });

  it("accepts 10 characters or more, counting characters rather than UTF-16 units", () => {
    expect(() => checkPasswordStrength("1234567890")).not.toThrow();
    expect(() => checkPasswordStrength("a long pass phrase")).not.toThrow();
    // 9 emoji are 18 UTF-16 units but only 9 characters.
    expect(() => checkPasswordStrength("😀".repeat(9))).toThrow();
  });

  it("refuses absurdly long passwords", () => {
    expect(() => checkPasswordStrength("x".repeat(1025))).toThrow();
  });
});
