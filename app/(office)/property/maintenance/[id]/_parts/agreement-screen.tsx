"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { z } from "zod";
import { ErrorText } from "@/app/_ui/error-text";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { Field, MAINTENANCE_TONE, StepError, TextArea, useDay, useDropRecorded, useWhen, type Errors } from "../../../_parts/kit";
import type { TMaintenanceDetail } from "../../../_parts/types";

/**
 * The agreement as recorded, its PDF, and (for customer service) ending it early with the reason. Recorded from a
 * work order (`wo`, kept once the "recorded" parameters are dropped from the address), it leads back to that order.
 */
export function AgreementScreen({ id }: { id: string }) {
  const t = useTranslations("propertyOffice.maintenance");
  const tp = useTranslations("property");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const params = useSearchParams();
  const recorded = params.get("recorded") === "1";
  const [fromOrder] = useState(() => z.uuid().safeParse(params.get("wo")).data ?? null);
  const [ending, setEnding] = useState(false);
  const [notice, setNotice] = useState<string | null>(() => (recorded ? t("recorded") : null));
  useDropRecorded(recorded);
  const q = useQuery(trpc.maintenance.get.queryOptions({ id }));
  const day = useDay();
  const when = useWhen();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.maintenance.get.queryKey({ id }) });
    void qc.invalidateQueries({ queryKey: trpc.maintenance.list.pathKey() });
  };
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (q.isError) return <ErrorText error={q.error} />;
  const a = q.data;
  return (
    <div className="stack" data-testid="agreement-detail" data-status={a.status} data-code={a.code}>
      <section className="card stack" aria-labelledby="agreement-title">
        <p className="muted small" style={{ margin: 0 }}>
          {tp("forms.maintenance")}
        </p>
        <div className="title-row" style={{ flexWrap: "wrap" }}>
          <h1 id="agreement-title" className="mono" style={{ margin: 0 }}>
            {a.code}
          </h1>
          <span className="badge" data-tone={MAINTENANCE_TONE[a.status]} data-testid="agreement-status">
            {tp(`maintenanceStatus.${a.status}`)}
          </span>
        </div>
        {a.inForce && a.daysLeft !== null && <strong>{t("daysLeft", { days: a.daysLeft })}</strong>}
        <dl className="scan-fields" style={{ gridTemplateColumns: "minmax(6em, 35%) minmax(0, 1fr)", margin: 0 }}>
          <dt>{t("form.fields.customerName")}</dt>
          <dd>{a.customerName}</dd>
          <dt>{t("form.fields.customerPhone")}</dt>
          <dd>{a.customerPhone}</dd>
          <dt>{t("form.fields.customerAddress")}</dt>
          <dd>{a.customerAddress}</dd>
          <dt>{t("form.fields.appliedOn")}</dt>
          <dd>{day(a.appliedOn)}</dd>
          <dt>{t("periodLabel")}</dt>
          <dd>{t("period", { from: day(a.startsOn), to: day(a.endsOn) })}</dd>
          <dt>{t("form.fields.offeredBy")}</dt>
          <dd>{a.offeredByName ?? "—"}</dd>
          <dt>{t("recordedBy")}</dt>
          <dd>
            {a.createdByName} · {when(a.createdAt)}
          </dd>
          {a.endReason && (
            <>
              <dt>{t("endReason")}</dt>
              <dd data-testid="end-reason">{a.endReason}</dd>
            </>
          )}
        </dl>
        <div>
          <p className="field-label" style={{ margin: 0 }}>
            {t("form.fields.equipment")}
          </p>
          <ul style={{ margin: "4px 0", paddingLeft: 18 }} data-testid="agreement-equipment">
            {a.equipment.map((e, n) => (
              <li key={n}>{e}</li>
            ))}
          </ul>
        </div>
        <div>
          <p className="field-label" style={{ margin: 0 }}>
            {t("form.fields.terms")}
          </p>
          <p style={{ whiteSpace: "pre-wrap", margin: "4px 0" }}>{a.terms}</p>
        </div>
        {a.signatureSha256 && (
          <img
            src={`/api/evidence/${a.signatureSha256}`}
            alt={t("form.signature")}
            style={{
              display: "block",
              width: "100%",
              maxWidth: 320,
              height: 80,
              objectFit: "contain",
              background: "#fff",
              border: "1px solid var(--line)",
              borderRadius: 8,
            }}
          />
        )}
      </section>
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      {a.mayEnd && !ending && (
        <button type="button" className="btn secondary block" onClick={() => setEnding(true)} data-testid="open-end">
          {t("end.open")}
        </button>
      )}
      {a.mayEnd && ending && (
        <EndForm
          a={a}
          onDone={() => {
            setEnding(false);
            setNotice(t("end.done"));
            refresh();
          }}
          onConflict={refresh}
          onBack={() => setEnding(false)}
        />
      )}
      <a className="btn secondary block" href={`/api/property/maintenance/${a.id}/pdf`} target="_blank" rel="noreferrer" data-testid="agreement-pdf">
        {t("pdf")}
      </a>
      {fromOrder && (
        <Link className="btn block" href={`/work-orders#${fromOrder}`} prefetch={false} data-testid="back-to-work-order">
          {t("form.backToWorkOrder")}
        </Link>
      )}
      <Link className="btn secondary block" href="/property/maintenance" data-testid="back-to-maintenance">
        {t("back")}
      </Link>
    </div>
  );
}

function EndForm({ a, onDone, onConflict, onBack }: { a: TMaintenanceDetail; onDone: () => void; onConflict: () => void; onBack: () => void }) {
  const t = useTranslations("propertyOffice.maintenance.end");
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const end = useMutation(
    trpc.maintenance.end.mutationOptions({
      onSuccess: onDone,
      onError: (e) => {
        setErrors(fieldErrors(e));
        onConflict();
      },
    }),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (reason.trim() === "") {
      setErrors({ reason: "validation.required" });
      return;
    }
    setErrors({});
    end.mutate({ id: a.id, version: a.version, reason: reason.trim() });
  };
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid="form-end">
      <h2 style={{ margin: 0 }}>{t("title", { code: a.code })}</h2>
      <p className="help" style={{ margin: 0 }}>
        {t("help")}
      </p>
      <StepError error={end.error} />
      <Field label={t("reason")} name="reason" error={errors.reason}>
        <TextArea name="reason" value={reason} onChange={setReason} />
      </Field>
      <button type="submit" className="btn block danger" disabled={end.isPending} data-testid="submit-end">
        {t("submit")}
      </button>
      <button type="button" className="btn secondary block" onClick={onBack} data-testid="end-back">
        {t("back")}
      </button>
    </form>
  );
}
