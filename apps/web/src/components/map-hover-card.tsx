import { fixed } from "../lib/format";

/** One customer on the map: who it is, whether it converted, the model's probability, its persona. */
export function MapHoverCard({
  customerId,
  label,
  probability,
  persona,
}: {
  customerId: string;
  label: number | null;
  probability: number | null;
  persona: string | null;
}) {
  return (
    <div className="small" style={{ display: "grid", gap: 3 }}>
      <strong>Customer {customerId}</strong>
      <div>
        {label === null ? (
          <span className="muted">label unknown</span>
        ) : (
          <span className={`badge ${label === 1 ? "good" : ""}`}>
            {label === 1 ? "converted" : "not converted"}
          </span>
        )}
      </div>
      <div>
        <span className="muted">probability</span> {fixed(probability, 3)}
      </div>
      <div>
        <span className="muted">persona</span> {persona ?? "–"}
      </div>
    </div>
  );
}
