"use client";
import { useTranslations } from "next-intl";
import { useServiceWorker } from "@/client/sw-register";

/** Registers the worker; when a new version waits, offers it. Never reloads unasked. */
export function ServiceWorkerUpdate() {
  const t = useTranslations("update");
  const { updateReady, applyUpdate } = useServiceWorker();
  if (!updateReady) return null;
  return (
    <div className="update-bar" role="status" data-testid="update-available">
      <span>{t("available")}</span>
      <button type="button" className="btn" onClick={applyUpdate}>
        {t("apply")}
      </button>
    </div>
  );
}
