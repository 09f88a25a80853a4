"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { Icon } from "@/app/_ui/icons";
import type { PendingPhoto } from "@/client/photo/pending";
import type { TCheckLabel } from "@/client/work-orders/license-check";
import type { CheckView, WorkOrderView } from "@/client/work-orders/read-model";
import { queueCheck, queueWithdrawCheck, type TQueueProblem } from "@/client/work-orders/enqueue";
import { checkOffline } from "@/client/work-orders/license-check";
import { useSync } from "@/client/sync/provider";
import { connectsWithoutTap } from "@/domain/work-orders/scan-session";
import { takeCheckFor, takeOpenWithCamera } from "@/client/work-orders/pending-check";
import { canCheckEquipment } from "@/domain/work-orders/status";
import { isPassedVerdict } from "@/domain/work-orders/rules";
import { ProblemText } from "@/app/_ui/work-orders/problem-text";
import { useQueue } from "@/app/_ui/work-orders/use-queue";
import { useRegistryDate } from "./verdict";

// The camera (and its decoder loop) and the check form load when the lineman starts a check: they stay out of the
// order screen's first load. Their chunks are precached by the service worker, so this works offline too.
const ScanBox = dynamic(() => import("./scan-box").then((m) => m.ScanBox), { ssr: false });
const CheckForm = dynamic(() => import("./check-form").then((m) => m.CheckForm), { ssr: false });

type TDraft =
  | { entry: "scan" }
  | { entry: "typed" }
  | { entry: "scan"; label: TCheckLabel; photo: PendingPhoto | null; serial?: string }
  /** A saved check reopened to correct it (ADR 0021). */
  | { entry: "scan" | "typed"; label: TCheckLabel; photo: null; correcting: CheckView };

/** The label of a saved check, as the form takes it (a correction starts from it). */
function labelOfCheck(c: CheckView): TCheckLabel {
  if (c.labelKind === "license_old" && c.licenseNo) return { kind: "license_old", licenseNo: c.licenseNo, model: c.labelModel, scrambleCode: c.scrambleCode };
  if (c.labelKind === "license_mark" && c.markCode) return { kind: "license_mark", markCode: c.markCode };
  return { kind: "none" };
}

