"use client";
import { ClerkCheck } from "@/app/_ui/clerk-check";
import { clerkCheckRequired } from "@/domain/work-orders/service-record";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from "react";
import { focusMissing } from "@/app/_ui/focus-missing";
import { useHash } from "@/app/_ui/use-hash";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useViewer } from "@/app/_ui/viewer";
import { defaultChannelFor, newComplaintId, queueRecordComplaint } from "@/client/complaints/queue";
import { prefillFromWorkOrder } from "@/client/complaints/read-model";
import type { PendingPhoto } from "@/client/photo/pending";
import { useSync } from "@/client/sync/provider";
import { COMPLAINT_CHANNELS, FIRST_ASKER_KINDS, type TComplaintChannel } from "@/domain/complaints/model";
import { ComplaintPhoto } from "./complaint-photo";
import { savedHash } from "./saved";

type TKind = (typeof FIRST_ASKER_KINDS)[number];

/** `wo` of the address: `#wo=<id>` (opens offline: one cached page serves every order) or `?wo=<id>`; null until read. */
function workOrderParam(hash: string | null): string | null {
  if (hash === null) return null;
  const id = new URLSearchParams(hash).get("wo") ?? new URLSearchParams(window.location.search).get("wo");
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

/**
 * The Customer Complaint/Inquiry Form on the phone (first-asker): reads and writes only this phone's storage, so it
 * works with no signal. Checked with the server's own schema before it is queued; the record's id is made once per
 * form, so a second tap or a retry never records it twice. Saved: on to the list, which says so.
 */
export function ComplaintForm() {
  const t = useTranslations("complaintsPhone.new");
  const tc = useTranslations("complaints");
  const tRoot = useTranslations();
  const router = useRouter();
  const viewer = useViewer();
  const { store, deviceId, ready, flush } = useSync();
  // made at the first save and kept for every retry of this form (a second tap, a failed save): never on the server's
  // render, whose id would differ from the browser's
  const idRef = useRef<string | null>(null);
  const [kind, setKind] = useState<TKind>("complaint");
  const [channel, setChannel] = useState<TComplaintChannel>(() => defaultChannelFor(viewer.role));
  const [centreRef, setCentreRef] = useState("");
  const [customerName, setCustomerName] = useState("");
  const [contact, setContact] = useState("");
  const [address, setAddress] = useState("");
  const [words, setWords] = useState("");
  const [photo, setPhoto] = useState<PendingPhoto | null>(null);
  const [answered, setAnswered] = useState(false);
  const [answer, setAnswer] = useState("");
  /** The counter clerk's self-check (营业员自检): customer service confirms it before the form is saved. */
  const [clerkCheck, setClerkCheck] = useState(false);
  const clerkNeeded = clerkCheckRequired(viewer.role);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<"checkFields" | "saveFailed" | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // pre-filled from the work order it was opened from (the customer's name, contact, address), once
  const woId = workOrderParam(useHash());
  const prefill = useReadCache(woId ? `complaint-prefill:${woId}` : null, (s) => prefillFromWorkOrder(s, woId ?? ""));
  const filled = useRef(false);
  useEffect(() => {
    const p = prefill.data;
    if (!p || filled.current) return;
    filled.current = true;
    setCustomerName((v) => v || p.customerName);
    setContact((v) => v || p.contact);
    setAddress((v) => v || p.address);
  }, [prefill.data]);

  const is180 = channel === "centre_180";
  const photoError = errors["photo.base64"] ?? errors["photo.mime"] ?? errors.photo ?? null;
  /** A field edited after a refusal loses its message (the banner goes with the last one). */
  const edited = (field: string) => {
    if (!(field in errors)) return;
    const rest = Object.fromEntries(Object.entries(errors).filter(([k]) => k !== field));
    setErrors(rest);
    if (Object.keys(rest).length === 0) setProblem(null);
  };
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!store || !deviceId || busy) return;
    setBusy(true);
    setProblem(null);
    const id = (idRef.current ??= newComplaintId());
    try {
      const r = await queueRecordComplaint(
        { store, userId: viewer.id, deviceId },
        {
          id,
          kind,
          channel,
          centreRef: is180 ? centreRef : undefined,
          customerName,
          contact,
          address,
          words,
          photo: photo ? { mime: photo.mime, base64: photo.base64 } : undefined,
          workOrderId: prefill.data?.workOrderId,
          answer: answered && !is180 ? answer : undefined,
          ...(clerkNeeded ? { clerkCheck } : {}),
        },
        clerkNeeded,
      );
      if (!r.ok) {
        setErrors(r.fields);
        setProblem("checkFields");
        setBusy(false);
        const first = Object.keys(r.fields)[0];
        requestAnimationFrame(() => focusMissing(formRef.current?.querySelector(`[data-field="${first}"]`)));
        return;
      }
      setErrors({});
      flush("queued");
      router.push(`/complaints#${savedHash({ id, again: r.again })}`);
    } catch {
      setProblem("saveFailed");
      setBusy(false);
    }
  };

  const err = (field: string): ReactNode => {
    const key = errors[field];
    if (!key) return null;
    return (
      <p className="field-error" role="alert" id={`err-${field}`} data-testid={`complaint-error-${field}`}>
        {tRoot.has(key) ? tRoot(key) : t("fieldInvalid")}
      </p>
    );
  };
  const invalid = (field: string) => (errors[field] ? { "aria-invalid": true as const, "aria-describedby": `err-${field}` } : {});

  return (
    <form ref={formRef} className="stack complaint-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="complaint-form">
      {prefill.data && (
        <p className="alert" data-tone="info" data-testid="complaint-from-wo">
          {t("forWorkOrder", { code: prefill.data.code })}
        </p>
      )}
      {problem && (
        <div className="alert" data-tone="bad" role="alert" data-testid="complaint-problem">
          {t(problem)}
        </div>
      )}
      <fieldset className="choices" data-field="kind">
        <legend>{t("kind")}</legend>
        <div className="choice-row" role="radiogroup" aria-label={t("kind")}>
          {FIRST_ASKER_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={kind === k}
              className="pick complaint-kind"
              onClick={() => setKind(k)}
              data-testid={`complaint-kind-${k}`}
            >
              {tc(`kind.${k}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="choices" data-field="channel">
        <legend>{t("channel")}</legend>
        {COMPLAINT_CHANNELS.map((c) => (
          <label key={c} className="choice">
            <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} data-testid={`complaint-channel-${c}`} />
            {tc(`channel.${c}`)}
          </label>
        ))}
      </fieldset>
      {is180 && (
        <label className="field">
          <span>{t("centreRef")}</span>
          <input
            className="input mono"
            value={centreRef}
            onChange={(e) => {
              setCentreRef(e.target.value);
              edited("centreRef");
            }}
            autoCapitalize="characters"
            autoComplete="off"
            maxLength={40}
            data-field="centreRef"
            data-testid="complaint-centre-ref"
            {...invalid("centreRef")}
          />
          {err("centreRef")}
        </label>
      )}
      <label className="field">
        <span>{t("customerName")}</span>
        <input
          className="input"
          value={customerName}
          onChange={(e) => {
            setCustomerName(e.target.value);
            edited("customerName");
          }}
          autoComplete="off"
          maxLength={120}
          data-field="customerName"
          data-testid="complaint-customer"
          {...invalid("customerName")}
        />
        {err("customerName")}
      </label>
      <label className="field">
        <span>{t("contact")}</span>
        <input
          className="input"
          type="tel"
          inputMode="tel"
          value={contact}
          onChange={(e) => {
            setContact(e.target.value);
            edited("contact");
          }}
          autoComplete="off"
          maxLength={80}
          data-field="contact"
          data-testid="complaint-contact"
          {...invalid("contact")}
        />
        {err("contact")}
      </label>
      <label className="field">
        <span>{t("address")}</span>
        <input
          className="input"
          value={address}
          onChange={(e) => {
            setAddress(e.target.value);
            edited("address");
          }}
          autoComplete="off"
          maxLength={200}
          data-field="address"
          data-testid="complaint-address"
          {...invalid("address")}
        />
        {err("address")}
      </label>
      <label className="field">
        <span>{t("words")}</span>
        <textarea
          className="input"
          rows={5}
          value={words}
          onChange={(e) => {
            setWords(e.target.value);
            edited("words");
          }}
          maxLength={2000}
          aria-describedby={errors.words ? "err-words" : "words-help"}
          aria-invalid={errors.words ? true : undefined}
          data-field="words"
          data-testid="complaint-words"
        />
        <small className="help" id="words-help" style={{ display: "block" }}>
          {t("wordsHelp")}
        </small>
        {err("words")}
      </label>
      <div data-field="photo">
        <ComplaintPhoto value={photo} onChange={setPhoto} error={photoError ? (tRoot.has(photoError) ? tRoot(photoError) : t("fieldInvalid")) : null} />
      </div>
      {is180 ? (
        <p className="help" data-testid="complaint-no-answer-180">
          {t("answerNotFor180")}
        </p>
      ) : (
        <div data-field="answer">
          <label className="scan-switch">
            <input type="checkbox" checked={answered} onChange={(e) => setAnswered(e.target.checked)} data-testid="complaint-answered" />
            {t("answered")}
          </label>
          <p className="help">{t("answeredHelp")}</p>
          {answered && (
            <label className="field">
              <span>{t("answer")}</span>
              <textarea
                className="input"
                rows={3}
                value={answer}
                onChange={(e) => {
                  setAnswer(e.target.value);
                  edited("answer");
                }}
                maxLength={1000}
                data-testid="complaint-answer"
                {...invalid("answer")}
              />
              {err("answer")}
            </label>
          )}
        </div>
      )}
      {clerkNeeded && (
        <div data-field="clerkCheck">
          <ClerkCheck
            checked={clerkCheck}
            onChange={(c) => {
              setClerkCheck(c);
              edited("clerkCheck");
            }}
            error={errors.clerkCheck}
          />
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={busy || !ready || !store} aria-busy={busy} data-testid="complaint-save">
          {busy ? t("saving") : ready ? t("save") : t("notReady")}
        </button>
        <button type="button" className="btn secondary block" onClick={() => router.back()} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
