/** A parsed table: header plus raw string cells stored column by column. */
export interface RawTable {
  header: string[];
  /** columns[c][r] is the raw text of data row r (0-based) in column c. */
  columns: string[][];
  rowCount: number;
}

export type ColumnKind =
  | "numeric"
  | "categorical"
  | "binary"
  | "ordinal"
  | "identifier"
  | "constant"
  | "date"
  | "text";

/** What a column is used for in a run. */
export type ColumnRole = "feature" | "id" | "target" | "time" | "ignore";

export interface ColumnStats {
  /** Rows with a value that is not a missing marker. */
  present: number;
  missing: number;
  missingShare: number;
  distinct: number;
  /** Numeric columns only (sentinels excluded). */
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  skewness?: number;
  /** Most frequent values (up to 20), for categorical-like columns. */
  topValues?: { value: string; count: number }[];
  /** Numeric columns: counts in 20 equal-width bins from min to max (sentinels excluded). */
  histogram?: number[];
}

export interface ColumnSchema {
  name: string;
  kind: ColumnKind;
  role: ColumnRole;
  stats: ColumnStats;
  /** Raw strings that mean "missing" in this column (case-sensitive as found in the data). */
  missingMarkers: string[];
  /** Numeric codes that mean "not applicable" (e.g. 999 = never contacted); kept out of stats. */
  sentinels: number[];
  /** Ordered levels for binary / ordinal / categorical columns. */
  levels?: string[];
  /**
   * Date columns written day-first or month-first (DD/MM/YYYY vs MM/DD/YYYY): the order to pass
   * to `parseDate`. Absent for year-first dates.
   */
  dateOrder?: "dmy" | "mdy";
  /** Why the kind was chosen, for the user reviewing the inference. */
  reason: string;
}

export interface TargetMapping {
  column: string;
  /** Raw value (as in the file) that means "converted" (label 1). */
  positive: string;
  negative: string;
}

export interface DatasetSchema {
  columns: ColumnSchema[];
  rowCount: number;
  target?: TargetMapping;
  idColumn?: string;
  timeColumn?: string;
}

/** User corrections of any inference; applied on top of the inferred schema. */
export interface SchemaOverrides {
  columns?: Record<
    string,
    {
      kind?: ColumnKind;
      role?: ColumnRole;
      missingMarkers?: string[];
      sentinels?: number[];
      levels?: string[];
    }
  >;
  target?: string;
  /** Which raw target value is the positive class, when it cannot be inferred. */
  positiveValue?: string;
  idColumn?: string;
  timeColumn?: string;
  /** Columns removed from the features (they stay as customer attributes). */
  drop?: string[];
}
