"use client";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState, type SubmitEvent } from "react";
import { CodeField } from "@/app/_ui/code-field";
import { Camera } from "@/app/(field)/scan/_parts/camera";
import type { FrameOutcome } from "@/client/scanner/camera-loop";
import { isItemTag, normalizeTag } from "@/domain/items/tags";
import { classifyScan, isAccepted, type TScanKind } from "@/domain/scan/classify";
import { confirmRead, INITIAL_CONFIRM, type ConfirmState } from "@/domain/scan/confirm";

/**
 * How tags reach the count: the camera in continuous mode (each read confirmed over two frames, then counted; a tap
 * pauses it and lets the camera go), or typed from a worn label. Codes that are not item tags are named and ignored.
 * Reused by quality's label spot-check walk, which gives its own words for the add button and the not-a-tag note.
 */
export function CountScanner({
  paused,
  onPause,
  onTag,
  words,
}: {
  paused: boolean;
  onPause: (p: boolean) => void;
  onTag: (tag: string) => unknown;
  words?: { add: string; notTag: (kind: string) => string };
}) {
  const t = useTranslations("warehouseCount");
  const ts = useTranslations("scan");
  const confirmRef = useRef<ConfirmState>(INITIAL_CONFIRM);
  const [other, setOther] = useState<TScanKind | null>(null);
  const [typed, setTyped] = useState("");
  const [typedProblem, setTypedProblem] = useState(false);

  const onFrame = useCallback(
    (outcome: FrameOutcome): boolean => {
      const step = confirmRead(confirmRef.current, outcome.result?.text ?? null);
      confirmRef.current = step.state;
      if (step.confirmed === null) return false;
      const result = classifyScan(step.confirmed);
      if (result.kind === "stock_tag" || result.kind === "equipment_tag") {
        setOther(null);
        onTag(result.code);
      } else setOther(isAccepted(result) ? result.kind : "unknown");
      return true;
    },
    [onTag],
  );

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const tag = normalizeTag(typed);
    if (!isItemTag(tag)) {
      setTypedProblem(true);
      return;
    }
    setTypedProblem(false);
    setTyped("");
    onTag(tag);
  };

  return (
    <section className="stack" aria-label={t("scanTitle")} data-testid="count-scanner" data-paused={paused}>
      {paused ? (
        <button type="button" className="btn block big-action" onClick={() => onPause(false)} data-testid="count-resume">
          {t("resume")}
        </button>
      ) : (
        <>
          <Camera onFrame={onFrame} />
          <button type="button" className="btn secondary block" onClick={() => onPause(true)} data-testid="count-pause" style={{ minHeight: 56 }}>
            {t("pause")}
          </button>
        </>
      )}
      {other && (
        <p className="alert" data-tone="info" role="status" data-testid="count-not-tag">
          {words ? words.notTag(ts(`kind.${other}`)) : t("notTag", { kind: ts(`kind.${other}`) })}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate data-testid="count-typed">
        <CodeField
          label={t("typedLabel")}
          help={t("typedHelp")}
          name="count-tag"
          value={typed}
          onChange={setTyped}
          error={typedProblem ? t("typedInvalid") : null}
          testId="count-tag-input"
          placeholder="ST-000101"
        />
        <button type="submit" className="btn secondary block" data-testid="count-tag-add">
          {words ? words.add : t("add")}
        </button>
      </form>
    </section>
  );
}