/** Customer equipment of the order: checks made so far, and a new check by scanning (inline camera) or typing. */
export function EquipmentSection({ view }: { view: WorkOrderView }) {
  const t = useTranslations("workOrders.equipment");
  const canCheck = canCheckEquipment(view.status);
  // a label read on the scan screen for this order opens its check straight away
  const [draft, setDraft] = useState<TDraft | null>(() => {
    const handed = canCheck ? takeCheckFor(view.workOrder.id) : null;
    if (handed) return { entry: "scan", label: handed.label, photo: handed.photo };
    // opened from the card's scan button: the camera is on at once (ADR 0022)
    return canCheck && takeOpenWithCamera(view.workOrder.id) ? { entry: "scan" } : null;
  });
  const [saved, setSaved] = useState(false);
  const onDevice = useScannedDevice(view, (label, photo, serial) => setDraft({ entry: "scan", label, photo, serial }));
  if (!canCheck && view.checks.length === 0) return null;
  return (
    <section aria-labelledby="equipment-title" data-testid="equipment-section">
      <h2 id="equipment-title">{t("title")}</h2>
      {view.checks.length === 0 && !draft && <p className="muted">{t("none")}</p>}
      {/* the camera above the checks: saved devices appear below it, so it does not move away from the thumb */}
      {draft?.entry === "scan" && !("label" in draft) && (
        <ScanBox
          checked={view.checks.flatMap((c) => [c.licenseNo ?? c.markCode ?? ""])}
          saved={onDevice.saved}
          onDevice={onDevice.onDevice}
          onLabel={(label, photo) => setDraft({ entry: "scan", label, photo })}
          onCancel={() => {
            const any = onDevice.saved > 0;
            setDraft(null);
            setSaved(any);
            onDevice.reset();
            // done with the devices: the self-check is the next step, brought on screen
            if (any) requestAnimationFrame(() => document.querySelector('[data-testid="self-check"] fieldset')?.scrollIntoView({ block: "start" }));
          }}
        />
      )}
      <ul className="list" data-testid="checks">
        {view.checks.map((c) =>
          draft && "correcting" in draft && draft.correcting.id === c.id ? null : (
            <CheckCard
              key={c.id}
              check={c}
              view={view}
              // until the self-check: open it to correct it (the form starts from it), or remove it
              onCorrect={
                canCheck && draft === null
                  ? () => {
                      setSaved(false);
                      setDraft({ entry: c.entry === "typed" && c.labelKind !== "none" ? "typed" : "scan", label: labelOfCheck(c), photo: null, correcting: c });
                    }
                  : undefined
              }
            />
          ),
        )}
      </ul>
      {saved && !draft && (
        <p className="alert" data-tone="ok" role="status" data-testid="check-saved">
          {t("saved")}
        </p>
      )}
      {canCheck && draft === null && (
        <div className="two-actions">
          <button
            type="button"
            className="btn big-action"
            onClick={() => {
              setSaved(false);
              setDraft({ entry: "scan" });
            }}
            data-testid="check-scan-start"
          >
            <Icon name="scan" size={26} />
            {t("scan")}
          </button>
          <button
            type="button"
            className="btn secondary big-action"
            onClick={() => {
              setSaved(false);
              setDraft({ entry: "typed" });
            }}
            data-testid="check-type-start"
          >
            {t("type")}
          </button>
        </div>
      )}
      {draft && (draft.entry === "typed" || "label" in draft) && (
        <CheckForm
          view={view}
          entry={draft.entry}
          initialLabel={"label" in draft ? draft.label : null}
          initialPhoto={"photo" in draft ? draft.photo : null}
          initialSerial={"serial" in draft ? draft.serial : undefined}
          correcting={"correcting" in draft ? draft.correcting : undefined}
          onSaved={() => {
            setDraft(null);
            setSaved(true);
          }}
          onCancel={() => setDraft(null)}
        />
      )}
    </section>
  );
}

/**
 * A device read in the camera session (label, then serial): in the normal case (domain connectsWithoutTap) it is
 * saved as connected there and then, the camera staying open for the next one; otherwise its form opens, the serial
 * filled in, for the lineman to decide. Saves one after another, each on the order as the previous one left it.
 */
