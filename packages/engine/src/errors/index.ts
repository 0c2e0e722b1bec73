/**
 * Every expected failure in Kindred is a KindredError with a stable `code`; callers branch on
 * the code (never on message text) and show `message`, which names the row/column/field.
 */
export type KindredErrorCode =
  // input files
  | "EMPTY_FILE"
  | "HEADER_ONLY"
  | "RAGGED_ROW"
  | "INVALID_UTF8"
  | "INVALID_VALUE"
  | "FILE_TOO_LARGE"
  | "DUPLICATE_COLUMN"
  | "UNTERMINATED_QUOTE"
  // schema and configuration
  | "UNKNOWN_COLUMN"
  | "MISSING_COLUMN"
  | "MISSING_TARGET"
  | "TARGET_ONE_CLASS"
  | "TARGET_NOT_BINARY"
  | "INVALID_OVERRIDE"
  | "INVALID_CONFIG"
  | "NO_FEATURES"
  | "SPLIT_TOO_SMALL"
  // model and artifacts
  | "MODEL_NOT_TRAINED"
  | "ARTIFACT_MISMATCH"
  // lookups
  | "NOT_FOUND"
  | "CONFLICT";

export interface ErrorLocation {
  /** 1-based data row number (the header is row 0) or file line number when `line` is set. */
  row?: number;
  /** 1-based physical line in the source file. */
  line?: number;
  column?: string;
  field?: string;
}

export class KindredError extends Error {
  readonly code: KindredErrorCode;
  readonly location: ErrorLocation;

  constructor(code: KindredErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = "KindredError";
    this.code = code;
    this.location = location;
  }
}

export function isKindredError(error: unknown, code?: KindredErrorCode): error is KindredError {
  return error instanceof KindredError && (code === undefined || error.code === code);
}
