"use client";

import { type FormEvent, useState } from "react";
import { type AnalysisPersonaFieldsFragment, AnalysisUpdatePersonaDocument } from "../graphql/generated";
import { useAction } from "../lib/hooks";
import { ErrorNote } from "./ui";

type FormError = { message: string; field?: string | null };

/**
 * Renames a persona and writes its description and strategy (open to every signed-in user:
 * marketing managers name personas). The API's refusal (an empty name, text too long) shows here.
 */
export function PersonaEditForm({
  persona,
  onSaved,
  onCancel,
}: {
  persona: AnalysisPersonaFieldsFragment;
  onSaved: (persona: AnalysisPersonaFieldsFragment) => void;
  onCancel: () => void;
}) {
  const update = useAction(AnalysisUpdatePersonaDocument);
  const [name, setName] = useState(persona.name);
  const [description, setDescription] = useState(persona.description);
  const [strategy, setStrategy] = useState(persona.strategy);
  const [error, setError] = useState<FormError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const result = await update.run({ id: persona.id, input: { name, description, strategy } });
    const payload = result?.updatePersona;
    if (!payload) return;
    if (payload.ok && payload.persona) onSaved(payload.persona);
    else setError(payload.error ?? { message: "the persona could not be saved" });
  }

  return (
    <form
      className="grid"
      style={{ gap: 10 }}
      onSubmit={(e) => void submit(e)}
      aria-label={`Edit persona ${persona.name}`}
    >
      <label className="field">
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error?.field === "name"}
        />
      </label>
      <label className="field">
        Description
        <textarea
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={error?.field === "description"}
        />
      </label>
      <label className="field">
        Strategy
        <textarea
          rows={3}
          value={strategy}
          onChange={(e) => setStrategy(e.target.value)}
          aria-invalid={error?.field === "strategy"}
        />
      </label>
      <ErrorNote error={error ?? update.error} />
      <div className="row">
        <button type="submit" disabled={update.pending}>
          {update.pending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={update.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