function useScannedDevice(view: WorkOrderView, openForm: (label: TCheckLabel, photo: PendingPhoto | null, serial: string) => void) {
  const { store } = useSync();
  const q = useQueue();
  const viewRef = useRef(view);
  const [saved, setSaved] = useState(0);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const savedIds = useRef<string[]>([]);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  /** The order as the phone shows it once every check saved in this session is on it (its status and version moved). */
  const settled = async (): Promise<WorkOrderView> => {
    for (let i = 0; i < 100; i++) {
      const v = viewRef.current;
      if (savedIds.current.every((id) => v.checks.some((c) => c.id === id))) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    return viewRef.current;
  };

  const onDevice = useCallback(
    (label: TCheckLabel, photo: PendingPhoto | null, serial: string) => {
      chain.current = chain.current.then(async () => {
        if (!store || !q) {
          openForm(label, photo, serial);
          return;
        }
        const v = await checkOffline(store, label, "");
        const type = v.suggestedType ?? null;
        if (!type || !connectsWithoutTap({ verdict: v.result, equipmentType: type, serial })) {
          openForm(label, photo, serial);
          return;
        }
        const current = await settled();
        const r = await queueCheck(q.ctx, current, {
          equipmentType: type,
          label,
          equipmentModel: "",
          serial,
          entry: "scan",
          clientResult: v.result,
          clientRegistryVersion: v.registryVersion,
          outcome: "connected",
          note: "",
          photo: photo ? { mime: photo.mime, base64: photo.base64 } : undefined,
        });
        if (!r.ok) {
          openForm(label, photo, serial);
          return;
        }
        savedIds.current.push(r.checkId);
        setSaved((n) => n + 1);
        q.kick();
      });
    },
    [store, q, openForm],
  );
  return { onDevice, saved, reset: () => setSaved(0) };
}

function CheckCard({ check: c, view, onCorrect }: { check: CheckView; view: WorkOrderView; onCorrect?: () => void }) {
  const t = useTranslations("workOrders");
  const q = useQueue();
  const [removing, setRemoving] = useState(false);
  const [problem, setProblem] = useState<TQueueProblem | null>(null);
  const remove = async () => {
    if (!q) return;
    const r = await queueWithdrawCheck(q.ctx, view, c.id);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    q.kick();
  };
  const date = useRegistryDate();
  const passed = isPassedVerdict(c.verdict);
  const code = c.licenseNo ?? c.markCode ?? t("equipment.noLabel");
  return (
    <li
      className="check-card"
      data-testid="check"
      data-check-id={c.id}
      data-result={c.verdict}
      data-outcome={c.outcome}
      data-pending={c.pending}
      data-tone={passed ? "ok" : "bad"}
    >
      <div className="title-row">
        <strong>{t(`equipmentType.${c.equipmentType}`)}</strong>
        <span className="badge" data-tone={passed ? "ok" : "bad"}>
          {t(`verdict.result.${c.verdict}`)}
        </span>
      </div>
      <p className="mono">{code}</p>
      {(c.equipmentModel || c.labelModel || c.serial) && (
        <p className="muted small">{[c.equipmentModel || c.labelModel, c.serial && t("equipment.serial", { serial: c.serial })].filter(Boolean).join(" · ")}</p>
      )}
      <p className="check-outcome" data-tone={c.outcome === "connected" ? "ok" : "warn"}>
        {t(`check.done.${c.outcome}`)}
      </p>
      {c.pbx && <p className="muted small">{t("equipment.pbx", { result: t(`pbx.result.${c.pbx.inspection}`), capacity: c.pbx.capacity })}</p>}
      <p className="muted small" data-testid="check-source">
        {c.serverResult === null
          ? c.clientRegistryVersion
            ? t("verdict.offline", { date: date(c.clientRegistryVersion) })
            : t("verdict.offlineUndated")
          : t("verdict.server", { date: date(c.serverRegistryVersion) })}
      </p>
      {c.recheckChanged && c.serverResult && (
        <p className="alert" data-tone="bad" data-testid="recheck-changed">
          {t("equipment.recheck", { result: t(`verdict.result.${c.serverResult}`) })}
        </p>
      )}
      {c.photo === "synced" && c.photoSha256 && (
        <img src={`/api/evidence/${c.photoSha256}`} alt={t("equipment.photo")} className="photo-thumb" loading="lazy" />
      )}
      {c.photo === "queued" && <p className="muted small">{t("equipment.photoQueued")}</p>}
      {c.pending && (
        <p className="pending-mark small">
          <Icon name="upload" size={16} />
          {t("notSynced")}
        </p>
      )}
      {onCorrect && !removing && (
        <div className="two-actions">
          <button type="button" className="btn secondary" onClick={onCorrect} data-testid="check-correct">
            {t("equipment.correct")}
          </button>
          <button type="button" className="btn secondary" onClick={() => setRemoving(true)} data-testid="check-remove">
            {t("equipment.remove")}
          </button>
        </div>
      )}
      {onCorrect && removing && (
        <div className="alert" data-tone="warn" role="alertdialog" aria-label={t("equipment.removeConfirm")} data-testid="check-remove-confirm">
          <p>{t("equipment.removeConfirm")}</p>
          <div className="two-actions">
            <button type="button" className="btn danger" onClick={() => void remove()} data-testid="check-remove-yes">
              {t("equipment.removeYes")}
            </button>
            <button type="button" className="btn secondary" onClick={() => setRemoving(false)} data-testid="check-remove-no">
              {t("equipment.removeNo")}
            </button>
          </div>
        </div>
      )}
      <ProblemText problem={problem} />
    </li>
  );
}
