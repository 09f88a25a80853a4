"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/** Loading, failure (with retry) and empty states shared by every list. */
export function QueryState({
  isPending,
  isError,
  isEmpty,
  empty,
  onRetry,
  children,
}: {
  isPending: boolean;
  isError: boolean;
  isEmpty: boolean;
  empty: string;
  onRetry: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("home");
  if (isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (isError)
    return (
      <div className="alert" data-tone="bad" role="alert">
        <p>{t("loadFailed")}</p>
        <button type="button" className="btn secondary" onClick={onRetry}>
          {t("retry")}
        </button>
      </div>
    );
  if (isEmpty) return <p className="empty">{empty}</p>;
  return <>{children}</>;
}
