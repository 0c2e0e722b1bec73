import { KindredError } from "@kindred/engine/errors";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface Page {
  limit: number;
  offset: number;
}

/** A page request checked: 1 ≤ limit ≤ 500, offset ≥ 0. */
export function pageOf(input: { limit?: number | null; offset?: number | null } | null | undefined): Page {
  const limit = input?.limit ?? DEFAULT_PAGE_SIZE;
  const offset = input?.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new KindredError(
      "INVALID_CONFIG",
      `page.limit must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`,
      {
        field: "page.limit",
      },
    );
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new KindredError("INVALID_CONFIG", `page.offset must be 0 or more, got ${offset}`, {
      field: "page.offset",
    });
  }
  return { limit, offset };
}

/** `{ items, page }` for a page of a list of `total` items. */
export function pageResult<T>(items: T[], total: number, page: Page) {
  const next = page.offset + items.length;
  return {
    items,
    page: { total, limit: page.limit, offset: page.offset, nextOffset: next < total ? next : null },
  };
}
