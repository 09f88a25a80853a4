"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/app/_ui/icons";
import { PhotoField } from "@/app/_ui/photo-field";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useViewer } from "@/app/_ui/viewer";
import type { CachedZone } from "@/client/items/stores";
import type { PendingPhoto } from "@/client/photo/pending";
import { useSync } from "@/client/sync/provider";
import { queueLabelByForm } from "@/client/warehouse/queue";
import type { ReceiptTagView } from "@/client/warehouse/read-model";
import { peekTags, type TLeaseState } from "@/client/warehouse/tag-lease";
import { requiresLabelPhoto, zonesFor } from "@/domain/items/labels";
import { STOCK_TAG_PATTERN } from "@/domain/items/tags";
import { ruleMessageKey } from "@/domain/rules/codes";
import { planLabelByForm } from "@/domain/warehouse/model";
import { materialName } from "../../receive/_parts/receive-lines";
import { ScanField } from "../../receive/_parts/scan-field";
import type { TPerson } from "../../receive/_parts/use-people";

/** A zone with `holds` read as null when the phone cached it before zones were designated. */
export type TZone = Omit<CachedZone, "holds"> & { holds: NonNullable<CachedZone["holds"]> | null };

function ZoneChoice({
  name,
  legend,
  zones,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  zones: TZone[];
  value: string;
  onChange: (code: string) => void;
}) {
  const t = useTranslations("warehousePhone.label");
  const locale = useLocale();
  return (
    <fieldset className="choices" data-field={name}>
      <legend>{legend}</legend>
      {zones.length === 0 && <p className="muted">{t("noZone")}</p>}
      {zones.map((z) => (
        <label key={z.code} className="choice" data-testid={`${name}-${z.code}`}>
          <input type="radio" name={name} checked={value === z.code} onChange={() => onChange(z.code)} />
          <span className="grow">{materialName(z, locale)}</span>
          <span className="mono small muted">{z.code}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * One tag labelled by its form line: 合格 into a stock zone; rejected into the quarantine area designated for the
 * form's label, with a person responsible (default: me) and, for 退货, a photo of the label; a lot accepted in part
 * splits, the rejected part under a new lot tag (the phone's next leased number, or a printed one scanned). Planned
 * with domain planLabelByForm before `receipt.label` is queued; the predicted result shows at once.
 */
export function TagLabelForm({
  tag,
  zones,
  people,
  peopleKept,
  lease,
}: {
  tag: ReceiptTagView;
  zones: TZone[];
  people: TPerson[];
  peopleKept: boolean;
  lease: TLeaseState | null;
}) {
  const t = useTranslations("warehousePhone.label");
  const tRoot = useTranslations();
  const tw = useTranslations("warehouse");
  const viewer = useViewer();
  const { store, deviceId, flush } = useSync();
  const form = tag.form!;
  const to = form.rejectTo ?? "returned";
  const stockZones = zones.filter((z) => z.kind === "stock");
  const quarantineZones = zonesFor(to, zones);
  const [stock, setStock] = useState(stockZones.length === 1 ? stockZones[0]!.code : "");
  const [quarantine, setQuarantine] = useState(quarantineZones.length === 1 ? quarantineZones[0]!.code : "");
  const [printed, setPrinted] = useState<string | null>(null);
  const [responsible, setResponsible] = useState(viewer.id);
  const [photo, setPhoto] = useState<PendingPhoto | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsStock = form.verdict !== "rejected";
  const needsQuarantine = form.verdict !== "accepted";
  const needsPhoto = needsQuarantine && requiresLabelPhoto(to);
  const leased = lease ? (peekTags(lease, 1)?.[0] ?? null) : null;
  const splitTag = form.verdict === "split" ? (printed ?? leased) : null;

  const save = async () => {
    if (!store || !deviceId || !tag.itemId || busy) return;
    const zone = (code: string) => zones.find((z) => z.code === code) ?? null;
    const plan = planLabelByForm({ status: tag.status, quantity: tag.quantity }, form, {
      stockZone: needsStock ? zone(stock) : null,
      quarantineZone: needsQuarantine ? zone(quarantine) : null,
      splitTag,
      responsibleId: needsQuarantine ? responsible || null : null,
    });
    if (!plan.ok) {
      setProblem(tRoot(ruleMessageKey(plan.code)));
      return;
    }
    if (needsPhoto && !photo) {
      setProblem(t("photoRequired"));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const r = await queueLabelByForm(
        { store, userId: viewer.id, deviceId },
        {
          itemId: tag.itemId,
          ...(needsStock ? { stockZone: stock } : {}),
          ...(needsQuarantine ? { quarantineZone: quarantine, responsibleId: responsible } : {}),
          ...(splitTag ? { splitTag } : {}),
          ...(needsQuarantine && photo ? { photo: { mime: photo.mime, base64: photo.base64 } } : {}),
        },
        { version: tag.version },
      );
      if (!r.ok) {
        const key = Object.values(r.fields)[0] ?? "";
        setProblem(tRoot.has(key) ? tRoot(key) : t("saveFailed"));
      } else flush("queued");
    } catch {
      setProblem(t("saveFailed"));
    } finally {
      setBusy(false);
    }
  };

  const zoneName = (code: string | null) => {
    const z = zones.find((x) => x.code === code);
    return z ? z.code : (code ?? "");
  };
  const done = tag.labelQueued || tag.status !== "pending_inspection";
  return (
    <article
      className="card stack"
      data-testid="label-tag"
      data-tag={tag.tag}
      data-verdict={form.verdict}
      data-status={tag.status}
      data-queued={tag.labelQueued}
    >
      <div className="title-row">
        <strong className="mono" style={{ fontSize: "1.2rem" }}>
          {tag.tag}
        </strong>
        <span className="badge" data-tone={form.verdict === "accepted" ? "ok" : form.verdict === "rejected" ? "bad" : "warn"} data-testid="label-verdict">
          {tw(`verdict.${form.verdict}`)}
        </span>
      </div>
      <p className="small" style={{ margin: 0 }}>
        {form.accepted > 0 && <span>{t("accepted", { n: form.accepted })}</span>}
        {form.accepted > 0 && form.rejected > 0 && " · "}
        {form.rejected > 0 && <span>{t("rejected", { n: form.rejected, to: tw(`rejectTo.${to}`) })}</span>}
        {form.reason && (
          <>
            <br />
            <span className="muted">{t("reason", { reason: form.reason })}</span>
          </>
        )}
      </p>
      {done ? (
        <div data-testid="label-result">
          <p className="row" style={{ margin: 0 }}>
            <StatusBadge kind="item" status={tag.status} />
            <span className="mono">{zoneName(tag.zoneCode)}</span>
            <span>× {tag.quantity}</span>
          </p>
          {tag.split && (
            <p className="small" data-testid="label-split" data-tag={tag.split.tag} style={{ margin: "6px 0 0" }}>
              {t("split", { tag: tag.split.tag, label: tRoot(`status.item.${tag.split.status}`), zone: tag.split.zoneCode, n: tag.split.quantity })}
            </p>
          )}
          {tag.labelQueued ? (
            <span className="pending-mark small" data-testid="label-queued" style={{ marginTop: 6 }}>
              <Icon name="upload" size={16} />
              {t("queued")}
            </span>
          ) : (
            <span className="badge" data-tone="ok" data-testid="label-done">
              {t("done")}
            </span>
          )}
        </div>
      ) : (
        <>
          {needsStock && <ZoneChoice name="stock" legend={t("stockZone")} zones={stockZones} value={stock} onChange={setStock} />}
          {needsQuarantine && (
            <ZoneChoice
              name="quarantine"
              legend={t("quarantineZone", { label: tRoot(`status.item.${to}`) })}
              zones={quarantineZones}
              value={quarantine}
              onChange={setQuarantine}
            />
          )}
          {form.verdict === "split" && (
            <div data-field="splitTag">
              <p style={{ fontWeight: 700, margin: "0 0 6px" }}>{t("splitTag", { n: form.rejected })}</p>
              {splitTag ? (
                <p
                  className="mono"
                  style={{ fontSize: "1.2rem", fontWeight: 800, margin: "0 0 8px" }}
                  data-testid="label-split-tag"
                  data-printed={printed !== null}
                >
                  {splitTag}
                </p>
              ) : (
                <p className="alert" data-tone="warn">
                  {t("noSplitTag")}
                </p>
              )}
              <ScanField
                label={t("splitScan")}
                help={tRoot("warehousePhone.receive.attachHelp")}
                testId="label-split-scan"
                onCode={(code) => {
                  if (!STOCK_TAG_PATTERN.test(code)) return tRoot("warehousePhone.receive.notATag", { code });
                  setPrinted(code);
                  return null;
                }}
              />
            </div>
          )}
          {needsQuarantine && (
            <label className="field">
              <span>{t("responsible")}</span>
              <select className="input" value={responsible} onChange={(e) => setResponsible(e.target.value)} data-testid="label-responsible">
                {!people.some((p) => p.id === viewer.id) && <option value={viewer.id}>{t("me", { name: viewer.displayName })}</option>}
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.id === viewer.id ? t("me", { name: p.displayName }) : p.displayName}
                  </option>
                ))}
              </select>
              {peopleKept && <small className="help">{t("peopleKept")}</small>}
            </label>
          )}
          {needsPhoto && (
            <PhotoField
              value={photo}
              onChange={(p) => {
                setPhoto(p);
                setProblem(null);
              }}
              testId="label-photo"
              label={t("photo", { label: tRoot(`status.item.${to}`) })}
            />
          )}
          {problem && (
            <p className="alert" data-tone="bad" role="alert" data-testid="label-problem">
              {problem}
            </p>
          )}
          <button type="button" className="btn block big-action" onClick={() => void save()} disabled={busy || !store} data-testid="label-save">
            {busy ? t("saving") : t("save", { tag: tag.tag })}
          </button>
        </>
      )}
    </article>
  );
}
