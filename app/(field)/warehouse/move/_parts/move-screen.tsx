"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useHash } from "@/app/_ui/use-hash";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useSync } from "@/client/sync/provider";
import { moveItemView } from "@/client/warehouse/move-model";
import { STOCK_TAG_PATTERN } from "@/domain/items/tags";
import { materialName } from "../../receive/_parts/receive-lines";
import { ScanField } from "../../receive/_parts/scan-field";
import { usePeople } from "../../receive/_parts/use-people";
import { MoveForm } from "./move-form";

function TagMove({ tag }: { tag: string }) {
  const t = useTranslations("warehousePhone.move");
  const tu = useTranslations("warehouse.unit");
  const locale = useLocale();
  const view = useReadCache(`wh-move:${tag}`, (s, d) => moveItemView(s, d, tag));
  const zones = useReadCache("wh-zones-all", (s) => s.getAll("zones"));
  const people = usePeople();
  const [saved, setSaved] = useState<number | null>(null);
  const v = view.data;
  if (view.loading) return null;
  if (!v)
    return (
      <p className="alert" data-tone="warn" data-testid="move-unknown">
        {t("unknown", { code: tag })}
      </p>
    );
  const unit = v.material ? tu(v.material.unit) : "";
  return (
    <div className="stack">
      <section className="card" data-testid="move-item" data-tag={v.item.tagCode} data-status={v.status} data-on-hand={v.onHand}>
        <div className="title-row">
          <strong className="mono" style={{ fontSize: "1.2rem" }}>
            {v.item.tagCode}
          </strong>
          <StatusBadge kind="item" status={v.status} />
        </div>
        <p style={{ fontWeight: 800, margin: "4px 0" }}>{v.material ? materialName(v.material, locale) : v.item.name}</p>
        <p className="small" style={{ margin: 0 }} data-testid="move-on-hand">
          {t("onHand", { n: v.onHand, unit })} · <span className="mono">{v.item.zoneCode ?? ""}</span>
        </p>
        {v.queued.length > 0 && (
          <span className="pending-mark small" data-testid="move-queued" style={{ marginTop: 6 }}>
            <Icon name="upload" size={16} />
            {t("queued", { n: v.queued.length })}
          </span>
        )}
      </section>
      {saved !== null ? (
        <>
          <p className="alert" data-tone="ok" role="status" data-testid="move-saved">
            {t("saved", { n: saved })}
          </p>
          <a className="btn block big-action" href="#" onClick={() => window.scrollTo(0, 0)} data-testid="move-next">
            {t("another")}
          </a>
        </>
      ) : (
        <MoveForm view={v} people={people.list} zones={zones.data ?? []} onSaved={setSaved} />
      )}
    </div>
  );
}

/** /warehouse/move (#<tag>): scan a tag → the item from the phone's copy → issue or return, offline too. */
export function MoveScreen() {
  const t = useTranslations("warehousePhone.move");
  const { store } = useSync();
  const hash = useHash();
  if (hash === null) return null;
  const tag = STOCK_TAG_PATTERN.test(hash) ? hash : null;
  const open = async (code: string): Promise<string | null> => {
    if (!STOCK_TAG_PATTERN.test(code)) return t("notATag", { code });
    if (store && !(await store.getFromIndex("items", "byTag", code))) return t("unknown", { code });
    window.location.hash = code;
    return null;
  };
  return (
    <div className="stack" data-testid="move-screen">
      {tag ? <TagMove key={tag} tag={tag} /> : <ScanField label={t("tag")} help={t("tagHelp")} testId="move-tag" onCode={open} />}
    </div>
  );
}
