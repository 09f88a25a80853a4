"use client";
import Link from "next/link";
import { Icon } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { loadRound } from "@/client/property/draft-store";

const INFO = { borderColor: "var(--info)", background: "var(--info-bg)", color: "var(--info)" } as const;

/**
 * "Inspections 2" on the home's first line, beside the notices (which keeps its height, so nothing moves when it
 * appears): the rounds this person is named on that this phone has not submitted yet, from the phone's copy. Shown
 * only to people who have one. The word comes from the server (the home does not carry the rounds' namespace).
 */
export function RoundsPill({ label }: { label: string }) {
  const open = useReadCache("property-rounds-pill", async (store, deviceId) => {
    const rows = (await store.getAll("propertyRounds")).filter((r) => r.status === "scheduled");
    const drafts = await Promise.all(rows.map((r) => loadRound(store, deviceId, r.id)));
    return drafts.filter((d) => !d?.submittedAt).length;
  });
  if (!open.data) return null;
  return (
    <Link href="/property/rounds" className="notices-pill" style={INFO} data-testid="home-rounds" aria-label={`${label} ${open.data}`} prefetch={false}>
      <Icon name="property" size={22} />
      {label} {open.data}
    </Link>
  );
}
