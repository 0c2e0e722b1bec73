import {
  type DateOrder,
  dayMonthOrder,
  formatCount,
  isDefaultMissing,
  parseDate,
  parseNumber,
  quoteValue,
  type RawTable,
} from "../data/index.ts";
import { KindredError } from "../errors/index.ts";
import {
  type CleanTransactions,
  REMOVAL_REASONS,
  type RemovalReason,
  type TransactionColumns,
} from "./types.ts";

export interface CleanOptions {
  /**
   * Leave out lines whose date or amount cannot be read (counted by reason) instead of refusing
   * the file. Off by default: a column of unreadable values usually means a wrong column.
   */
  dropInvalid?: boolean;
}

const LISTED_ROWS = 5;

/** A float-formatted integer id ("17850.0", as spreadsheets export them) is the integer. */
function customerKey(raw: string): string {
  const text = raw.trim();
  const match = /^([+-]?\d+)\.0+$/.exec(text);
  return match ? (match[1] as string) : text;
}

/** The day/month order of a DD/MM vs MM/DD column: the first value with a part above 12 decides. */
function dateOrderOf(values: string[]): DateOrder | undefined {
  for (const raw of values) {
    const order = dayMonthOrder(raw);
    if (order === "dmy" || order === "mdy") return order;
  }
  return undefined;
}

class Interner {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  of(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
    }
    return i;
  }
}

/**
 * The rows seen so far, to spot exact duplicates. Rows are found by a hash of their cells and
 * compared cell by cell, so no key string is built per row (that cost seconds on 500k lines).
 */
class RowSet {
  private readonly byHash = new Map<number, number[]>();
  constructor(private readonly table: RawTable) {}

  private hash(r: number): number {
    let a = 0x811c9dc5;
    let b = 0x01000193;
    for (const column of this.table.columns) {
      const cell = column[r] as string;
      for (let i = 0; i < cell.length; i++) {
        const code = cell.charCodeAt(i);
        a = Math.imul(a ^ code, 0x01000193);
        b = Math.imul(b ^ code, 0x5bd1e995);
      }
      a = Math.imul(a ^ 0x1f, 0x01000193);
      b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    }
    return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
  }

  private same(r: number, s: number): boolean {
    return this.table.columns.every((column) => column[r] === column[s]);
  }

  /** Whether an equal row was seen before; records `r` when not. */
  seen(r: number): boolean {
    const h = this.hash(r);
    const rows = this.byHash.get(h);
    if (rows === undefined) {
      this.byHash.set(h, [r]);
      return false;
    }
    if (rows.some((s) => this.same(r, s))) return true;
    rows.push(r);
    return false;
  }
}

/** Unreadable values of one column: how many, and the first few with their row numbers. */
class Problems {
  count = 0;
  readonly first: { row: number; raw: string }[] = [];
  add(row: number, raw: string): void {
    this.count++;
    if (this.first.length < LISTED_ROWS) this.first.push({ row, raw });
  }
  error(column: string, what: string, hint: string): KindredError {
    const listed = this.first.map(({ row, raw }) => `row ${row}: ${quoteValue(raw)}`).join(", ");
    const more = this.count > this.first.length ? `, … (${formatCount(this.count)} rows in all)` : "";
    return new KindredError(
      "INVALID_VALUE",
      `column ${quoteValue(column)}: ${formatCount(this.count)} value(s) ${what} (${listed}${more}); ${hint}`,
      { column, row: this.first[0]?.row },
    );
  }
}

/**
 * Reads and cleans a transactions table. Each line is kept, or left out for the first reason
 * that applies, in this order: unparseable date, non-numeric amount (both only with
 * `dropInvalid`; otherwise the file is refused, naming the rows), missing customer,
 * cancellation or return (an invoice starting with "C", or a negative quantity or amount),
 * zero or negative price (nothing paid: a price, quantity or amount of 0 or less), duplicate
 * (the same cells as an earlier kept line). Rows are numbered from 1 after the header.
 */
