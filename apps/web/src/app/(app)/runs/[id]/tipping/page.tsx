"use client";

import { useParams } from "next/navigation";
import { runFeatures } from "../../../../../components/tipping-form";
import { GlobalImportance } from "../../../../../components/tipping-importance";
import { TippingWorkbench } from "../../../../../components/tipping-workbench";
import { Card, Empty, ErrorNote, Loading } from "../../../../../components/ui";
import { TippingRunDocument } from "../../../../../graphql/generated";
import { useQuery } from "../../../../../lib/hooks";
import { RequireRole, useSession } from "../../../../../lib/session";

/** What a tipping feature is, for everyone; viewers learn who runs the search. */
function TippingIntro({ analyst }: { analyst: boolean }) {
  return (
    <Card title="Tipping features">
      <p style={{ marginTop: 0 }}>
        For a customer the model scores under the threshold, the <strong>tipping feature</strong> is the
        actionable feature holding the probability back most (most negative SHAP value) that a permitted
        change lifts to the threshold; its <strong>tipping value</strong> is the nearest such value. Customers
        no permitted change tips are <em>bound-reached</em>.
      </p>
      <p className="small muted" style={{ marginBottom: 0 }}>
        List A (similarity) takes each buyer's nearest non-buyer in embedding space: prospects the probability
        ranking would never surface. List B (probability) takes the non-buyers closest to the threshold.
        Comparing them shows which list a campaign can move.
        {!analyst && " Analysts run tipping searches; ask one for a list to turn into a campaign."}
      </p>
    </Card>
  );
}

export default function TippingPage() {
  const { id } = useParams<{ id: string }>();
  const session = useSession();
  const { data, loading, error } = useQuery(TippingRunDocument, { id });
  const run = data?.run;
  if (loading && !data) return <Loading />;
  if (!run) return <ErrorNote error={error ?? { message: `no run "${id}"` }} />;
  const ready = run.status === "succeeded" && run.kind === "classifier";
  return (
    <>
      <div className="grid two" style={{ alignItems: "start" }}>
        <TippingIntro analyst={session?.can("analyst") ?? false} />
        <Card title="What drives the model">
          <GlobalImportance explanation={run.explanation} />
        </Card>
      </div>
      {ready ? (
        <RequireRole role="analyst">
          <TippingWorkbench runId={run.id} features={runFeatures(run)} textModel={run.text?.model ?? null} />
        </RequireRole>
      ) : (
        <Card>
          <Empty title="No tipping search for this run">
            {run.kind === "classifier"
              ? "The run has not finished training; tipping needs its model's probabilities."
              : "Tipping needs a probability: train a run with a target (an autoencoder has none)."}
          </Empty>
        </Card>
      )}
    </>
  );
}
