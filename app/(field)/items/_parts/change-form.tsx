"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type SubmitEvent } from "react";
import { Icon } from "@/app/_ui/icons";
import { PhotoField } from "@/app/_ui/photo-field";
import { peekPendingPhoto, takePendingPhoto, type PendingPhoto } from "@/client/photo/pending";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useViewer } from "@/app/_ui/viewer";
import type { ItemView } from "@/client/items/read-model";
import { useSync } from "@/client/sync/provider";
import {
  checkLabelChange,
  isFinalLabel,
  reasonsFor,
  requiresLabelPhoto,
  requiresQuarantineZone,
  zonesFor,
  type TItemStatus,
  type TLabelReason,
} from "@/domain/items/labels";
import { expectedFrom } from "@/domain/items/predict";
import { isRuleCode, ruleMessageKey } from "@/domain/rules/codes";
import { ConfirmButton } from "@/app/_ui/confirm";
import { useGeo } from "./use-geo";
import type { CachedZone } from "@/client/items/stores";

type TProblem =
  | "reason_required"
  | "note_required"
  /** The note breaks the text rule (domain/text/rules.ts): its own message is in noteError. */
  | "note_invalid"
  | "quarantine_zone_required"
  | "photo_required"
  | "not_allowed"
  | "invalid_transition"
  | "reason_not_allowed"
  | "bad_input"
  | "save_failed";

/** Problems that belong to one field: its message is shown there and the field gets the focus. */
const FIELD_PROBLEMS: readonly TProblem[] = ["reason_required", "note_required", "note_invalid", "quarantine_zone_required", "photo_required"];

