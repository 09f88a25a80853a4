"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Icon } from "@/app/_ui/icons";
import { PhotoField } from "@/app/_ui/photo-field";
import { peekPendingPhoto, takePendingPhoto, type PendingPhoto } from "@/client/photo/pending";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useViewer } from "@/app/_ui/viewer";
import type { ItemView } from "@/client/read-model";
import { useSync } from "@/client/sync/provider";
import type { CachedZone } from "@/client/sync/types";
import { checkLabelChange, reasonsFor, requiresQuarantineZone, type TItemStatus, type TLabelReason } from "@/domain/items/labels";
import { expectedFrom } from "@/domain/items/predict";
import { useGeo } from "./use-geo";

type TProblem = "reason_required" | "note_required" | "quarantine_zone_required" | "not_allowed" | "invalid_transition" | "reason_not_allowed" | "bad_input" | "save_failed";

/** The change of one label: reason, note (required for "other"), quarantine zone when the target needs one, optional location. */
export function ChangeForm({
  view,
  to,
  zones,
  zoneName,
  onCancel,
  onSaved,
}: {
  view: ItemView;
  to: TItemStatus;
  zones: CachedZone[];
  zoneName: (code: string | null) => string;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations();
  const { role } = useViewer();
  const { changeLabel } = useSync();
  const geo = useGeo();
  const { item, predicted } = view;
  const reasons = reasonsFor(to);
  const specific = reasons.filter((r) => r !== "other");
  const needsZone = requiresQuarantineZone(to);
  const quarantine = zones.filter((z) => z.kind === "quarantine").sort((a, b) => a.code.localeCompare(b.code));
  const currentZone = zones.find((z) => z.code === predicted.zoneCode);
  const [reason, setReason] = useState<TLabelReason | null>(specific.length === 1 ? specific[0]! : null);
  const [zoneCode, setZoneCode] = useState<string | null>(needsZone && currentZone?.kind === "quarantine" ? currentZone.code : null);
  const [note, setNote] = useState("");
  // a label photo taken on the scan screen comes along as this change's evidence
  const [photo, setPhoto] = useState<PendingPhoto | null>(() => peekPendingPhoto(item.tagCode) ?? null);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // a refused save shows its reason where the eye is: scroll the first message into view
  useEffect(() => {
    if (problem) formRef.current?.querySelector('[role="alert"]')?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [problem]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason) return setProblem("reason_required");
    const zoneKind = needsZone ? (zones.find((z) => z.code === zoneCode)?.kind ?? null) : (currentZone?.kind ?? null);
    const check = checkLabelChange({ role, kind: item.kind, from: predicted.status, to, reason, note, zoneKind });
    if (!check.ok) return setProblem(check.code);
    // The mutation's own schema, loaded when needed (precached by the service worker, so offline too): zod
    // stays out of the page's first load.
    const { ZChangeLabelArgs } = await import("@/domain/items/mutations");
    const args = ZChangeLabelArgs.safeParse({
      itemId: item.id,
      to,
      reason,
      note,
      zoneCode: needsZone && zoneCode ? zoneCode : undefined,
      // whatever the location lookup has by now; saving never waits for it
      geo: geo.state === "ok" ? geo.geo : undefined,
      photo: photo ? { mime: photo.mime, base64: photo.base64 } : undefined,
    });
    if (!args.success) return setProblem("bad_input");
    setProblem(null);
    setBusy(true);
    try {
      await changeLabel(args.data, expectedFrom(predicted));
      if (photo && peekPendingPhoto(item.tagCode) === photo) takePendingPhoto(item.tagCode);
      onSaved();
    } catch {
      setProblem("save_failed");
      setBusy(false);
    }
  };

  const message = (p: TProblem) =>
    p === "reason_required"
      ? t("items.form.reasonRequired")
      : p === "quarantine_zone_required"
        ? t("items.form.zoneRequired")
        : p === "save_failed"
          ? t("items.form.saveFailed")
          : t(`sync.reason.${p}`);
  const otherProblem = problem && !["reason_required", "note_required", "quarantine_zone_required"].includes(problem) ? problem : null;

  return (
    <form ref={formRef} className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="change-form" data-to={to}>
      <h2 className="row">
        <span>{t("items.form.title")}</span>
        <StatusBadge kind="item" status={predicted.status} />
        <span aria-hidden="true">→</span>
        <StatusBadge kind="item" status={to} />
      </h2>
      {otherProblem && (
        <div className="alert" data-tone="bad" role="alert" data-testid="form-error">
          {message(otherProblem)}
        </div>
      )}

      <fieldset className="choices">
        <legend>{t("items.form.reason")}</legend>
        {reasons.map((r) => (
          <label key={r} className="choice" data-testid={`reason-${r}`}>
            <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
            <span>{t(`labelReason.${r}`)}</span>
          </label>
        ))}
        {problem === "reason_required" && <p className="field-error" role="alert">{message(problem)}</p>}
      </fieldset>

      {needsZone && (
        <fieldset className="choices">
          <legend>{t("items.form.zone")}</legend>
          {quarantine.length === 0 && <p className="muted">{t("items.form.noQuarantineZones")}</p>}
          {quarantine.map((z) => (
            <label key={z.code} className="choice" data-testid={`zone-${z.code}`}>
              <input type="radio" name="zone" value={z.code} checked={zoneCode === z.code} onChange={() => setZoneCode(z.code)} />
              <span className="grow">{zoneName(z.code)}</span>
              <span className="mono small muted">{z.code}</span>
            </label>
          ))}
          {problem === "quarantine_zone_required" && <p className="field-error" role="alert">{message(problem)}</p>}
        </fieldset>
      )}

      <label className="field">
        <span>{reason === "other" ? t("items.form.noteRequiredLabel") : t("items.form.note")}</span>
        <textarea
          className="input"
          name="note"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={problem === "note_required"}
          data-testid="note"
        />
        {problem === "note_required" && <p className="field-error" role="alert">{message(problem)}</p>}
      </label>

      <PhotoField value={photo} onChange={setPhoto} testId="label-photo" />

      <div className="geo row" data-testid="geo" data-state={geo.state}>
        <Icon name="pin" size={22} />
        {geo.state === "ok" ? (
          <span>{t("items.form.located", { m: Math.round(geo.geo.accuracy ?? 0) })}</span>
        ) : geo.state === "locating" ? (
          <span className="muted">{t("items.form.locating")}</span>
        ) : (
          <>
            {geo.state === "unavailable" && <span className="muted grow">{t("items.form.noLocation")}</span>}
            <button type="button" className="btn secondary" onClick={geo.request}>
              {t("items.form.addLocation")}
            </button>
          </>
        )}
      </div>

      <div className="form-actions">
        <button type="submit" className="btn block" disabled={busy} data-testid="save-change">
          {t("items.form.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("items.form.cancel")}
        </button>
      </div>
    </form>
  );
}
