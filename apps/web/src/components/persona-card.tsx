"use client";

import { useState } from "react";
import type { AnalysisPersonaFieldsFragment } from "../graphql/generated";
import { count, percent, when } from "../lib/format";
import { PersonaEditForm } from "./persona-edit-form";
import { PersonaProfile, parseTraits } from "./persona-profile";
import { PersonaRules, parseRules } from "./persona-rules";
import { Card, Stat } from "./ui";

export type PersonaFields = AnalysisPersonaFieldsFragment;

/** Conversion against everyone's: a lift well above 1 is worth a campaign, well below 1 is not. */
function ConversionValue({ rate, population }: { rate: number | null; population: number | null }) {
  if (rate === null) return <>–</>;
  const lift = population ? rate / population : null;
  const tone = lift === null ? "" : lift >= 1.2 ? "good" : lift <= 0.8 ? "bad" : "";
  return (
    <>
      {percent(rate)}{" "}
      {lift !== null && (
        <span className={`badge ${tone}`} style={{ fontSize: 12, fontWeight: 400 }}>
          ×{lift.toFixed(1)}
        </span>
      )}
    </>
  );
}

/**
 * One persona: size, share, conversion against the population, what it is and what to do about
 * it (editable by every signed-in user), its profile and the rules that separate it.
 */
export function PersonaCard({
  persona,
  populationRate,
  onSaved,
}: {
  persona: PersonaFields;
  /** Conversion of the whole population, for the comparison. */
  populationRate: number | null;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const traits = parseTraits(persona.traits);
  const rules = parseRules(persona.rules);
  const kmeans = persona.source === "kmeans";
  return (
    <Card
      title={editing ? `Edit “${persona.name}”` : persona.name}
      actions={
        !editing && (
          <button
            type="button"
            className="secondary"
            onClick={() => setEditing(true)}
            aria-label={`Edit persona ${persona.name}`}
          >
            Edit
          </button>
        )
      }
    >
      <div className="grid three" style={{ gap: 10, marginBottom: 12 }}>
        <Stat label="customers" value={count(persona.size)} />
        <Stat label="of all customers" value={percent(persona.share)} />
        <Stat
          label={`conversion (${percent(populationRate)} overall)`}
          value={<ConversionValue rate={persona.conversionRate} population={populationRate} />}
        />
      </div>
      {editing ? (
        <PersonaEditForm
          persona={persona}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
        />
      ) : (
        <>
          {persona.description && <p style={{ marginTop: 0 }}>{persona.description}</p>}
          <p>
            <strong>Strategy: </strong>
            {persona.strategy || <span className="muted">none yet: Edit to write one.</span>}
          </p>
          {persona.editedAt && <p className="small muted">Edited {when(persona.editedAt)}.</p>}
        </>
      )}
      {kmeans && (
        <>
          <h3 style={{ marginTop: 14 }}>Profile against the population</h3>
          <PersonaProfile traits={traits} />
        </>
      )}
      <h3 style={{ marginTop: 14 }}>{kmeans ? "Rules that separate it" : "Rule"}</h3>
      <PersonaRules rules={rules} fallback={!kmeans} />
    </Card>
  );
}
