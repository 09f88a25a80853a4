"use client";
import { useTranslations } from "next-intl";
import { errorCode } from "@/client/trpc";
import { errorMessageKey } from "@/domain/errors";
import { TRPCClientError } from "@trpc/client";

/** The translated message of a failed call (one message per code: `errorMessageKey`); a network failure reads as such. */
export function ErrorText({ error }: { error: unknown }) {
  const t = useTranslations();
  if (!error) return null;
  const isNetwork = error instanceof TRPCClientError && !error.data && error.cause instanceof TypeError;
  const code = errorCode(error);
  const details =
    error instanceof TRPCClientError
      ? (error.data as { details?: { retryAfterSeconds?: number; count?: number; workOrders?: { code: string }[] } } | undefined)?.details
      : undefined;
  const text = isNetwork
    ? t("errors.network")
    : code === "rate_limited"
      ? t("errors.rate_limited", { minutes: Math.max(1, Math.ceil((details?.retryAfterSeconds ?? 60) / 60)) })
      : code === "holds_work_orders"
        ? t("errors.holds_work_orders", { count: details?.count ?? 0, codes: (details?.workOrders ?? []).map((w) => w.code).join(", ") })
        : t(errorMessageKey(code));
  return (
    <div className="alert" data-tone="bad" role="alert" data-testid="error" data-code={isNetwork ? "network" : code}>
      {text}
    </div>
  );
}
