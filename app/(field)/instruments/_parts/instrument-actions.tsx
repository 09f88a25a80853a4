"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/app/_ui/icons";
import type { TTone } from "@/app/_ui/status-badge";
import type { InstrumentView } from "@/client/instruments/read-model";
import type { TInstrumentAction } from "@/domain/instruments/actions";

// The forms (and signature_pad with them) load when an action is tapped: the page's first load stays small. Their
// chunks are precached by the service worker, so they open with no signal too.
const loading = () => (
  <p className="muted" aria-busy="true">
    …
  </p>
);
const BorrowForm = dynamic(() => import("./borrow-form").then((m) => m.BorrowForm), { loading });
const CareForm = dynamic(() => import("./care-form").then((m) => m.CareForm), { loading });
const FaultForm = dynamic(() => import("./fault-form").then((m) => m.FaultForm), { loading });
const HandOverAnswer = dynamic(() => import("./handover-answer").then((m) => m.HandOverAnswer), { loading });
const HandOverForm = dynamic(() => import("./handover-form").then((m) => m.HandOverForm), { loading });
const ReturnForm = dynamic(() => import("./return-form").then((m) => m.ReturnForm), { loading });
// the custodian's steps at Technology Development and a borrower's withdrawal (issue 16)
const IssueForm = dynamic(() => import("./issue-form").then((m) => m.IssueForm), { loading });
const ConfirmReturnForm = dynamic(() => import("./confirm-return-form").then((m) => m.ConfirmReturnForm), { loading });
const ConfirmHandOverForm = dynamic(() => import("./confirm-handover-form").then((m) => m.ConfirmHandOverForm), { loading });
const CancelRequestForm = dynamic(() => import("./cancel-request-form").then((m) => m.CancelRequestForm), { loading });
const ProposeScrapForm = dynamic(() => import("@/app/_ui/instruments/propose-scrap").then((m) => m.ProposeScrapForm), { loading });

/** Actions done here, on the phone (offline through the outbox but proposing scrapping), in the order a scan offers them. */
const FIELD_ACTIONS = [
  "issue",
  "confirm_return",
  "confirm_handover",
  "borrow_short",
  "request_long",
  "cancel_request",
  "return",
  "accept_handover",
  "decline_handover",
  "hand_over",
  "cancel_handover",
  "report_fault",
  "record_care",
  "propose_scrap",
] as const;
type TFieldAction = (typeof FIELD_ACTIONS)[number];
/** The custodian's desk actions: on the office register, online. */
const DESK_ACTIONS: readonly TInstrumentAction[] = ["record_calibration", "send_to_repair", "complete_repair", "request_scrap", "edit"];

const TONE: Record<TFieldAction, TTone> = {
  issue: "ok",
  confirm_return: "ok",
  confirm_handover: "ok",
  cancel_request: "muted",
  propose_scrap: "bad",
  borrow_short: "ok",
  request_long: "info",
  return: "ok",
  accept_handover: "ok",
  decline_handover: "bad",
  hand_over: "info",
  cancel_handover: "muted",
  report_fault: "bad",
  record_care: "info",
};

export type TSavedWhat = TFieldAction;

/** Only the actions allowed now for this user, as big buttons; a tap opens the action's short form. */
export function InstrumentActions({ view, onStart, onSaved }: { view: InstrumentView; onStart: () => void; onSaved: (what: TSavedWhat) => void }) {
  const t = useTranslations("instrumentsUi");
  const [open, setOpen] = useState<TFieldAction | null>(null);
  const actions = FIELD_ACTIONS.filter((a) => view.actions.includes(a));
  const desk = view.actions.some((a) => DESK_ACTIONS.includes(a));
  const done = (what: TFieldAction) => {
    setOpen(null);
    onSaved(what);
  };
  const cancel = () => setOpen(null);
  if (open && actions.includes(open)) {
    switch (open) {
      case "borrow_short":
      case "request_long":
        return <BorrowForm view={view} term={open === "borrow_short" ? "short" : "long"} onCancel={cancel} onSaved={() => done(open)} />;
      case "return":
        return <ReturnForm view={view} onCancel={cancel} onSaved={() => done("return")} />;
      case "hand_over":
        return <HandOverForm view={view} onCancel={cancel} onSaved={() => done("hand_over")} />;
      case "accept_handover":
      case "decline_handover":
      case "cancel_handover":
        return (
          <HandOverAnswer
            view={view}
            as={open === "accept_handover" ? "accept" : open === "decline_handover" ? "decline" : "cancel"}
            onCancel={cancel}
            onSaved={() => done(open)}
          />
        );
      case "report_fault":
        return <FaultForm view={view} onCancel={cancel} onSaved={() => done("report_fault")} />;
      case "record_care":
        return <CareForm view={view} onCancel={cancel} onSaved={() => done("record_care")} />;
      case "issue":
        return <IssueForm view={view} onCancel={cancel} onSaved={() => done("issue")} />;
      case "confirm_return":
        return <ConfirmReturnForm view={view} onCancel={cancel} onSaved={() => done("confirm_return")} />;
      case "confirm_handover":
        return <ConfirmHandOverForm view={view} onCancel={cancel} onSaved={() => done("confirm_handover")} />;
      case "cancel_request":
        return <CancelRequestForm view={view} onCancel={cancel} onSaved={() => done("cancel_request")} />;
      case "propose_scrap":
        return <ProposeScrapForm instrumentId={view.row.id} onCancel={cancel} onDone={() => done("propose_scrap")} />;
    }
  }
  return (
    <section aria-labelledby="instrument-actions" data-testid="instrument-actions" data-actions={actions.join(" ")}>
      <h2 id="instrument-actions">{t("actionsTitle")}</h2>
      {actions.length === 0 && !desk && (
        <p className="empty" data-testid="no-actions">
          {view.loanUnknown ? t("waitForSync") : t("noActions")}
        </p>
      )}
      <div className="targets">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className="target action"
            data-tone={TONE[a]}
            data-testid={`action-${a}`}
            onClick={() => {
              onStart();
              setOpen(a);
            }}
          >
            <span>
              <span className="action-label">{t(`action.${a}`)}</span>
              <span className="action-help">{t(`actionHelp.${a}`)}</span>
            </span>
            <Icon name="chevron" size={26} />
          </button>
        ))}
        {desk && (
          <Link className="btn secondary block" href={`/instruments/register#${encodeURIComponent(view.row.assetTag)}`} data-testid="open-desk">
            {t("openDesk")}
          </Link>
        )}
      </div>
      {view.loanUnknown && actions.length > 0 && <p className="muted small">{t("waitForSync")}</p>}
    </section>
  );
}
