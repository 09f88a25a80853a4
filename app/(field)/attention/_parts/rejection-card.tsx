"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { WorkOrderAttempt } from "@/app/(field)/work-orders/_parts/attention-work-order";
import { HashLink } from "@/app/_ui/hash-link";
import { InstrumentRejection } from "@/app/(field)/instruments/_parts/instrument-rejection";
import { ComplaintRejection } from "@/app/(field)/complaints/_parts/complaint-rejection";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useViewer } from "@/app/_ui/viewer";
import { useDateTime } from "@/app/_ui/use-when";
import { itemViewById, type ItemView } from "@/client/items/read-model";
import { useSync } from "@/client/sync/provider";
import type { Rejected } from "@/client/sync/types";
import { checkLabelChange, ITEM_STATUSES, type TItemStatus } from "@/domain/items/labels";
import type { TChangeLabelArgs, TChangeLabelExpected } from "@/domain/items/mutations";
import { expectedFrom } from "@/domain/items/predict";
import { rejectionMessageKey } from "@/domain/sync/codes";
import type { CachedZone } from "@/client/items/stores";

export interface TAttempt {
  args: TChangeLabelArgs;
  expected: TChangeLabelExpected | null;
  clientTime: string;
}

function asStatus(v: unknown): TItemStatus | null {
  return typeof v === "string" && (ITEM_STATUSES as readonly string[]).includes(v) ? (v as TItemStatus) : null;
}

/** Re-issue only when the same change is still allowed from the label the item carries now (domain rules). */
function mayReissue(role: Parameters<typeof checkLabelChange>[0]["role"], attempt: TAttempt, view: ItemView, zones: CachedZone[]): boolean {
  const zoneCode = attempt.args.zoneCode ?? view.predicted.zoneCode;
  const zone = zones.find((z) => z.code === zoneCode);
  return checkLabelChange({
    role,
    kind: view.item.kind,
    from: view.predicted.status,
    to: attempt.args.to,
    reason: attempt.args.reason,
    note: attempt.args.note,
    zoneKind: zone?.kind ?? null,
    zoneHolds: zone?.holds ?? null,
    photo: attempt.args.photo !== undefined,
  }).ok;
}