/**
 * The change of one label: reason (always chosen by the user), note (required for "other"), the quarantine area
 * designated for the target (domain zonesFor: a scrapped item leaves the pending-disposal area), a label photo
 * (required for a permanent label), optional location. A permanent label is confirmed before it is saved.
 */
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
  const needsZone = requiresQuarantineZone(to);
  const needsPhoto = requiresLabelPhoto(to);
  const final = isFinalLabel(to);
  // a phone synced before zones were designated has no `holds`: undesignated
  const facts = zones.map((z) => ({ ...z, holds: z.holds ?? null }));
  const offered = zonesFor(to, facts).sort((a, b) => a.code.localeCompare(b.code));
  const currentZone = facts.find((z) => z.code === predicted.zoneCode) ?? null;
  // the reason is the user's to choose, never pre-selected; the zone is the rule's: the designated area (the one
  // the item is in, when it fits)
  const [reason, setReason] = useState<TLabelReason | null>(null);
  const [zoneCode, setZoneCode] = useState<string | null>(
    offered.find((z) => z.code === currentZone?.code)?.code ?? (offered.length === 1 ? offered[0]!.code : null),
  );
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  // a label photo taken on the scan screen comes along as this change's evidence
  const [photo, setPhoto] = useState<PendingPhoto | null>(() => peekPendingPhoto(item.tagCode) ?? null);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  // a refused save names the missing thing where it is: scroll to that field and focus it
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!problem) return;
    const form = formRef.current;
    if (!form) return;
    const target =
      problem === "reason_required"
        ? form.querySelector<HTMLElement>('input[name="reason"]')
        : problem === "quarantine_zone_required"
          ? (form.querySelector<HTMLElement>('input[name="zone"]') ?? form.querySelector<HTMLElement>('[data-field="zone"]'))
          : problem === "note_required" || problem === "note_invalid"
            ? form.querySelector<HTMLElement>('textarea[name="note"]')
            : problem === "photo_required"
              ? photoInput.current
              : null;
    const shown = target?.closest<HTMLElement>("fieldset, .field, .photo-field") ?? form.querySelector<HTMLElement>('[role="alert"]');
    shown?.scrollIntoView({ block: "center", behavior: "smooth" });
    target?.focus({ preventScroll: true });
  }, [problem, attempt]);

  const refuse = (p: TProblem) => {
    setProblem(p);
    setAttempt((n) => n + 1);
    return false;
  };

  /** The domain's checks, in the order the fields appear; true when the change may be saved. */
  const validate = (): boolean => {
    if (!reason) return refuse("reason_required");
    const zone = needsZone ? (facts.find((z) => z.code === zoneCode) ?? null) : currentZone;
    const check = checkLabelChange({
      role,
      kind: item.kind,
      from: predicted.status,
      to,
      reason,
      note,
      zoneKind: zone?.kind ?? null,
      zoneHolds: zone?.holds ?? null,
      photo: photo !== null,
    });
    if (!check.ok) return refuse(check.code);
    setProblem(null);
    return true;
  };

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    // a permanent label is saved only through its confirmation
    if (final) return;
    if (validate()) void save();
  };

  const save = async () => {
    if (!reason) return;
    // The mutation's own schema, loaded when needed (precached by the service worker, so offline too): zod
    // stays out of the page's first load.
    const { ZChangeLabelInput } = await import("@/domain/items/mutations");
    const args = ZChangeLabelInput.safeParse({
      itemId: item.id,
      to,
      reason,
      note,
      zoneCode: needsZone && zoneCode ? zoneCode : undefined,
      // whatever the location lookup has by now; saving never waits for it
      geo: geo.state === "ok" ? geo.geo : undefined,
      photo: photo ? { mime: photo.mime, base64: photo.base64 } : undefined,
    });
    if (!args.success) {
      const noteIssue = args.error.issues.find((i) => i.path[0] === "note");
      if (noteIssue) {
        setNoteError(noteIssue.message);
        return void refuse("note_invalid");
      }
      return void refuse(args.error.issues.some((i) => i.path[0] === "photo" && i.message === "validation.photoRequired") ? "photo_required" : "bad_input");
    }
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
        : p === "photo_required"
          ? t("items.form.photoRequired")
          : p === "save_failed"
            ? t("items.form.saveFailed")
            : isRuleCode(p)
              ? t(ruleMessageKey(p))
              : t(`sync.reason.${p}`);
  const otherProblem = problem && !FIELD_PROBLEMS.includes(problem) ? problem : null;
  const toName = t(`status.item.${to}`);

  return (
    <form ref={formRef} className="card change-form" onSubmit={(e) => onSubmit(e)} noValidate data-testid="change-form" data-to={to}>
      <h2 className="row">
        <span>{t("items.form.title")}</span>
        <StatusBadge kind="item" status={predicted.status} />
        <span aria-hidden="true">→</span>
        <StatusBadge kind="item" status={to} />
      </h2>
      {final && (
        <p className="alert" data-tone="bad" data-testid="final-warning">
          {t("items.form.finalWarning", { label: toName })}
        </p>
      )}
      {otherProblem && (
        <div className="alert" data-tone="bad" role="alert" data-testid="form-error">
          {message(otherProblem)}
        </div>
      )}

      <fieldset className="choices">
        <legend>{t("items.form.reason")}</legend>
        {reasons.map((r) => (
          <label key={r} className="choice" data-testid={`reason-${r}`}>
            <input
              type="radio"
              name="reason"
              value={r}
              checked={reason === r}
              onChange={() => setReason(r)}
              aria-invalid={problem === "reason_required" || undefined}
            />
            <span>{t(`labelReason.${r}`)}</span>
          </label>
        ))}
        {problem === "reason_required" && (
          <p className="field-error" role="alert">
            {message(problem)}
          </p>
        )}
      </fieldset>

      {needsZone && (
        <fieldset className="choices" data-field="zone" tabIndex={-1}>
          <legend>{t("items.form.zone")}</legend>
          {currentZone && currentZone.code !== zoneCode && (
            <p className="muted small" data-testid="zone-move">
              {t("items.form.zoneMove", { from: zoneName(currentZone.code) })}
            </p>
          )}
          {offered.length === 0 && <p className="muted">{t("items.form.noQuarantineZones")}</p>}
          {offered.map((z) => (
            <label key={z.code} className="choice" data-testid={`zone-${z.code}`}>
              <input type="radio" name="zone" value={z.code} checked={zoneCode === z.code} onChange={() => setZoneCode(z.code)} />
              <span className="grow">{zoneName(z.code)}</span>
              <span className="mono small muted">{z.code}</span>
            </label>
          ))}
          {problem === "quarantine_zone_required" && (
            <p className="field-error" role="alert">
              {message(problem)}
            </p>
          )}
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
          aria-invalid={problem === "note_required" || problem === "note_invalid"}
          data-testid="note"
        />
        {problem === "note_required" && (
          <p className="field-error" role="alert">
            {message(problem)}
          </p>
        )}
        {problem === "note_invalid" && noteError && (
          <p className="field-error" role="alert" data-testid="note-error">
            {t.has(noteError) ? t(noteError) : t("sync.reason.bad_input")}
          </p>
        )}
      </label>

      <PhotoField
        value={photo}
        onChange={(p) => {
          setPhoto(p);
          if (p && problem === "photo_required") setProblem(null);
        }}
        testId="label-photo"
        label={needsPhoto ? t("items.form.photoRequiredLabel") : t("items.form.photoOptionalLabel")}
        missing={problem === "photo_required" ? message(problem) : null}
        inputRef={photoInput}
      />

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
        {final ? (
          <ConfirmButton
            label={t("items.form.save")}
            title={t("items.confirm.title", { label: toName })}
            body={t("items.confirm.body")}
            confirmLabel={t("items.confirm.yes", { label: toName })}
            cancelLabel={t("items.confirm.no")}
            destructive
            disabled={busy}
            beforeOpen={validate}
            onConfirm={() => void save()}
            testId="save-change"
          />
        ) : (
          <button type="submit" className="btn block" disabled={busy} data-testid="save-change">
            {t("items.form.save")}
          </button>
        )}
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("items.form.cancel")}
        </button>
      </div>
    </form>
  );
}
