"use client";
import { useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useDateTime } from "@/app/_ui/use-when";
import { asInstrumentOp } from "@/client/instruments/queue";
import type { Rejected } from "@/client/sync/types";
import { isRuleCode } from "@/domain/rules/codes";
import { useRefusalText } from "@/app/_ui/instruments/refusal";
import { useOpText } from "./usage-file";

/**
 * A refused instrument change on "Needs attention": which instrument, what this phone tried, and why the server
 * refused it now (e.g. lent to someone else meanwhile: to whom, until when). Nothing to re-issue: the instrument's
 * page offers what is allowed now.
 */
export function InstrumentRejection({ rejection }: { rejection: Rejected }) {
  const t = useTranslations("instrumentsUi.attention");
  const when = useDateTime();
  const refusal = useRefusalText();
  const opText = useOpText();
  const op = rejection.original ? asInstrumentOp(rejection.original) : null;
  const instrumentId = op && "instrumentId" in op ? op.instrumentId : null;
  const row = useReadCache(instrumentId ? `rejected-instrument:${instrumentId}` : null, (store) => store.get("instruments", instrumentId!));
  const code = rejection.reasonCode;
  const detailed = isRuleCode(code) ? refusal(code, rejection.details ?? {}) : null;
  return (
    <div className="stack" data-testid="instrument-rejection">
      {row.data && (
        <HashLink path="/instruments" hash={row.data.assetTag} className="rejection-item" data-testid="rejected-instrument">
          <strong>{row.data.name}</strong> <span className="mono small">{row.data.assetTag}</span>
        </HashLink>
      )}
      {op && (
        <p className="small">
          {t("attempted")} {opText(op)}
        </p>
      )}
      {detailed && (
        <p className="small" data-testid="rejection-detail">
          {t("now", { text: detailed })}
        </p>
      )}
      {rejection.original && <p className="muted small">{t("times", { made: when(rejection.original.clientTime), refused: when(rejection.at) })}</p>}
    </div>
  );
}
