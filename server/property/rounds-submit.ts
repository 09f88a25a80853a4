import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, propertyCases, propertyRoundInspectors, propertyRoundItems, propertyRounds } from "@/db/schema";
import type { TPhoto } from "@/domain/items/mutations";
import { caseNextStatus, roundSubmitDecision, roundVerdict, type TItemResult } from "@/domain/property/model";
import { ZRoundSubmitArgs, type TRoundResult, type TRoundSubmitArgs } from "@/domain/property/schemas";
import { auditRow } from "@/server/audit/service";
import { now as serverNow } from "@/server/clock";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { badInput, Rejection } from "@/server/sync/rejection";
import { checkInstant } from "@/server/work-orders/license-verdict";
import { actorOf, CASE_SUBJECT } from "./cases";

type RoundRow = typeof propertyRounds.$inferSelect;
type CaseRow = typeof propertyCases.$inferSelect;
type ItemRow = typeof propertyRoundItems.$inferSelect;
type InspectorRow = typeof propertyRoundInspectors.$inferSelect;

interface TLoaded {
  round: RoundRow;
  kase: CaseRow;
  items: ItemRow[];
  inspectors: InspectorRow[];
}

/** The round and its case, locked in the office's order (the case, then the round), with its items and inspectors. */
async function lockRound(tx: Db, roundId: string): Promise<TLoaded | null> {
  const [head] = await tx.select({ caseId: propertyRounds.caseId }).from(propertyRounds).where(eq(propertyRounds.id, roundId));
  if (!head) return null;
  const [kase] = await tx.select().from(propertyCases).where(eq(propertyCases.id, head.caseId)).for("update");
  const [round] = await tx.select().from(propertyRounds).where(eq(propertyRounds.id, roundId)).for("update");
  if (!kase || !round) return null;
  const items = await tx.select().from(propertyRoundItems).where(eq(propertyRoundItems.roundId, roundId)).orderBy(asc(propertyRoundItems.sort));
  const inspectors = await tx.select().from(propertyRoundInspectors).where(eq(propertyRoundInspectors.roundId, roundId));
  return { round, kase, items, inspectors };
}

/**
 * `propertyRound.submit` v1: an inspection round done on the phone, maybe offline (ADR 0039 §5). Only a named
 * inspector submits, while the round is scheduled. Each item's photos (several since issue 16; one `photo` from older
 * phones, read as a list of one by the schema) go to the evidence store. A large round comes in parts (`final: false` until the last): a
 * result already stored (a part queued again) is kept as it was, by item; an item not of this round is refused. The
 * last part carries every named inspector's signature (signatures_required otherwise) and needs a result for every
 * item of the round (invalid_transition with the missing items otherwise); it decides the verdict (domain
 * roundVerdict: passed only when every item passed) and moves the case (passed or failed). A resent last part
 * applies once (already_in_state).
 */
