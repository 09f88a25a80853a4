/** The list's hash after a save (`saved=<id>`, `&again` when it was already queued): which record to say was saved. */
export function savedHash(s: { id: string; again: boolean }): string {
  return `saved=${s.id}${s.again ? "&again=1" : ""}`;
}

export function readSavedHash(hash: string | null): { id: string; again: boolean } | null {
  if (!hash) return null;
  const p = new URLSearchParams(hash);
  const id = p.get("saved");
  return id ? { id, again: p.get("again") === "1" } : null;
}
