"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useViewer } from "@/app/_ui/viewer";
import { useTRPC } from "@/client/trpc";
import { CASE_KINDS, isOrganiser, type TCaseKind } from "@/domain/property/model";
import { StepError } from "../../_parts/kit";
import type { TItem } from "../../_parts/types";
import { ItemForm } from "./item-form";

const NEW = "new";

/** One list at a time (PBX checklist / works acceptance items), grouped by clause group; its keepers add and edit. */
export function ItemsScreen() {
  const t = useTranslations("propertyOffice.items");
  const tp = useTranslations("property");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const viewer = useViewer();
  const zh = useLocale().startsWith("zh");
  const kind: TCaseKind = useSearchParams().get("kind") === "works" ? "works" : "pbx";
  // an item's id, or NEW for the add form
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const list = useQuery(trpc.property.items.queryOptions({ kind }));
  const keeps = isOrganiser(viewer, kind);
  const items = list.data ?? [];
  const groups = [...new Set(items.map((i) => i.group))];
  const done = (text: string) => {
    setEditing(null);
    setSaved(text);
    void qc.invalidateQueries({ queryKey: trpc.property.items.queryKey({ kind }) });
  };
  return (
    <div className="stack">
      <div className="seg" role="group" aria-label={t("which")} style={{ display: "flex", flexWrap: "wrap" }}>
        {CASE_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={kind === k}
            onClick={() => {
              setEditing(null);
              setSaved(null);
              router.replace(`${pathname}?kind=${k}`, { scroll: false });
            }}
            style={{ flex: "1 0 auto" }}
            data-testid={`items-${k}`}
          >
            {t(`list.${k}`)}
          </button>
        ))}
      </div>
      <p className="help" style={{ margin: 0 }} data-testid="items-keeper">
        {tp(`forms.${kind}`)} · {t(`keptBy.${kind}`)}
      </p>
      {saved && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {saved}
        </div>
      )}
      {keeps && editing === null && (
        <button type="button" className="btn block" onClick={() => setEditing(NEW)} data-testid="item-add">
          {t("add")}
        </button>
      )}
      {keeps && editing === NEW && <ItemForm kind={kind} groups={groups} onDone={() => done(t("added"))} onBack={() => setEditing(null)} />}
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={items.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        {groups.map((g) => (
          <section key={g} aria-label={g}>
            <h2 style={{ fontSize: "1.05rem", margin: "8px 0" }}>{g}</h2>
            <ul className="list" data-testid="items">
              {items
                .filter((i) => i.group === g)
                .map((i) =>
                  editing === i.id ? (
                    <li key={i.id}>
                      <ItemForm kind={kind} groups={groups} item={i} onDone={() => done(t("saved"))} onBack={() => setEditing(null)} />
                    </li>
                  ) : (
                    <ItemRow
                      key={i.id}
                      i={i}
                      zh={zh}
                      onEdit={keeps && editing === null ? () => setEditing(i.id) : null}
                      onToggled={() => done(t(i.active ? "deactivated" : "reactivated", { clause: i.clause }))}
                    />
                  ),
                )}
            </ul>
          </section>
        ))}
      </QueryState>
    </div>
  );
}

function ItemRow({ i, zh, onEdit, onToggled }: { i: TItem; zh: boolean; onEdit: (() => void) | null; onToggled: () => void }) {
  const t = useTranslations("propertyOffice.items");
  const trpc = useTRPC();
  const toggle = useMutation(trpc.property.saveItem.mutationOptions({ onSuccess: onToggled }));
  return (
    <li data-testid={`item-${i.clause}`} data-active={i.active} style={i.active ? undefined : { opacity: 0.7 }}>
      <div className="title-row" style={{ alignItems: "flex-start" }}>
        <span className="mono small">{i.clause}</span>
        {!i.active && (
          <span className="badge" data-tone="muted">
            {t("inactive")}
          </span>
        )}
      </div>
      <p style={{ margin: "4px 0" }}>{zh ? i.textZh : i.textEn || i.textZh}</p>
      {!zh && i.textEn && (
        <p className="muted small" style={{ margin: 0 }}>
          {i.textZh}
        </p>
      )}
      {zh && i.textEn && (
        <p className="muted small" style={{ margin: 0 }}>
          {i.textEn}
        </p>
      )}
      {i.unit && (
        <p className="small" style={{ margin: "4px 0 0" }}>
          {t("measured", { unit: i.unit })}
        </p>
      )}
      <StepError error={toggle.error} />
      {onEdit && (
        <div className="row" style={{ marginTop: 8, flexWrap: "wrap" }}>
          <button type="button" className="btn secondary" onClick={onEdit} data-testid="item-edit">
            {t("edit")}
          </button>
          <button
            type="button"
            className="btn secondary"
            disabled={toggle.isPending}
            onClick={() =>
              toggle.mutate({
                id: i.id,
                kind: i.kind,
                clause: i.clause,
                group: i.group,
                textZh: i.textZh,
                textEn: i.textEn,
                unit: i.unit,
                active: !i.active,
                sort: i.sort,
              })
            }
            data-testid={i.active ? "item-deactivate" : "item-reactivate"}
          >
            {t(i.active ? "deactivate" : "reactivate")}
          </button>
        </div>
      )}
    </li>
  );
}