export async function applySubmitRound({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const parsed = ZRoundSubmitArgs.safeParse(mutation.args);
  if (!parsed.success) throw badInput(parsed.error.issues);
  const a = parsed.data;
  const loaded = await lockRound(tx, a.roundId);
  if (!loaded) throw new Rejection("not_found", { roundId: a.roundId });
  const { round, kase, items, inspectors } = loaded;
  const actor = actorOf(user);
  const named = inspectors.map((i) => ({ userId: i.userId, department: i.department }));
  const current = { code: kase.code, roundNo: round.roundNo, status: round.status };
  if (!named.some((i) => i.userId === user.id)) throw new Rejection("not_allowed", { current });
  if (round.status === "passed" || round.status === "failed") return { status: "already_in_state", details: { current } };
  if (round.status !== "scheduled" || kase.status !== "scheduled")
    throw new Rejection("invalid_transition", { current: { ...current, caseStatus: kase.status } });

  const byItem = new Map(items.map((i) => [i.itemId, i]));
  const notInRound = a.results.filter((r) => !byItem.has(r.itemId)).map((r) => r.itemId);
  if (notInRound.length > 0) throw new Rejection("invalid_transition", { current, notInRound });
  // results a part sent before already stored (queued again after the app was closed mid-way): kept as they were
  const fresh = a.results.filter((r) => byItem.get(r.itemId)!.result === null);

  if (a.final) {
    const signers = a.signatures.map((s) => s.userId);
    const strangers = signers.filter((id) => !named.some((i) => i.userId === id));
    if (strangers.length > 0) throw new Rejection("not_allowed", { current, signers: strangers });
    const decision = roundSubmitDecision({ actor, roundStatus: round.status, inspectors: named, signedBy: signers });
    if (!decision.ok) throw new Rejection(decision.code, { current, ...(decision.missing ? { missing: decision.missing } : {}) });
    const freshIds = new Set(fresh.map((r) => r.itemId));
    const missing = items.filter((i) => i.result === null && !freshIds.has(i.itemId)).map((i) => i.itemId);
    if (missing.length > 0) throw new Rejection("invalid_transition", { current, missing });
  }
  return { status: "applied", write: () => writeRound({ tx, user, mutation, append }, a, loaded, fresh) };
}

/**
 * An item's photos into the evidence store (each file once by its content, however many records refer to it), their
 * SHA-256 in the order taken; the same picture twice is listed once.
 */
async function storePhotos(tx: Db, photos: readonly TPhoto[], userId: string): Promise<string[]> {
  const shas: string[] = [];
  for (const photo of photos) shas.push(await storeEvidence(tx, { photo, userId }));
  return [...new Set(shas)];
}

async function writeRound({ tx, user, mutation, append }: MutationContext, a: TRoundSubmitArgs, loaded: TLoaded, fresh: TRoundResult[]): Promise<void> {
  const { round, kase, items } = loaded;
  const now = serverNow();
  const inspectedAt = checkInstant(a.inspectedAt, { notBefore: round.scheduledAt, now });
  const byItem = new Map(items.map((i) => [i.itemId, i]));
  const stored: { clause: string; result: TItemResult; measurement: string; photoSha256: string | null; photoSha256s: string[] }[] = [];
  for (const r of fresh) {
    const photoSha256s = await storePhotos(tx, r.photos, user.id);
    const photoSha256 = photoSha256s[0] ?? null;
    await tx
      .update(propertyRoundItems)
      .set({ result: r.result, measurement: r.measurement, note: r.note, photoSha256, photoSha256s })
      .where(sql`${propertyRoundItems.roundId} = ${round.id} and ${propertyRoundItems.itemId} = ${r.itemId}`);
    stored.push({ clause: byItem.get(r.itemId)!.clause, result: r.result, measurement: r.measurement, photoSha256, photoSha256s });
  }

  const signatures: { userId: string; sha256: string }[] = [];
  let verdict: "passed" | "failed" | null = null;
  if (a.final) {
    for (const s of a.signatures) {
      const sha256 = await storeEvidence(tx, { photo: { mime: s.signature.mime, base64: s.signature.base64 }, userId: user.id });
      await tx
        .update(propertyRoundInspectors)
        .set({ signatureSha256: sha256, signedAt: inspectedAt })
        .where(sql`${propertyRoundInspectors.roundId} = ${round.id} and ${propertyRoundInspectors.userId} = ${s.userId}`);
      signatures.push({ userId: s.userId, sha256 });
    }
    const freshById = new Map(fresh.map((r) => [r.itemId, r.result]));
    verdict = roundVerdict(items.map((i) => i.result ?? freshById.get(i.itemId) ?? null));
    // the decision checked every item has a result: the verdict is never null here
    if (verdict === null) throw new Error("property round without a verdict after its checks");
    await tx
      .update(propertyRounds)
      .set({
        status: verdict,
        submittedBy: user.id,
        inspectedAt,
        submittedAt: now,
        mutationId: mutation.mutationId,
        submitNote: a.note,
        version: sql`${propertyRounds.version} + 1`,
      })
      .where(eq(propertyRounds.id, round.id));
    await tx
      .update(propertyCases)
      .set({ status: caseNextStatus("submitRound", { verdict }), updatedAt: now, version: sql`${propertyCases.version} + 1` })
      .where(eq(propertyCases.id, kase.id));
  } else {
    // a part: the round's row changes (its txid), so every inspector's phone sees the results as they come
    await tx
      .update(propertyRounds)
      .set({ version: sql`${propertyRounds.version} + 1` })
      .where(eq(propertyRounds.id, round.id));
  }

  append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: CASE_SUBJECT,
      subjectId: kase.id,
      at: now,
      event: {
        name: "property.roundSubmitted",
        payload: {
          code: kase.code,
          kind: kase.kind,
          note: a.note,
          roundNo: round.roundNo,
          verdict,
          results: stored,
          signatures,
          inspectedAt: inspectedAt.toISOString(),
          final: a.final,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
}
