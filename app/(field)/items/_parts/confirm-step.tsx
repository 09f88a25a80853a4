"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A permanent action's confirmation, said before it happens (issue 10, defect 6): a button that opens an inline
 * panel with a title, a body, confirm and cancel; `destructive` paints the confirm in the alarm colour.
 * Minimal on purpose: a shared app/_ui confirm component replaces it with a one-line import change. `beforeOpen`
 * lets a form check its fields first (returning false keeps the panel closed); `type="submit"` is never used, so
 * Enter in a field cannot skip the confirmation.
 */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  cancelLabel,
  destructive = false,
  disabled = false,
  beforeOpen,
  onConfirm,
  onOpenChange,
  className = "btn block",
  testId = "confirm",
}: {
  label: ReactNode;
  title: ReactNode;
  body: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  destructive?: boolean;
  disabled?: boolean;
  beforeOpen?: () => boolean | Promise<boolean>;
  onConfirm: () => void;
  /** Told when the panel opens or closes (e.g. to hide the form's other buttons meanwhile). */
  onOpenChange?: (open: boolean) => void;
  className?: string;
  testId?: string;
}) {
  const [open, setOpenState] = useState(false);
  const setOpen = (o: boolean) => {
    setOpenState(o);
    onOpenChange?.(o);
  };
  const panel = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    panel.current?.scrollIntoView({ block: "center", behavior: "smooth" });
    confirmRef.current?.focus({ preventScroll: true });
  }, [open]);
  if (!open)
    return (
      <button
        type="button"
        className={className}
        disabled={disabled}
        data-testid={testId}
        onClick={async () => {
          if (beforeOpen && !(await beforeOpen())) return;
          setOpen(true);
        }}
      >
        {label}
      </button>
    );
  return (
    <div ref={panel} className="alert confirm-step" data-tone={destructive ? "bad" : "info"} role="alertdialog" aria-labelledby={`${testId}-title`} aria-describedby={`${testId}-body`} data-testid={`${testId}-panel`} style={{ gridColumn: "1 / -1", margin: 0 }}>
      <p id={`${testId}-title`} style={{ fontSize: "1.15rem", margin: "0 0 6px" }}>
        {title}
      </p>
      <p id={`${testId}-body`} style={{ fontWeight: 600, margin: "0 0 12px" }}>
        {body}
      </p>
      <div className="stack" style={{ gap: 10 }}>
        <button
          ref={confirmRef}
          type="button"
          className="btn block big-action"
          style={destructive ? { background: "var(--bad)", borderColor: "var(--bad)", color: "#fff" } : undefined}
          disabled={disabled}
          data-testid={`${testId}-yes`}
          onClick={() => {
            setOpen(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="btn secondary block big-action" disabled={disabled} data-testid={`${testId}-no`} onClick={() => setOpen(false)}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
