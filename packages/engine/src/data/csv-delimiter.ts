/** Delimiters tried by auto-detection, in order of preference when they score the same. */
export const CANDIDATE_DELIMITERS: readonly string[] = [",", ";", "\t", "|"];

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Field counts per non-blank line of `sample` for `delimiter`, counting delimiters outside
 * quotes only. A quote toggles the quoted state wherever it appears (escaped `""` toggles
 * twice), which is exact for RFC-4180 input and good enough for a guess otherwise. A last
 * line cut off by the end of the sample is left out unless `complete` says the sample is the
 * whole file.
 */
function fieldCounts(sample: string, delimiter: number, complete: boolean): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let count = 1;
  let blank = true;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) {
      inQuotes = !inQuotes;
      blank = false;
    } else if (inQuotes) {
      // Delimiters and line ends inside quotes are field text.
    } else if (c === LF || c === CR) {
      if (!blank) counts.push(count);
      count = 1;
      blank = true;
    } else {
      if (c === delimiter) count++;
      // A line of spaces and tabs only is blank, even when tab is the candidate.
      if (c !== 0x20 && c !== 0x09) blank = false;
    }
  }
  if (complete && !blank) counts.push(count);
  return counts;
}

/**
 * Picks the delimiter from the first lines of a file: the candidate whose header has more than
 * one field and whose following lines most often have the same count as the header (a
 * consistent count wins); ties go to more fields, then to the order of CANDIDATE_DELIMITERS.
 * When no candidate splits the header, the file has one column and "," is returned.
 */
export function detectDelimiter(sample: string, complete: boolean): string {
  let best = ",";
  let bestScore = -1;
  let bestFields = 1;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = fieldCounts(sample, delimiter.charCodeAt(0), complete);
    const header = counts[0];
    if (header === undefined || header <= 1) continue;
    let same = 0;
    for (let i = 1; i < counts.length; i++) if (counts[i] === header) same++;
    const score = counts.length > 1 ? same / (counts.length - 1) : 1;
    if (score > bestScore || (score === bestScore && header > bestFields)) {
      best = delimiter;
      bestScore = score;
      bestFields = header;
    }
  }
  return best;
}
