"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { ZCategoryInput } from "@/domain/complaints/schemas";
import { StepError } from "../../_parts/step-error";
import type { TCategoryRow } from "../../_parts/types";

/** The complaint categories the quality department maintains: code, names, usual department, in use or not. */
export function CategoriesScreen({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("complaintsDesk.categories");
  const td = useTranslations("departments");
  const trpc = useTRPC();
  const list = useQuery(trpc.complaints.categories.queryOptions());
  const [editing, setEditing] = useState<TCategoryRow | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="stack" aria-labelledby="categories-title" data-testid="categories" style={{ marginTop: 18 }}>
      <h2 id="categories-title">{t("title")}</h2>
      {notice && (
        <div className="alert" data-tone="ok" role="status">
          {notice}
        </div>
      )}
      {editing !== null ? (
        <CategoryForm
          row={editing === "new" ? null : editing}
          onDone={(code) => {
            setEditing(null);
            setNotice(code === null ? null : t("saved", { code }));
          }}
        />
      ) : (
        canEdit && (
          <button type="button" className="btn secondary block" onClick={() => setEditing("new")} data-testid="category-add">
            {t("add")}
          </button>
        )
      )}
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={false} empty="" onRetry={() => void list.refetch()}>
        <ul className="list">
          {list.data?.map((c) => (
            <li key={c.code} data-testid={`category-${c.code}`}>
              <div className="title-row">
                <strong>
                  {c.nameZh} · {c.nameEn}
                </strong>
                <span className="badge" data-tone={c.active ? "ok" : "muted"}>
                  {c.active ? t("active") : t("inactive")}
                </span>
              </div>
              <p className="muted small" style={{ margin: "4px 0" }}>
                <span className="mono">{c.code}</span> · {td(c.department)}
              </p>
              {canEdit && editing === null && (
                <button type="button" className="btn secondary" onClick={() => setEditing(c)}>
                  {t("edit")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </QueryState>
    </section>
  );
}

function CategoryForm({ row, onDone }: { row: TCategoryRow | null; onDone: (code: string | null) => void }) {
  const t = useTranslations("complaintsDesk.categories");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [v, setV] = useState({
    code: row?.code ?? "",
    nameZh: row?.nameZh ?? "",
    nameEn: row?.nameEn ?? "",
    department: row?.department ?? "customer_service",
    active: row?.active ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.complaints.saveCategory.mutationOptions({
      onSuccess: ({ code }) => {
        void qc.invalidateQueries({ queryKey: trpc.complaints.categories.queryKey() });
        onDone(code);
      },
    }),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const parsed = ZCategoryInput.safeParse(v);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of parsed.error.issues) errs[String(i.path[0])] ??= i.message;
      setErrors(errs);
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };
  const text = (k: "code" | "nameZh" | "nameEn", max: number) => (
    <label className="field">
      <span>{t(k)}</span>
      <input
        className="input"
        value={v[k]}
        disabled={k === "code" && row !== null}
        onChange={(e) => setV({ ...v, [k]: e.target.value })}
        maxLength={max}
        data-testid={`category-${k}`}
      />
      {errors[k] && <p className="field-error">{tr(errors[k])}</p>}
    </label>
  );
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid="category-form">
      <StepError error={save.error} />
      {text("code", 40)}
      {text("nameZh", 40)}
      {text("nameEn", 60)}
      <label className="field">
        <span>{t("department")}</span>
        <select className="input" value={v.department} onChange={(e) => setV({ ...v, department: e.target.value as typeof v.department })}>
          {DEPARTMENTS.map((d) => (
            <option key={d} value={d}>
              {tr(`departments.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="scan-switch">
        <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} />
        {t("active")}
      </label>
      <div className="row">
        <button type="submit" className="btn grow" disabled={save.isPending} data-testid="category-save">
          {t("save")}
        </button>
        <button type="button" className="btn secondary" onClick={() => onDone(null)}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
