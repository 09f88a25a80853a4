"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode, type SubmitEvent } from "react";
import { useTRPC } from "@/client/trpc";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import { COMPLAINT_CHANNELS } from "@/domain/complaints/model";
import { ZCreateServiceRequestInput } from "@/domain/complaints/schemas";
import { clerkCheckDecision } from "@/domain/work-orders/service-record";
import { ClerkCheck } from "@/app/_ui/clerk-check";
import { StepError } from "../../../_parts/step-error";

const SERVICE_TYPES = ["install", "move", "repair", "maintenance"] as const;

/** The key-customer service record: who, what service, how it reached us, the departments concerned (first responsible). */
export function ServiceRequestForm() {
  const t = useTranslations("complaintsDesk.serviceRequest");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const keyCustomers = useQuery(trpc.complaints.keyCustomers.queryOptions({}));
  const [v, setV] = useState({ keyCustomerId: "", serviceType: "repair", channel: "line_189", contact: "", address: "", words: "" });
  const [departments, setDepartments] = useState<TDepartment[]>(["terminal_service"]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** The counter clerk's self-check (营业员自检): required, the server stores who and when. */
  const [clerkCheck, setClerkCheck] = useState(false);
  const create = useMutation(
    trpc.complaints.createServiceRequest.mutationOptions({
      onSuccess: ({ id, code }) => {
        void qc.invalidateQueries({ queryKey: trpc.complaints.desk.pathKey() });
        router.push(`/complaints/desk/${id}?created=${code}`);
      },
    }),
  );
  const pick = (id: string) => {
    const k = keyCustomers.data?.find((x) => x.id === id);
    const c = k?.contacts[0];
    setV((x) => ({ ...x, keyCustomerId: id, contact: c ? `${c.name} ${c.phone}` : x.contact, address: k?.address ?? x.address }));
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const parsed = ZCreateServiceRequestInput.safeParse({ ...v, departments, clerkCheck });
    if (!parsed.success || clerkCheckDecision(clerkCheck).kind === "reject") {
      const errs: Record<string, string> = {};
      for (const i of parsed.success ? [] : parsed.error.issues) errs[String(i.path[0])] ??= i.message;
      if (!clerkCheck) errs.clerkCheck = "serviceRecord.validation.clerkCheck";
      setErrors(errs);
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  };
  const field = (name: string, label: string, control: ReactNode) => (
    <label className="field">
      <span>{label}</span>
      {control}
      {errors[name] && (
        <p className="field-error" data-testid={`err-${name}`}>
          {tr(errors[name])}
        </p>
      )}
    </label>
  );
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid="service-request-form">
      <StepError error={create.error} />
      {field(
        "keyCustomerId",
        t("keyCustomer"),
        <select className="input" value={v.keyCustomerId} onChange={(e) => pick(e.target.value)} data-testid="sr-key">
          <option value="" disabled>
            {t("pick")}
          </option>
          {keyCustomers.data?.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} · {k.category}
            </option>
          ))}
        </select>,
      )}
      {field(
        "serviceType",
        t("serviceType"),
        <select className="input" value={v.serviceType} onChange={(e) => setV({ ...v, serviceType: e.target.value })} data-testid="sr-type">
          {SERVICE_TYPES.map((s) => (
            <option key={s} value={s}>
              {tr(`complaints.requestType.${s}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        "channel",
        t("channel"),
        <select className="input" value={v.channel} onChange={(e) => setV({ ...v, channel: e.target.value })}>
          {COMPLAINT_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {tr(`complaints.channel.${c}`)}
            </option>
          ))}
        </select>,
      )}
      {field("contact", t("contact"), <input className="input" value={v.contact} onChange={(e) => setV({ ...v, contact: e.target.value })} maxLength={80} />)}
      {field("address", t("address"), <input className="input" value={v.address} onChange={(e) => setV({ ...v, address: e.target.value })} maxLength={200} />)}
      {field(
        "words",
        t("words"),
        <textarea className="input" value={v.words} onChange={(e) => setV({ ...v, words: e.target.value })} maxLength={2000} data-testid="sr-words" />,
      )}
      <fieldset className="choices">
        <legend>{t("departments")}</legend>
        {DEPARTMENTS.map((d) => (
          <label key={d} className="scan-switch">
            <input
              type="checkbox"
              checked={departments.includes(d)}
              onChange={(e) => setDepartments((ds) => (e.target.checked ? [...ds, d] : ds.filter((x) => x !== d)))}
            />
            {tr(`departments.${d}`)}
            {departments[0] === d && " ★"}
          </label>
        ))}
        {errors.departments && <p className="field-error">{tr(errors.departments)}</p>}
      </fieldset>
      <ClerkCheck checked={clerkCheck} onChange={setClerkCheck} error={errors.clerkCheck} />
      <button type="submit" className="btn block" disabled={create.isPending} data-testid="sr-submit">
        {t("submit")}
      </button>
    </form>
  );
}
