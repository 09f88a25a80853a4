"use client";
import { useTranslations } from "next-intl";
import { forwardRef, useState } from "react";
import { queueServiceRecord, type TQueueProblem } from "@/client/work-orders/enqueue";
import type { ServiceRecordView, WorkOrderView } from "@/client/work-orders/read-model";
import { MAX_SERVICE_PARTS, needsServiceRecord, SERVICE_COMPLETIONS, type TServiceCompletion } from "@/domain/work-orders/service-record";
import { canStartSelfCheck } from "@/domain/work-orders/status";
import { ProblemText } from "@/app/_ui/work-orders/problem-text";
import { ServiceRecordFacts } from "@/app/_ui/work-orders/service-record-facts";
import { useQueue } from "@/app/_ui/work-orders/use-queue";

interface PartDraft {
  key: number;
  name: string;
  quantity: string;
}

/**
 * The data-terminal service record (服务记录表) of a terminal-maintenance order, on the lineman's screen: what the
 * customer asked for, what was done, the parts, and the completion column (完成情况). Saved to the outbox (offline);
 * changeable until the self-check, then the customer sees it before signing. Required before the hand-over.
 */
export const ServiceRecordSection = forwardRef<HTMLElement, { view: WorkOrderView }>(function ServiceRecordSection({ view }, ref) {
  const t = useTranslations("serviceRecord");
  const editable = canStartSelfCheck(view.status);
  const [editing, setEditing] = useState(false);
  if (!needsServiceRecord(view.workOrder.kind)) return null;
  const record = view.serviceRecord;
  const showForm = editable && (record === null || editing);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="card service-record"
      aria-labelledby="service-record-title"
      data-testid="service-record"
      data-state={record ? (record.pending ? "queued" : "synced") : "none"}
    >
      <h2 id="service-record-title">{t("title")}</h2>
      {showForm ? (
        <RecordForm view={view} record={record} onSaved={() => setEditing(false)} />
      ) : record ? (
        <>
          <ServiceRecordFacts record={record} />
          <p className="muted small" data-testid="service-record-state">
            {record.pending ? t("queued") : t("synced")}
          </p>
          {editable && (
            <button type="button" className="btn secondary block" onClick={() => setEditing(true)} data-testid="service-record-edit">
              {t("edit")}
            </button>
          )}
        </>
      ) : (
        <p className="muted">{t("fillFirst")}</p>
      )}
    </section>
  );
});

let nextKey = 1;
const draftOf = (record: ServiceRecordView | null): PartDraft[] =>
  (record?.parts ?? []).map((p) => ({ key: nextKey++, name: p.name, quantity: String(p.quantity) }));

