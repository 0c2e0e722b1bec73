import { Fragment } from "react";
import { count, percent } from "../lib/format";

/** A rule that picks out (most of) a persona: its text and, for k-means personas, how well it does. */
export interface PersonaRule {
  rule: string;
  /** Share of the customers matching the rule that are in the persona. */
  precision: number | null;
  /** Share of the persona's customers that match the rule. */
  recall: number | null;
  /** Customers matching the rule. */
  support: number | null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The rules of a persona (the API's `rules` JSON); entries without a text are skipped. */
export function parseRules(json: unknown): PersonaRule[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((r): PersonaRule[] =>
    typeof r === "object" && r !== null && typeof (r as { rule?: unknown }).rule === "string"
      ? [
          {
            rule: (r as { rule: string }).rule,
            precision: num((r as { precision?: unknown }).precision),
            recall: num((r as { recall?: unknown }).recall),
            support: num((r as { support?: unknown }).support),
          },
        ]
      : [],
  );
}

/**
 * The conditions joined by a top-level "and" (outside parentheses and brackets); the whole rule when it has a
 * top-level "or", since "and" binds tighter and splitting there would change its meaning.
 */
function conditions(rule: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  // Brackets count like parentheses: a column such as [Rock and Roll] is one name.
  const words = /\s+(and|or)\s+|[()[\]]/gi;
  for (let m = words.exec(rule); m; m = words.exec(rule)) {
    if (m[0] === "(" || m[0] === "[") depth++;
    else if (m[0] === ")" || m[0] === "]") depth--;
    else if (depth === 0 && m[1]?.toLowerCase() === "or") return [rule];
    else if (depth === 0) {
      parts.push(rule.slice(start, m.index));
      start = m.index + m[0].length;
    }
  }
  parts.push(rule.slice(start));
  return parts;
}

/** "Income > 46.5 and Education = 1" with each condition on its own chip, joined by a visible "and". */
function RuleText({ rule }: { rule: string }) {
  const parts = conditions(rule);
  return (
    <span>
      {parts.map((part, i) => (
        <Fragment key={part}>
          {i > 0 && <span className="muted"> and </span>}
          <code className="badge" style={{ fontFamily: "inherit" }}>
            {part}
          </code>
        </Fragment>
      ))}
    </span>
  );
}

/** The rules that separate a persona from the others, in words a marketing team can use. */
export function PersonaRules({ rules, fallback }: { rules: PersonaRule[]; fallback?: boolean }) {
  if (rules.length === 0) {
    return (
      <p className="small muted" style={{ margin: 0 }}>
        {fallback
          ? "Everyone whom no other rule picks (the fallback persona)."
          : "No simple rule separates this persona."}
      </p>
    );
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 18, display: "grid", gap: 8 }}>
      {rules.map((r) => (
        <li key={r.rule} style={{ lineHeight: 1.8 }}>
          <RuleText rule={r.rule} />
          {r.precision !== null && (
            <div className="small muted" style={{ lineHeight: 1.4 }}>
              {percent(r.precision, 0)} of the {count(r.support)} customers it matches are in this persona
              {r.recall !== null && <>; it covers {percent(r.recall, 0)} of the persona</>}.
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
