"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useSync } from "@/client/sync/provider";
import { normalizeTypedCode } from "@/domain/items/tags";
import { classifyScan, type ScanResult } from "@/domain/scan/classify";
import { CodeField } from "@/app/_ui/code-field";

type TProblem = { kind: "unknown"; code: string } | { kind: "empty" };

/**
 * Typed code → classified like a scanned one (domain/scan/classifyScan). An item tag is looked up on the phone
 * (works offline) and opened at /items#TAG; anything else is shown by the screen with what it is (`onResult`).
 */
export function ManualEntry({ onResult }: { onResult: (result: ScanResult) => void }) {
  const t = useTranslations("scan");
  const router = useRouter();
  const { store } = useSync();
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const code = normalizeTypedCode(value);
    if (!code) {
      setProblem({ kind: "empty" });
      return;
    }
    const result = classifyScan(code);
    if (result.kind !== "stock_tag" && result.kind !== "equipment_tag") {
      setProblem(null);
      onResult(result);
      return;
    }
    setBusy(true);
    const item = await store?.getFromIndex("items", "byTag", result.code);
    setBusy(false);
    if (!item) {
      setProblem({ kind: "unknown", code: result.code });
      return;
    }
    setProblem(null);
    router.push(`/items#${encodeURIComponent(result.code)}`);
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="manual-entry">
      <CodeField
        label={t("manualLabel")}
        help={t("manualHelp")}
        name="code"
        value={value}
        onChange={setValue}
        error={problem === null ? null : problem.kind === "empty" ? t("enterCode") : t("unknownItem", { code: problem.code })}
        testId="manual-code"
        errorTestId="manual-problem"
      />
      <button type="submit" className="btn block" disabled={busy || !store} data-testid="manual-open">
        {t("lookUp")}
      </button>
    </form>
  );
}
