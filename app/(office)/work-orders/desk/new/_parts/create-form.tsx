"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent, type ReactNode } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { ClerkCheck } from "@/app/_ui/clerk-check";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { clerkCheckDecision } from "@/domain/work-orders/service-record";
import { fromOperatorLocal, operatorDay } from "@/domain/work-orders/desk";
import { mayLinkCase } from "@/domain/work-orders/property-link";
import { ZCreateWorkOrderInput } from "@/domain/work-orders/schemas";
import { WORK_ORDER_KINDS, type TWorkOrderKind } from "@/domain/work-orders/status";
import { CasePicker } from "./case-picker";

interface Values {
  kind: TWorkOrderKind;
  customerName: string;
  address: string;
  contact: string;
  service: string;
  scheduledFor: string;
  keyCustomer: boolean;
  /** As typed in the datetime field, China Standard Time. */
  dueAtLocal: string;
  notes: string;
  assigneeId: string;
  /** The counter clerk's self-check (营业员自检). */
  clerkCheck: boolean;
  /** The PBX application or works case an install or move order connects (ADR 0039 §6); "" for none. */
  propertyCaseId: string;
}

/** The installation work order form (装机工单); checked with the procedure's own schema before it is sent. */
export function CreateForm() {
  const t = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const linemen = useQuery(trpc.workOrders.linemen.queryOptions());
  const [v, setV] = useState<Values>({
    kind: "install",
    customerName: "",
    address: "",
    contact: "",
    service: "",
    scheduledFor: operatorDay(new Date()),
    keyCustomer: false,
    dueAtLocal: "",
    notes: "",
    assigneeId: "",
    clerkCheck: false,
    propertyCaseId: "",
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.workOrders.create.mutationOptions({
      onSuccess: (wo) => {
        void qc.invalidateQueries({ queryKey: trpc.workOrders.desk.pathKey() });
        void qc.invalidateQueries({ queryKey: trpc.workOrders.linemen.queryKey() });
        router.push(`/work-orders/desk/${wo.id}?created=${encodeURIComponent(wo.code)}`);
      },
    }),
  );
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  const fe = { ...fieldErrors(create.error), ...local };

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const input = {
      kind: v.kind,
      customerName: v.customerName,
      address: v.address,
      contact: v.contact,
      service: v.service,
      scheduledFor: v.scheduledFor,
      keyCustomer: v.keyCustomer,
      dueAt: v.keyCustomer && v.dueAtLocal ? (fromOperatorLocal(v.dueAtLocal) ?? new Date(Number.NaN)) : null,
      notes: v.notes,
      assigneeId: v.assigneeId || null,
      clerkCheck: v.clerkCheck,
      propertyCaseId: mayLinkCase(v.kind) && v.propertyCaseId ? v.propertyCaseId : null,
    };
    const parsed = ZCreateWorkOrderInput.safeParse(input);
    // the clerk's self-check is required (the server refuses without it): said with the fields, not after a round trip
    const unchecked: Record<string, string> =
      clerkCheckDecision(input.clerkCheck).kind === "reject" ? { clerkCheck: "serviceRecord.validation.clerkCheck" } : {};
    if (!parsed.success || !v.clerkCheck) {
      setLocal({ ...(parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]))), ...unchecked });
      return;
    }
    setLocal({});
    create.mutate(input);
  };

  const field = (name: keyof Values, label: string, control: ReactNode, help?: string) => (
    <label className="field">
      <span>{label}</span>
      {control}
      {help && <p className="help">{help}</p>}
      {fe[name === "dueAtLocal" ? "dueAt" : name] && (
        <p className="field-error" id={`err-${name}`} data-testid={`err-${name}`}>
          {t(fe[name === "dueAtLocal" ? "dueAt" : name] as Parameters<typeof t>[0])}
        </p>
      )}
    </label>
  );
  const invalid = (name: string) => Boolean(fe[name]);

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="create-form">
      <ErrorText error={create.error} />
      <fieldset className="choices">
        <legend>{t("desk.form.kind")}</legend>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
          {WORK_ORDER_KINDS.map((k) => (
            <label key={k} className="choice" style={{ marginBottom: 0 }}>
              <input type="radio" name="kind" value={k} checked={v.kind === k} onChange={() => set("kind", k)} />
              {t(`workOrderKind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {field(
        "customerName",
        t("desk.form.customerName"),
        <input
          className="input"
          name="customerName"
          value={v.customerName}
          onChange={(e) => set("customerName", e.target.value)}
          aria-invalid={invalid("customerName")}
          maxLength={120}
          autoComplete="off"
        />,
      )}
      {field(
        "address",
        t("desk.form.address"),
        <input
          className="input"
          name="address"
          value={v.address}
          onChange={(e) => set("address", e.target.value)}
          aria-invalid={invalid("address")}
          maxLength={200}
          autoComplete="off"
        />,
      )}
      {field(
        "contact",
        t("desk.form.contact"),
        <input
          className="input"
          name="contact"
          type="tel"
          inputMode="tel"
          value={v.contact}
          onChange={(e) => set("contact", e.target.value)}
          aria-invalid={invalid("contact")}
          maxLength={80}
          autoComplete="off"
        />,
        t("desk.form.contactHelp"),
      )}
      {field(
        "service",
        t("desk.form.service"),
        <input
          className="input"
          name="service"
          value={v.service}
          onChange={(e) => set("service", e.target.value)}
          aria-invalid={invalid("service")}
          maxLength={120}
          placeholder={t("desk.form.servicePlaceholder")}
        />,
      )}
      {field(
        "scheduledFor",
        t("desk.form.scheduledFor"),
        <input
          className="input"
          name="scheduledFor"
          type="date"
          value={v.scheduledFor}
          onChange={(e) => set("scheduledFor", e.target.value)}
          aria-invalid={invalid("scheduledFor")}
        />,
      )}
      <label className="choice">
        <input type="checkbox" name="keyCustomer" checked={v.keyCustomer} onChange={(e) => set("keyCustomer", e.target.checked)} data-testid="create-key" />
        {t("desk.form.keyCustomer")}
      </label>
      {v.keyCustomer &&
        field(
          "dueAtLocal",
          t("desk.form.dueAt"),
          <input
            className="input"
            name="dueAt"
            type="datetime-local"
            value={v.dueAtLocal}
            onChange={(e) => set("dueAtLocal", e.target.value)}
            aria-invalid={invalid("dueAt")}
          />,
          t("desk.form.keyCustomerHelp"),
        )}
      {field(
        "assigneeId",
        t("desk.form.assignee"),
        <select
          className="input"
          name="assigneeId"
          value={v.assigneeId}
          onChange={(e) => set("assigneeId", e.target.value)}
          aria-invalid={invalid("assigneeId")}
          data-testid="create-assignee"
        >
          <option value="">{t("desk.form.assignLater")}</option>
          {linemen.data?.map((l) => (
            <option key={l.id} value={l.id}>
              {t("desk.form.linemanOption", { name: l.displayName, open: l.openOrders })}
            </option>
          ))}
        </select>,
      )}
      {mayLinkCase(v.kind) && (
        <CasePicker contact={v.contact} value={v.propertyCaseId} onChange={(id) => set("propertyCaseId", id)} error={fe.propertyCaseId} />
      )}
      {field(
        "notes",
        t("desk.form.notes"),
        <textarea
          className="input"
          name="notes"
          value={v.notes}
          onChange={(e) => set("notes", e.target.value)}
          aria-invalid={invalid("notes")}
          maxLength={1000}
        />,
      )}
      <ClerkCheck checked={v.clerkCheck} onChange={(c) => set("clerkCheck", c)} error={fe.clerkCheck} />
      <div className="form-actions">
        <button type="submit" className="btn block" disabled={create.isPending} data-testid="create-save">
          {create.isPending ? t("desk.form.saving") : t("desk.form.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={() => router.push("/work-orders/desk")}>
          {t("desk.form.cancel")}
        </button>
      </div>
    </form>
  );
}
