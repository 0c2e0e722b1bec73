import type { MigrationMatrix } from "./migration-matrix.ts";

export interface SankeyNode {
  name: string;
  side: "before" | "after";
}

export interface SankeyLink {
  /** Index into `nodes` of a before segment. */
  source: number;
  /** Index into `nodes` of an after segment. */
  target: number;
  value: number;
}

/** Recharts' Sankey `data` prop: nodes, and links between them by node index. */
export interface SankeyData {
  nodes: SankeyNode[];
  links: SankeyLink[];
}

/**
 * The migration matrix as Sankey nodes and links: before segments (side "before", in `from`
 * order) then after segments (side "after", in `to` order), one link per non-zero cell, row by
 * row. Segments without any link are left out: Recharts places a node by its links, and with its
 * default alignment ("justify") an unlinked node goes to the last column, so an empty "(new)"
 * row would be drawn among the after segments.
 */
export function migrationLinks(matrix: MigrationMatrix): SankeyData {
  const { from, to, counts } = matrix;
  const usedFrom = from.map((_, i) => (counts[i] ?? []).some((v) => v > 0));
  const usedTo = to.map((_, j) => counts.some((row) => (row[j] ?? 0) > 0));
  const nodes: SankeyNode[] = [];
  const fromNode = from.map((name, i) => (usedFrom[i] ? nodes.push({ name, side: "before" }) - 1 : -1));
  const toNode = to.map((name, j) => (usedTo[j] ? nodes.push({ name, side: "after" }) - 1 : -1));
  const links: SankeyLink[] = [];
  for (let i = 0; i < from.length; i++) {
    for (let j = 0; j < to.length; j++) {
      const value = counts[i]?.[j] ?? 0;
      if (value > 0) links.push({ source: fromNode[i] as number, target: toNode[j] as number, value });
    }
  }
  return { nodes, links };
}
