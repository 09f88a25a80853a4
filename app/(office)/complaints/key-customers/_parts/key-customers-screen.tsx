"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { ZKeyCustomerInput } from "@/domain/complaints/schemas";
import { StepError } from "../../_parts/step-error";
import type { TKeyCustomerRow } from "../../_parts/types";

/** The register: search by name, category or phone; add or edit (compare-and-set on the version). */
export function KeyCustomersScreen({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("complaintsDesk.keyCustomers");
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<TKeyCustomerRow | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({
    ...trpc.complaints.keyCustomers.queryOptions(search ? { search, includeInactive } : { includeInactive }),
    placeholderData: keepPreviousData,
  });
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setSearch(q.trim());
  };
  if (editing !== null)
    return (
      <KeyCustomerForm
        row={editing === "new" ? null : editing}
        onDone={(name) => {
          setEditing(null);
          setNotice(name === null ? null : t("saved", { name }));
        }}
      />
    );
  return (
    <div className="stack">
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      {canEdit && (
        <button type="button" className="btn block" onClick={() => setEditing("new")} data-testid="kc-add">
          {t("add")}
        </button>
      )}
      <section className="card stack">
        <form role="search" onSubmit={submit} className="row" style={{ alignItems: "stretch" }}>
          <label className="grow">
            <span className="sr-only">{t("search")}</span>
            <input
              className="input"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t("search")}
              maxLength={80}
              data-testid="kc-q"
            />
          </label>
          <button type="submit" className="btn secondary">
            {t("search")}
          </button>
        </form>
        <label className="scan-switch">
          <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
          {t("showInactive")}
        </label>
      </section>
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={list.data?.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <ul className="list" data-testid="kc-list">
          {list.data?.map((k) => (
            <li key={k.id} data-testid="kc-row" data-active={k.active}>
              <div className="title-row">
                <strong>{k.name}</strong>
                <span className="badge" data-tone={k.active ? "ok" : "muted"}>
                  {k.active ? t("active") : t("inactive")}
                </span>
              </div>
              <p className="muted small" style={{ margin: "4px 0" }}>
                {k.category}
                {k.address && ` · ${k.address}`}
              </p>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {k.contacts.map((c, i) => (
                  <li key={i}>
                    {c.name}{" "}
                    <a className="tap-link" href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}>
                      {c.phone}
                    </a>
                  </li>
                ))}
              </ul>
              {k.notes && <p className="event-note">{k.notes}</p>}
              {canEdit && (
                <button type="button" className="btn secondary" onClick={() => setEditing(k)} data-testid="kc-edit">
                  {t("edit")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </QueryState>
    </div>
  );
}

type Contact = { name: string; phone: string };

function KeyCustomerForm({ row, onDone }: { row: TKeyCustomerRow | null; onDone: (name: string | null) => void }) {
  const t = useTranslations("complaintsDesk.keyCustomers");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState(row?.name ?? "");
  const [category, setCategory] = useState(row?.category ?? "");
  const [address, setAddress] = useState(row?.address ?? "");
  const [contacts, setContacts] = useState<Contact[]>(row?.contacts ?? [{ name: "", phone: "" }]);
  const [notes, setNotes] = useState(row?.notes ?? "");
  const [active, setActive] = useState(row?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.complaints.saveKeyCustomer.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.complaints.keyCustomers.pathKey() });
        onDone(name);
      },
      onError: () => void qc.invalidateQueries({ queryKey: trpc.complaints.keyCustomers.pathKey() }),
    }),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const parsed = ZKeyCustomerInput.safeParse({ id: row?.id, version: row?.version, name, category, address, contacts, notes, active });
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of parsed.error.issues) errs[i.path.join(".")] ??= i.message;
      setErrors(errs);
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };
  const err = (k: string) =>
    errors[k] && (
      <p className="field-error" data-testid={`err-${k}`}>
        {tr(errors[k])}
      </p>
    );
  const setContact = (i: number, patch: Partial<Contact>) => setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid="kc-form">
      <h2 style={{ margin: 0 }}>{row ? row.name : t("add")}</h2>
      <StepError error={save.error} />
      <label className="field">
        <span>{t("name")}</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} data-testid="kc-name" />
        {err("name")}
      </label>
      <label className="field">
        <span>{t("category")}</span>
        <input
          className="input"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          placeholder={t("categoryPlaceholder")}
          maxLength={40}
          data-testid="kc-category"
        />
        {err("category")}
      </label>
      <label className="field">
        <span>{t("address")}</span>
        <input className="input" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={200} />
      </label>
      <fieldset className="choices">
        <legend>{t("contacts")}</legend>
        {err("contacts")}
        {contacts.map((c, i) => (
          <div key={i} className="stack" style={{ borderBottom: "1px solid var(--line)", paddingBottom: 8, marginBottom: 8 }}>
            <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
              <label className="field">
                <span className="small">{t("contactName")}</span>
                <input
                  className="input"
                  value={c.name}
                  onChange={(e) => setContact(i, { name: e.target.value })}
                  maxLength={60}
                  data-testid={`kc-contact-name-${i}`}
                />
                {err(`contacts.${i}.name`)}
              </label>
              <label className="field">
                <span className="small">{t("contactPhone")}</span>
                <input
                  className="input"
                  type="tel"
                  value={c.phone}
                  onChange={(e) => setContact(i, { phone: e.target.value })}
                  maxLength={80}
                  data-testid={`kc-contact-phone-${i}`}
                />
                {err(`contacts.${i}.phone`)}
              </label>
            </div>
            {contacts.length > 1 && (
              <button type="button" className="btn secondary" onClick={() => setContacts((cs) => cs.filter((_, j) => j !== i))}>
                {t("removeContact")}
              </button>
            )}
          </div>
        ))}
        {contacts.length < 10 && (
          <button
            type="button"
            className="btn secondary block"
            onClick={() => setContacts((cs) => [...cs, { name: "", phone: "" }])}
            data-testid="kc-add-contact"
          >
            {t("addContact")}
          </button>
        )}
      </fieldset>
      <label className="field">
        <span>{t("notes")}</span>
        <textarea className="input" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={1000} />
      </label>
      <label className="scan-switch">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} data-testid="kc-active" />
        {t("active")}
      </label>
      <div className="row">
        <button type="submit" className="btn grow" disabled={save.isPending} data-testid="kc-save">
          {t("save")}
        </button>
        <button type="button" className="btn secondary" onClick={() => onDone(null)}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
