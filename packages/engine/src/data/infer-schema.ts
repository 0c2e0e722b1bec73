import { KindredError } from "../errors/index.ts";
import { analyzeColumn } from "./analyze-column.ts";
import { availableColumns } from "./columns.ts";
import { listNames, quoteValue } from "./format.ts";
import { mapTarget } from "./target.ts";
import type {
  ColumnKind,
  ColumnRole,
  ColumnSchema,
  DatasetSchema,
  RawTable,
  SchemaOverrides,
  TargetMapping,
} from "./types.ts";

/** Kinds that never feed the model unless the user says so. */
const IGNORED_KINDS: ReadonlySet<ColumnKind> = new Set(["constant", "identifier", "text", "date"]);
/** Kinds a time column may have: the splitter orders rows by parseDate or parseNumber. */
const TIME_KINDS: ReadonlySet<ColumnKind> = new Set(["date", "numeric", "ordinal"]);

type SpecialRole = "target" | "id" | "time";

function invalid(message: string, field: string, column?: string): KindredError {
  return new KindredError("INVALID_OVERRIDE", message, column === undefined ? { field } : { field, column });
}

/** Every column an override names must exist; a missing target gets its own code. */
function checkNames(header: readonly string[], overrides: SchemaOverrides): void {
  const known = new Set(header);
  const unknown = (name: string, field: string) => {
    if (known.has(name)) return;
    throw new KindredError(
      "UNKNOWN_COLUMN",
      `${field} names the column ${quoteValue(name)}, which is not in the file; ${availableColumns(header)}`,
      { column: name, field },
    );
  };
  if (overrides.target !== undefined && !known.has(overrides.target)) {
    throw new KindredError(
      "MISSING_TARGET",
      `the target column ${quoteValue(overrides.target)} is not in the file; ${availableColumns(header)}`,
      { column: overrides.target, field: "target" },
    );
  }
  for (const name of Object.keys(overrides.columns ?? {})) unknown(name, `columns.${name}`);
  if (overrides.idColumn !== undefined) unknown(overrides.idColumn, "idColumn");
  if (overrides.timeColumn !== undefined) unknown(overrides.timeColumn, "timeColumn");
  for (const name of overrides.drop ?? []) unknown(name, "drop");
}

/**
 * The column the user put in a special role, through the top-level field (target, idColumn,
 * timeColumn) or a per-column role; the two must agree and name one column at most.
 */
function designated(
  role: SpecialRole,
  field: "target" | "idColumn" | "timeColumn",
  overrides: SchemaOverrides,
) {
  const byRole = Object.entries(overrides.columns ?? {})
    .filter(([, column]) => column.role === role)
    .map(([name]) => name);
  if (byRole.length > 1) {
    throw invalid(`only one column can have the role "${role}", but ${listNames(byRole)} do`, "role");
  }
  const fromField = overrides[field];
  const [fromRole] = byRole;
  if (fromField !== undefined) {
    const own = overrides.columns?.[fromField]?.role;
    if (own !== undefined && own !== role) {
      throw invalid(
        `${field} is ${quoteValue(fromField)} but that column's role is set to "${own}"`,
        field,
        fromField,
      );
    }
    if (fromRole !== undefined && fromRole !== fromField) {
      throw invalid(
        `${field} is ${quoteValue(fromField)} but column ${quoteValue(fromRole)} has the role "${role}"`,
        field,
        fromRole,
      );
    }
  }
  return fromField ?? fromRole;
}

/**
 * Infers the schema of a table, then applies the user's overrides on top. Pure and
 * deterministic. Per column see analyzeColumn / inferKind; roles:
 *   - target (overrides.target or a column with role "target") → "target", mapped by mapTarget
 *   - idColumn, else the first identifier column (not dropped, no role override) → "id"
 *   - timeColumn, else the first date column (same conditions) → "time"
 *   - dropped columns → "ignore"; a per-column role override → that role
 *   - otherwise constant, identifier, text and date columns → "ignore", the rest → "feature"
 */
export function inferSchema(table: RawTable, overrides: SchemaOverrides = {}): DatasetSchema {
  const { header } = table;
  checkNames(header, overrides);
  const target = designated("target", "target", overrides);
  let idColumn = designated("id", "idColumn", overrides);
  let timeColumn = designated("time", "timeColumn", overrides);
  if (overrides.positiveValue !== undefined && target === undefined) {
    throw invalid("positiveValue is set but no target column is chosen", "positiveValue");
  }
  const special = [target, idColumn, timeColumn].filter((name): name is string => name !== undefined);
  const twice = special.find((name, i) => special.indexOf(name) !== i);
  if (twice !== undefined) {
    throw invalid(`column ${quoteValue(twice)} cannot be two of target, id and time`, "role", twice);
  }
  const drop = new Set(overrides.drop ?? []);
  for (const name of drop) {
    if (special.includes(name)) {
      throw invalid(
        `column ${quoteValue(name)} is dropped but also chosen as target, id or time`,
        "drop",
        name,
      );
    }
    const role = overrides.columns?.[name]?.role;
    if (role !== undefined && role !== "ignore") {
      throw invalid(`column ${quoteValue(name)} is dropped but its role is set to "${role}"`, "drop", name);
    }
  }

  const columns: ColumnSchema[] = header.map((name, c) =>
    analyzeColumn(name, table.columns[c] ?? [], overrides.columns?.[name]),
  );
  const byName = new Map(columns.map((column) => [column.name, column]));

  let mapping: TargetMapping | undefined;
  if (target !== undefined) {
    const column = byName.get(target) as ColumnSchema;
    const kind = overrides.columns?.[target]?.kind;
    if (kind !== undefined && kind !== "binary") {
      throw invalid(`the target column ${quoteValue(target)} must be binary, not ${kind}`, "kind", target);
    }
    const options = { missingMarkers: column.missingMarkers, positiveValue: overrides.positiveValue };
    mapping = mapTarget(table, target, options).mapping;
    column.kind = "binary";
    column.levels = [mapping.negative, mapping.positive];
    column.reason += `; target: ${quoteValue(mapping.positive)} is the positive class`;
  }
  if (timeColumn !== undefined) {
    const column = byName.get(timeColumn) as ColumnSchema;
    if (!TIME_KINDS.has(column.kind)) {
      throw invalid(
        `the time column ${quoteValue(timeColumn)} must hold dates or numbers, but it is ${column.kind} (${column.reason})`,
        "timeColumn",
        timeColumn,
      );
    }
  }

  // Automatic id and time: the first free column of the right kind.
  const free = (column: ColumnSchema) =>
    !drop.has(column.name) && overrides.columns?.[column.name]?.role === undefined && column.name !== target;
  idColumn ??= columns.find((column) => column.kind === "identifier" && free(column))?.name;
  timeColumn ??= columns.find((column) => column.kind === "date" && free(column))?.name;

  for (const column of columns) {
    const explicit = overrides.columns?.[column.name]?.role;
    let role: ColumnRole;
    if (column.name === target) role = "target";
    else if (column.name === idColumn) role = "id";
    else if (column.name === timeColumn) role = "time";
    else if (drop.has(column.name)) role = "ignore";
    else if (explicit !== undefined) role = explicit;
    else role = IGNORED_KINDS.has(column.kind) ? "ignore" : "feature";
    column.role = role;
  }

  const schema: DatasetSchema = { columns, rowCount: table.rowCount };
  if (mapping) schema.target = mapping;
  if (idColumn !== undefined) schema.idColumn = idColumn;
  if (timeColumn !== undefined) schema.timeColumn = timeColumn;
  return schema;
}
