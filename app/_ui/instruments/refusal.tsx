"use client";
import { useTranslations } from "next-intl";
import type { InstrumentView } from "@/client/instruments/read-model";
import type { TInstrumentRule } from "@/domain/instruments/rules";
import { ruleMessageKey } from "@/domain/rules/codes";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** A rule's refusal in words, with its details (holder and due day, calibration due, department). */
export function useRefusalText(): (code: TInstrumentRule, details: Record<string, unknown>, calibration?: InstrumentView["calibration"]) => string {
  const t = useTranslations();
  return (code, details, calibration) => {
    switch (code) {
      case "permit_invalid": {
        const state = calibration ?? (details.calibrationResult === "failed" ? "failed" : details.calibrationDue ? "overdue" : "never");
        if (state === "failed") return t("instrumentsUi.refusal.permitFailed");
        if (state === "never" || !details.calibrationDue) return t("instrumentsUi.refusal.permitNever");
        return t("instrumentsUi.refusal.permitOverdue", { date: str(details.calibrationDue) });
      }
      case "not_available": {
        const reason = str(details.reason);
        if (reason === "on_loan") {
          const name = str(details.holderName);
          return name ? t("instrumentsUi.refusal.onLoanTo", { name, date: str(details.dueOn) || "—" }) : t("instrumentsUi.refusal.onLoan");
        }
        if (reason === "at_repair" || reason === "scrapped" || reason === "fault_open" || reason === "scrap_pending")
          return t(`instrumentsUi.refusal.${reason}`);
        return t(ruleMessageKey("not_available"));
      }
      case "wrong_department":
        return t(details.term === "long" ? "instrumentsUi.refusal.wrongDepartmentLong" : "instrumentsUi.refusal.wrongDepartment", {
          department: t(`departments.${str(details.department) || "technology_development"}`),
        });
      case "loan_too_long":
        return t("instrumentsUi.refusal.loanTooLong", { date: str(details.maxDueOn) });
      default:
        return t(ruleMessageKey(code));
    }
  };
}

/** Why this user cannot borrow the instrument now: said at once, in the scan's first screen. */
export function Refusal({ view }: { view: InstrumentView }) {
  const t = useTranslations("instrumentsUi");
  const text = useRefusalText();
  if (!view.refusal) return null;
  return (
    <div className="alert refusal" data-tone="bad" role="alert" data-testid="borrow-refused" data-code={view.refusal.code}>
      <strong>{t("refusal.title")}</strong>
      {text(view.refusal.code, view.refusal.details, view.calibration)}
    </div>
  );
}
