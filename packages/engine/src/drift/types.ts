export interface Points {
  /** rows × cols, row-major. */
  data: Float32Array;
  rows: number;
  cols: number;
}

export type PsiStatus = "stable" | "watch" | "retrain";

/** One bin of a PSI comparison: its bounds (numeric) or level (categorical) and both shares. */
export interface PsiBin {
  label: string;
  baseline: number;
  current: number;
}

export interface PsiResult {
  psi: number;
  status: PsiStatus;
  bins: PsiBin[];
}