export function cleanTransactions(
  table: RawTable,
  columns: TransactionColumns,
  options: CleanOptions = {},
): CleanTransactions {
  const col = (name: string | undefined) =>
    name === undefined ? undefined : table.columns[table.header.indexOf(name)];
  const customers = col(columns.customer) as string[];
  const times = col(columns.time) as string[];
  const amounts = col(columns.amount);
  const quantities = col(columns.quantity);
  const prices = col(columns.price);
  const invoices = col(columns.invoice);
  const products = col(columns.product);
  const channels = col(columns.channel);
  const order = dateOrderOf(times);

  const n = table.rowCount;
  const removed = Object.fromEntries(REMOVAL_REASONS.map((r) => [r, 0])) as Record<RemovalReason, number>;
  const badDates = new Problems();
  const badAmounts = new Map<string, Problems>();
  const customerIds = new Interner();
  const purchaseIds = new Interner();
  const productIds = new Interner();
  const channelIds = new Interner();
  const duplicates = new RowSet(table);
  const keepCustomer = new Int32Array(n);
  const keepTime = new Float64Array(n);
  const keepAmount = new Float64Array(n);
  const keepPurchase = new Int32Array(n);
  const keepProduct = new Int32Array(n);
  const keepChannel = new Int32Array(n);
  let kept = 0;

  const number = (values: string[] | undefined, column: string | undefined, r: number): number => {
    if (values === undefined || column === undefined) return Number.NaN;
    const value = parseNumber(values[r] as string);
    if (Number.isNaN(value)) {
      const problems = badAmounts.get(column) ?? new Problems();
      badAmounts.set(column, problems);
      problems.add(r + 1, values[r] as string);
    }
    return value;
  };

  // Transactions repeat their timestamps (every line of an invoice): parse each text once.
  const dates = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const rawTime = times[r] as string;
    let time = dates.get(rawTime);
    if (time === undefined) {
      time = parseDate(rawTime, order);
      dates.set(rawTime, time);
    }
    if (Number.isNaN(time)) {
      badDates.add(r + 1, times[r] as string);
      removed["unparseable date"]++;
      continue;
    }
    let value: number;
    let price = Number.NaN;
    let quantity = Number.NaN;
    if (amounts) {
      value = number(amounts, columns.amount, r);
    } else {
      quantity = number(quantities, columns.quantity, r);
      price = number(prices, columns.price, r);
      value = quantity * price;
    }
    if (Number.isNaN(value)) {
      removed["non-numeric amount"]++;
      continue;
    }
    const rawCustomer = customers[r] as string;
    if (isDefaultMissing(rawCustomer)) {
      removed["missing customer"]++;
      continue;
    }
    const invoice = invoices?.[r]?.trim() ?? "";
    if (/^c/i.test(invoice) || quantity < 0 || (amounts !== undefined && value < 0)) {
      removed["cancellation or return"]++;
      continue;
    }
    if (value <= 0 || price <= 0) {
      removed["zero or negative price"]++;
      continue;
    }
    if (duplicates.seen(r)) {
      removed.duplicate++;
      continue;
    }
    const customer = customerIds.of(customerKey(rawCustomer));
    keepCustomer[kept] = customer;
    keepTime[kept] = time;
    keepAmount[kept] = value;
    // Without invoices, one purchase = one customer at one moment.
    keepPurchase[kept] = purchaseIds.of(invoices ? invoice : `${customer}@${time}`);
    keepProduct[kept] = products ? productIds.of((products[r] as string).trim()) : -1;
    keepChannel[kept] = channels ? channelIds.of((channels[r] as string).trim()) : -1;
    kept++;
  }

  if (!options.dropInvalid) {
    const hint = "check the column, or leave such rows out (--drop-invalid)";
    if (badDates.count > 0) throw badDates.error(columns.time, "are not dates", hint);
    for (const [column, problems] of badAmounts) throw problems.error(column, "are not numbers", hint);
  }
  if (kept === 0) {
    throw new KindredError(
      "INVALID_VALUE",
      `no transaction is left after cleaning (${formatCount(n)} rows: ${describeRemoved(removed)})`,
      { field: "transactions" },
    );
  }
  return {
    columns,
    inputRows: n,
    removed,
    customerKeys: customerIds.names,
    customer: keepCustomer.slice(0, kept),
    time: keepTime.slice(0, kept),
    amount: keepAmount.slice(0, kept),
    purchase: keepPurchase.slice(0, kept),
    product: keepProduct.slice(0, kept),
    channel: keepChannel.slice(0, kept),
    channelNames: channelIds.names,
  };
}

function describeRemoved(removed: Record<RemovalReason, number>): string {
  return REMOVAL_REASONS.filter((r) => removed[r] > 0)
    .map((r) => `${formatCount(removed[r])} ${r}`)
    .join(", ");
}
