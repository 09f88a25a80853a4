"use client";
import { useState } from "react";
import { DecisionDone, type TDone } from "./decision-done";
import { ScrapApprovals } from "./scrap-approvals";

/**
 * The general manager's approvals (ADR 0040): the scrapping Technology Development verified while the instrument
 * settings named the general manager as the approving leader. The department head's card, the same rules: who may
 * decide is the server's answer (pendingScraps, decideScrap), from domain/instruments/scrap.ts.
 */
export function ManagerApprovals() {
  const [done, setDone] = useState<TDone | null>(null);
  return (
    <section className="stack" data-testid="manager-approvals">
      <DecisionDone done={done} />
      <ScrapApprovals onStart={() => setDone(null)} onDone={setDone} />
    </section>
  );
}