export function RejectionCard({
  rejection,
  attempt,
  view,
  zones,
  onDone,
}: {
  rejection: Rejected;
  attempt: TAttempt | null;
  view: ItemView | null;
  zones: CachedZone[];
  onDone: (what: "reissued" | "dismissed") => void;
}) {
  const t = useTranslations();
  const dated = useDateTime();
  const { role } = useViewer();
  const { store, deviceId, changeLabel, resolve } = useSync();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const r = rejection;
  const details = r.details ?? {};
  // the server's row as it is now (JSON of any shape): its status when it has one. Narrowed, not asserted: the assertion
  // this replaces was needed by tsc but called unnecessary by no-unnecessary-type-assertion, whose --fix broke the build
  const current = details.current;
  const nowStatus = asStatus(typeof current === "object" && current !== null && "status" in current ? current.status : undefined);
  const by = typeof details.changedBy === "string" ? details.changedBy : null;
  const at = typeof details.changedAt === "string" ? details.changedAt : null;

  const why =
    r.reasonCode === "stale" && nowStatus && by && at
      ? t("sync.staleBy", { status: t(`status.item.${nowStatus}`), name: by, time: dated(at) })
      : r.reasonCode === "stale" && nowStatus
        ? t("sync.staleNow", { status: t(`status.item.${nowStatus}`) })
        : r.reasonCode === "server_error"
          ? t("sync.reason.server_error", { reference: typeof details.reference === "string" ? details.reference : "—" })
          : r.reasonCode
            ? t(rejectionMessageKey(r.reasonCode))
            : t("sync.reasonUnknown");
  // bad_input names the field and, for text, what is wrong with it (domain/text/rules.ts).
  const field = r.reasonCode === "bad_input" && typeof details.field === "string" && details.field ? details.field : null;
  const fieldWhat =
    typeof details.reason === "string" && t.has(`validation.text.${details.reason}`)
      ? t(`validation.text.${details.reason}`)
      : typeof details.message === "string" && details.message.startsWith("validation.") && t.has(details.message)
        ? t(details.message)
        : null;
  const fieldName = field && t.has(`fields.${field}`) && typeof t.raw(`fields.${field}`) === "string" ? t(`fields.${field}`) : field;

  const canReissue = attempt !== null && view !== null && mayReissue(role, attempt, view, zones);

  const act = async (what: "reissued" | "dismissed") => {
    setBusy(true);
    setFailed(false);
    try {
      if (what === "reissued" && attempt && store && deviceId) {
        // from the state the item has now on this phone (synced + own queue), not the state it had then
        const fresh = await itemViewById(store, deviceId, attempt.args.itemId);
        if (!fresh) throw new Error("item gone");
        await changeLabel(attempt.args, expectedFrom(fresh.predicted));
      }
      await resolve({ mutationId: r.mutationId, resolution: what });
      onDone(what);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <li className="rejection" data-testid="rejection" data-code={r.reasonCode ?? ""} data-mutation={r.mutationId}>
      <p className="rejection-why" data-testid="rejection-reason">
        {why}
      </p>
      {fieldName && (
        <p className="small" data-testid="rejection-field" data-field={field ?? ""}>
          {t("sync.field", { field: fieldName })}
          {fieldWhat && ` — ${fieldWhat}`}
        </p>
      )}
      {attempt ? (
        <div className="stack">
          <div>
            {view ? (
              <HashLink path="/items" hash={view.item.tagCode} className="rejection-item">
                <strong>{view.item.name}</strong> <span className="mono small">{view.item.tagCode}</span>
              </HashLink>
            ) : (
              <span className="muted">{t("attention.unknownItem")}</span>
            )}
          </div>
          <p className="muted small">{t("attention.attempted")}</p>
          <div className="row" data-testid="rejection-attempt">
            {attempt.expected && (
              <>
                <StatusBadge kind="item" status={attempt.expected.from} />
                <span aria-hidden="true">→</span>
              </>
            )}
            <StatusBadge kind="item" status={attempt.args.to} />
          </div>
          <p className="small">
            {t(`labelReason.${attempt.args.reason}`)}
            {attempt.args.note && ` · “${attempt.args.note}”`}
          </p>
          <p className="muted small" data-testid="rejection-times">
            {t("attention.madeAt", { time: dated(attempt.clientTime) })} · {t("attention.refusedAt", { time: dated(r.at) })}
          </p>
          {view && (
            <p className="row small">
              <span className="muted">{t("attention.nowLabel")}</span>
              <StatusBadge kind="item" status={view.predicted.status} />
            </p>
          )}
        </div>
      ) : (
        <WorkOrderAttempt
          rejection={r}
          fallback={
            r.original?.name.startsWith("instrument.") ? (
              <InstrumentRejection rejection={r} />
            ) : r.original?.name === "complaint.record" ? (
              <ComplaintRejection rejection={r} />
            ) : (
              <p className="muted small">{t("attention.otherChange")}</p>
            )
          }
        />
      )}
      {failed && (
        <div className="alert" data-tone="bad" role="alert">
          {t("attention.failed")}
        </div>
      )}
      <div className="form-actions">
        {canReissue ? (
          <button type="button" className="btn block" disabled={busy} onClick={() => void act("reissued")} data-testid="reissue">
            {t("attention.reissue")}
          </button>
        ) : (
          attempt && (
            <p className="muted small" data-testid="no-reissue">
              {t("attention.cannotReissue", { to: t(`status.item.${attempt.args.to}`) })}
            </p>
          )
        )}
        <button type="button" className="btn secondary block" disabled={busy} onClick={() => void act("dismissed")} data-testid="dismiss">
          {t("attention.dismiss")}
        </button>
      </div>
    </li>
  );
}
