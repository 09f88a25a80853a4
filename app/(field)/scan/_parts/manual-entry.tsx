"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useSync } from "@/client/sync/provider";
import { isItemTag, normalizeTag } from "@/domain/items/tags";
import { CodeField } from "@/app/_ui/code-field";

type TProblem = { kind: "unknown"; code: string } | { kind: "notItem"; code: string } | { kind: "empty" };

/** Typed code → the item it names, looked up on the phone (works offline), opened at /items#TAG. */
export function ManualEntry() {
  const t = useTranslations("scan");
  const router = useRouter();
  const { store } = useSync();
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const code = normalizeTag(value);
    if (!code) return setProblem({ kind: "empty" });
    if (!isItemTag(code)) return setProblem({ kind: "notItem", code });
    setBusy(true);
    const item = await store?.itemByTag(code);
    setBusy(false);
    if (!item) return setProblem({ kind: "unknown", code });
    setProblem(null);
    router.push(`/items#${encodeURIComponent(code)}`);
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="manual-entry">
      <CodeField
        label={t("manualLabel")}
        help={t("manualHelp")}
        name="code"
        value={value}
        onChange={setValue}
        error={
          problem === null
            ? null
            : problem.kind === "empty"
              ? t("enterCode")
              : problem.kind === "notItem"
                ? t("notItemYet", { code: problem.code })
                : t("unknownItem", { code: problem.code })
        }
        testId="manual-code"
        errorTestId="manual-problem"
      />
      <button type="submit" className="btn block" disabled={busy || !store} data-testid="manual-open">
        {t("lookUp")}
      </button>
    </form>
  );
}