function RecordForm({ view, record, onSaved }: { view: WorkOrderView; record: ServiceRecordView | null; onSaved: () => void }) {
  const t = useTranslations("serviceRecord");
  const tAll = useTranslations();
  const q = useQueue();
  const [requested, setRequested] = useState(record?.requested ?? view.workOrder.service ?? "");
  const [done, setDone] = useState(record?.done ?? "");
  const [parts, setParts] = useState<PartDraft[]>(() => draftOf(record));
  const [completion, setCompletion] = useState<TServiceCompletion | null>(record?.completion ?? null);
  const [problem, setProblem] = useState<TQueueProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = problem?.kind === "invalid" ? problem.fields : {};
  /** A field edited after a refusal loses its message (the banner goes with the last one). */
  const edited = (path: string) =>
    setProblem((p) => {
      if (p?.kind !== "invalid" || !(path in p.fields)) return p;
      const rest = Object.fromEntries(Object.entries(p.fields).filter(([k]) => k !== path));
      return Object.keys(rest).length === 0 ? null : { kind: "invalid", fields: rest };
    });
  const err = (path: string) =>
    fields[path] ? (
      <p className="field-error" data-testid={`sr-error-${path}`}>
        {tAll.has(fields[path]) ? tAll(fields[path]) : tAll("workOrders.checkFields")}
      </p>
    ) : null;

  const save = async () => {
    if (!q) return;
    setBusy(true);
    const r = await queueServiceRecord(q.ctx, view, {
      requested,
      done,
      parts: parts.map((p) => ({ name: p.name, quantity: p.quantity.trim() === "" ? Number.NaN : Number(p.quantity) })),
      completion,
    });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    q.kick();
    onSaved();
  };

  return (
    <div className="stack" data-testid="service-record-form">
      <p className="help">{t("help")}</p>
      <label className="field">
        <span>{t("field.requested")}</span>
        <textarea
          className="input"
          value={requested}
          onChange={(e) => {
            setRequested(e.target.value);
            edited("requested");
          }}
          data-testid="sr-requested-input"
          aria-invalid={fields.requested !== undefined}
        />
        {err("requested")}
      </label>
      <label className="field">
        <span>{t("field.done")}</span>
        <textarea
          className="input"
          value={done}
          onChange={(e) => {
            setDone(e.target.value);
            edited("done");
          }}
          data-testid="sr-done-input"
          aria-invalid={fields.done !== undefined}
        />
        {err("done")}
      </label>
      <fieldset className="choices">
        <legend>{t("field.parts")}</legend>
        {parts.length === 0 && <p className="muted">{t("noParts")}</p>}
        {parts.map((p, i) => (
          <div key={p.key} className="row part-row" data-testid={`sr-part-${i}`}>
            <label className="field" style={{ flex: "1 1 auto" }}>
              <span>{t("partName")}</span>
              <input
                className="input"
                value={p.name}
                onChange={(e) => {
                  setParts((all) => all.map((x) => (x.key === p.key ? { ...x, name: e.target.value } : x)));
                  edited(`parts.${i}.name`);
                }}
                data-testid={`sr-part-name-${i}`}
                aria-invalid={fields[`parts.${i}.name`] !== undefined}
              />
              {err(`parts.${i}.name`)}
            </label>
            <label className="field" style={{ flex: "0 0 6.5em" }}>
              <span>{t("partQuantity")}</span>
              <input
                className="input"
                inputMode="numeric"
                value={p.quantity}
                onChange={(e) => {
                  setParts((all) => all.map((x) => (x.key === p.key ? { ...x, quantity: e.target.value } : x)));
                  edited(`parts.${i}.quantity`);
                }}
                data-testid={`sr-part-qty-${i}`}
                aria-invalid={fields[`parts.${i}.quantity`] !== undefined}
              />
              {err(`parts.${i}.quantity`)}
            </label>
            <button
              type="button"
              className="btn secondary"
              aria-label={t("removePart", { n: i + 1 })}
              onClick={() => setParts((all) => all.filter((x) => x.key !== p.key))}
              data-testid={`sr-part-remove-${i}`}
            >
              ✕
            </button>
          </div>
        ))}
        {parts.length < MAX_SERVICE_PARTS && (
          <button
            type="button"
            className="btn secondary block"
            onClick={() => setParts((all) => [...all, { key: nextKey++, name: "", quantity: "1" }])}
            data-testid="sr-add-part"
          >
            {t("addPart")}
          </button>
        )}
      </fieldset>
      <fieldset className="choices" aria-invalid={fields.completion !== undefined}>
        <legend>{t("field.completion")}</legend>
        {SERVICE_COMPLETIONS.map((c) => (
          <label key={c} className="choice" data-testid={`sr-completion-${c}`}>
            <input
              type="radio"
              name="sr-completion"
              checked={completion === c}
              onChange={() => {
                setCompletion(c);
                edited("completion");
              }}
            />
            <span>{t(`completion.${c}`)}</span>
          </label>
        ))}
        {err("completion")}
      </fieldset>
      <ProblemText problem={problem} testId="service-record-problem" />
      <button type="button" className="btn block" onClick={() => void save()} disabled={busy || !q} data-testid="sr-save">
        {t("save")}
      </button>
    </div>
  );
}
