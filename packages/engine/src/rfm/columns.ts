import {
  isDefaultMissing,
  listNames,
  parseDate,
  parseNumber,
  quoteValue,
  type RawTable,
} from "../data/index.ts";
import { KindredError } from "../errors/index.ts";
import type { TransactionColumns } from "./types.ts";

type Role = keyof TransactionColumns;

/** Header names (lower case, letters and digits only) that suggest each role. */
const NAME_PATTERNS: Record<Role, RegExp> = {
  customer:
    /^(customer|client|member|account|user|buyer|shopper|cust|party)(id|no|num|number|key|code|ref)?$/,
  time: /(date|time|timestamp|datetime)$|^(bought|purchased|ordered|paid|created|occurred|booked)(at|on)?$|^(ts|dt|when)$/,
  amount:
    /^(amount|total|value|revenue|sales|spend|spent|net|gross|linetotal|lineamount|totalprice|totalamount|amountpaid|paid)$/,
  quantity: /^(quantity|qty|units|unitcount|pieces)$/,
  price: /^(unit)?(price|cost|rate)$/,
  invoice: /^(invoice|order|transaction|txn|receipt|basket|ticket|bill)(id|no|num|number|code|ref)?$/,
  product: /^(product|sku|item|stock|article)(id|no|num|number|code|ref)?$/,
  channel: /^(channel|store|shop|outlet|platform|saleschannel)$/,
};

const SAMPLE = 1000;
const CONTENT_SHARE = 0.9;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Share of the first non-missing values of a column that `accepts`. */
function contentShare(values: string[], accepts: (raw: string) => boolean): number {
  let seen = 0;
  let ok = 0;
  for (let r = 0; r < values.length && seen < SAMPLE; r++) {
    const raw = values[r] as string;
    if (isDefaultMissing(raw)) continue;
    seen++;
    if (accepts(raw)) ok++;
  }
  return seen === 0 ? 0 : ok / seen;
}

const looksLikeDate = (raw: string) =>
  !Number.isNaN(parseDate(raw)) || /^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}/.test(raw.trim());
const looksNumeric = (raw: string) => !Number.isNaN(parseNumber(raw));

/** Whether a column's values fit the role (dates for the time, numbers for amounts). */
function contentFits(role: Role, values: string[]): boolean {
  if (role === "time") return contentShare(values, looksLikeDate) >= CONTENT_SHARE;
  if (role === "amount" || role === "quantity" || role === "price") {
    return contentShare(values, looksNumeric) >= CONTENT_SHARE;
  }
  return true;
}

/**
 * The transaction columns: those given by name (each must exist), the others recognised by
 * their header and checked against their values (dates for the time, numbers for amounts).
 * Needs a customer, a time, and an amount or a quantity and a price.
 */
export function resolveTransactionColumns(
  table: RawTable,
  given: Partial<TransactionColumns> = {},
): TransactionColumns {
  const used = new Set<string>();
  const resolved: Partial<TransactionColumns> = {};
  for (const [role, name] of Object.entries(given) as [Role, string | undefined][]) {
    if (name === undefined) continue;
    const index = table.header.indexOf(name);
    if (index < 0) {
      throw new KindredError(
        "UNKNOWN_COLUMN",
        `the ${role} column ${quoteValue(name)} is not in the file; its columns: ${listNames(table.header)}`,
        { column: name, field: role },
      );
    }
    resolved[role] = name;
    used.add(name);
  }
  const roles = Object.keys(NAME_PATTERNS) as Role[];
  for (const role of roles) {
    if (resolved[role] !== undefined) continue;
    // Without an explicit amount, a quantity and a price make one; do not guess an amount then.
    if (role === "amount" && (given.quantity !== undefined || given.price !== undefined)) continue;
    const named = table.header.flatMap((name, c) =>
      !used.has(name) && NAME_PATTERNS[role].test(normalize(name)) ? [c] : [],
    );
    // Values decide between candidates; a lone candidate is taken even when they do not fit, so
    // that cleaning names the rows that are wrong instead of saying there is no such column.
    const found = named.find((c) => contentFits(role, table.columns[c] ?? [])) ?? named[0] ?? -1;
    if (found >= 0) {
      const name = table.header[found] as string;
      resolved[role] = name;
      used.add(name);
    }
  }
  const columns = listed(table.header);
  if (resolved.customer === undefined) {
    throw new KindredError(
      "MISSING_COLUMN",
      `no customer column: none of ${columns} looks like a customer id; name it (--customer <column>)`,
      { field: "customer" },
    );
  }
  if (resolved.time === undefined) {
    throw new KindredError(
      "MISSING_COLUMN",
      `no time column: none of ${columns} holds dates; name it (--time <column>)`,
      { field: "time" },
    );
  }
  if (resolved.amount !== undefined) {
    delete resolved.quantity;
    delete resolved.price;
  } else if (resolved.quantity === undefined || resolved.price === undefined) {
    const missing = resolved.quantity === undefined ? "quantity" : "price";
    throw new KindredError(
      "MISSING_COLUMN",
      `no amount column, and no ${missing} column to compute it from quantity × price: none of ${columns} fits; name them (--amount <column>, or --quantity <column> --price <column>)`,
      { field: "amount" },
    );
  }
  return resolved as TransactionColumns;
}

function listed(header: readonly string[]): string {
  return listNames(header, 20);
}
