import { KindredError } from "../errors/index.ts";

/** Per-row inputs that come with a segment assignment. */
export interface RowInputs {
  /** Conversion target per row (0/1). */
  labels?: Uint8Array;
  /** Predicted probability of conversion per row. */
  probabilities?: Float32Array;
}

/** k is a positive integer and every assignment is a segment id 0..k−1, one per table row. */
export function checkAssignment(assignment: Int32Array, rowCount: number, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new KindredError("INVALID_CONFIG", `k is ${k}; it must be a whole number ≥ 1`, { field: "k" });
  }
  if (assignment.length !== rowCount) {
    throw new KindredError(
      "INVALID_CONFIG",
      `the assignment has ${assignment.length} entries but the table has ${rowCount} rows`,
      { field: "assignment" },
    );
  }
  for (let r = 0; r < assignment.length; r++) {
    const id = assignment[r]!;
    if (id < 0 || id >= k) {
      throw new KindredError("INVALID_CONFIG", `assignment[${r}] is ${id}, not a segment id 0..${k - 1}`, {
        field: "assignment",
        row: r + 1,
      });
    }
  }
}

/** Labels are 0/1 and, like probabilities, one per row. */
export function checkRowInputs(inputs: RowInputs, rowCount: number): void {
  const { labels, probabilities } = inputs;
  if (labels) {
    if (labels.length !== rowCount) {
      throw new KindredError(
        "INVALID_CONFIG",
        `labels has ${labels.length} entries but the table has ${rowCount} rows`,
        { field: "labels" },
      );
    }
    for (let r = 0; r < labels.length; r++) {
      if (labels[r]! > 1) {
        throw new KindredError("INVALID_CONFIG", `labels[${r}] is ${labels[r]}; labels are 0 or 1`, {
          field: "labels",
          row: r + 1,
        });
      }
    }
  }
  if (probabilities && probabilities.length !== rowCount) {
    throw new KindredError(
      "INVALID_CONFIG",
      `probabilities has ${probabilities.length} entries but the table has ${rowCount} rows`,
      { field: "probabilities" },
    );
  }
}
