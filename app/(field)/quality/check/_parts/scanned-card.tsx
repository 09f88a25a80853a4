"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useZoneName } from "@/app/(field)/items/_parts/use-zone-name";
import { newMarkId, type TScanned, type WalkMark } from "@/client/quality/walk";
import { LABEL_RESULTS, type TLabelResult } from "@/domain/quality/model";
import { FindingForm } from "./finding-form";

type TFinding = Exclude<TLabelResult, "correct">;

/**
 * The tag just scanned: the item and what its label should be (its label's colour and its zone, from the phone's
 * copy), or that the phone does not know it; the likely finding; the four marks. Correct is one tap; a finding asks
 * for its photo and a note first.
 */
export function ScannedCard({
  scanned,
  existing,
  onMark,
  onFormOpen,
}: {
  scanned: TScanned | null;
  existing: WalkMark | undefined;
  onMark: (m: WalkMark) => void;
  onFormOpen: (open: boolean) => void;
}) {
  const t = useTranslations("qualityPhone");
  const zoneName = useZoneName();
  const [finding, setFinding] = useState<TFinding | null>(null);
  const [marked, setMarked] = useState<TLabelResult | null>(existing?.result ?? null);
  if (!scanned)
    return (
      <div className="alert" data-tone="info" role="status" data-testid="walk-scanned" data-kind="none" style={{ minHeight: 84 }}>
        <p style={{ margin: 0, fontWeight: 700 }}>{t("scan.none")}</p>
      </div>
    );

  const mark = (result: TLabelResult, photo: WalkMark["photo"] = null, note = "") => {
    onMark({
      id: newMarkId(),
      tag: scanned.tag,
      subject: "",
      labelKind: scanned.labelKind,
      result,
      expected: scanned.kind === "item" ? scanned.expected : null,
      name: scanned.kind === "item" ? scanned.item.name : "",
      note,
      photo,
      markedAt: new Date().toISOString(),
    });
    setMarked(result);
    setFinding(null);
    onFormOpen(false);
  };
  const open = (r: TFinding | null) => {
    setFinding(r);
    onFormOpen(r !== null);
  };

  return (
    <section
      className="card stack"
      data-testid="walk-scanned"
      data-kind={scanned.kind}
      data-tag={scanned.tag}
      data-hint={scanned.kind === "item" ? (scanned.hint ?? "") : ""}
      data-marked={marked ?? ""}
      aria-live="polite"
    >
      <div>
        <strong className="mono" style={{ fontSize: "1.25rem" }}>
          {scanned.tag}
        </strong>
        {scanned.kind === "item" ? (
          <p style={{ margin: "2px 0 0", fontWeight: 700 }}>{scanned.item.name}</p>
        ) : (
          <p className="alert" data-tone="bad" style={{ margin: "6px 0 0" }} data-testid="walk-unknown-tag">
            {t("scan.unknown")}
          </p>
        )}
      </div>
      {scanned.kind === "item" && (
        <div data-testid="walk-should-be">
          <p className="muted small" style={{ margin: 0 }}>
            {t("scan.shouldBe")}
          </p>
          <p className="row" style={{ gap: 8, margin: "4px 0 0", flexWrap: "wrap" }}>
            <StatusBadge kind="item" status={scanned.expected.status} />
            <span>
              {scanned.expected.zoneCode
                ? t("scan.inZone", { zone: t("walk.where", { zone: zoneName(scanned.expected.zoneCode), code: scanned.expected.zoneCode }) })
                : t("scan.noZone")}
            </span>
          </p>
          {scanned.hint && (
            <p className="alert" data-tone="warn" style={{ margin: "8px 0 0" }} data-testid="walk-hint">
              {t(`scan.hint.${scanned.hint}`)}
            </p>
          )}
        </div>
      )}
      {marked && (
        <p className="badge" data-tone={marked === "correct" ? "ok" : "bad"} data-testid="walk-marked">
          {t("scan.markedAs", { result: t(`result.${marked}`) })}
        </p>
      )}
      {finding ? (
        <FindingForm result={finding} onSave={(photo, note) => mark(finding, photo, note)} onCancel={() => open(null)} />
      ) : (
        <div className="two-actions" role="group" aria-label={t("scan.shouldBe")}>
          {LABEL_RESULTS.map((r) => (
            <button
              key={r}
              type="button"
              className={r === "correct" ? "btn block" : "btn danger block"}
              aria-pressed={marked === r}
              style={{ minHeight: 64 }}
              onClick={() => (r === "correct" ? mark("correct") : open(r))}
              data-testid={`mark-${r}`}
            >
              {t(`result.${r}`)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
