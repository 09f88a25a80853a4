"use client";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * A confirmation asked before a permanent action, sized for a phone and a gloved thumb: a sheet at the bottom of the
 * screen (a modal <dialog>, so nothing behind it can be tapped), the consequence in words, the safe choice focused.
 * Never window.confirm (it cannot say enough, looks like a browser error and is blocked in some installed PWAs).
 *
 *   <ConfirmButton label="关闭工单" title="关闭工单 WO-2026-000001？" body="关闭后不能再更改。"
 *     confirmLabel="确认关闭" cancelLabel="返回" destructive onConfirm={() => close.mutate(…)} testId="action-close" />
 *
 * ConfirmDialog is the same sheet controlled from outside, for a form that validates first and then asks.
 */
export type ConfirmTexts = {
  /** The question, e.g. "关闭工单 WO-2026-000001？" */
  title: string;
  /** What it means, in words: what becomes permanent, what cannot be undone. */
  body: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Red confirm button: the action cannot be undone. */
  destructive?: boolean;
};

export function ConfirmDialog({
  open,
  onConfirm,
  onCancel,
  title,
  body,
  confirmLabel,
  cancelLabel,
  destructive = false,
  pending = false,
  testId = "confirm",
}: ConfirmTexts & {
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Disables the confirm button while the action runs. */
  pending?: boolean;
  /** data-testid of the sheet; its buttons are `${testId}-yes` and `${testId}-no`. */
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus(); // the safe choice is the focused one
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-sheet"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testId}
      // Escape (or a phone's back gesture closing the dialog) is the same as cancel
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      // a tap on the dimmed backdrop outside the sheet cancels too
      onClick={(e) => {
        if (e.target === e.currentTarget) onCancel();
      }}
    >
      {open && (
        <div className="confirm-body">
          <h2 id={titleId}>{title}</h2>
          <div id={bodyId} className="confirm-text">
            {body}
          </div>
          <div className="confirm-actions">
            <button
              type="button"
              className={destructive ? "btn danger-solid block" : "btn block"}
              disabled={pending}
              onClick={onConfirm}
              data-testid={`${testId}-yes`}
            >
              {confirmLabel}
            </button>
            <button type="button" ref={cancelRef} className="btn secondary block" onClick={onCancel} data-testid={`${testId}-no`}>
              {cancelLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

/** A button that asks first: tapping it opens the ConfirmDialog; onConfirm runs only after the confirm tap. */
export function ConfirmButton({
  label,
  onConfirm,
  disabled = false,
  pending = false,
  beforeOpen,
  onOpenChange,
  className,
  testId,
  ...texts
}: ConfirmTexts & {
  /** The button's own text. */
  label: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  pending?: boolean;
  /** A form's own checks, run before asking: false keeps the sheet closed (the form shows what is missing). */
  beforeOpen?: () => boolean | Promise<boolean>;
  /** Told when the sheet opens or closes. */
  onOpenChange?: (open: boolean) => void;
  /** Class of the opening button; defaults to a full-width button, red when destructive. */
  className?: string;
  /** data-testid of the opening button; the sheet is `${testId}-confirm`, its buttons `${testId}-confirm-yes|no`. */
  testId?: string;
}) {
  const [open, setOpenState] = useState(false);
  const setOpen = (o: boolean) => {
    setOpenState(o);
    onOpenChange?.(o);
  };
  return (
    <>
      <button
        type="button"
        className={className ?? (texts.destructive ? "btn danger block" : "btn block")}
        disabled={disabled || pending}
        aria-haspopup="dialog"
        onClick={() =>
          void (async () => {
            if (beforeOpen && !(await beforeOpen())) return;
            setOpen(true);
          })()
        }
        data-testid={testId}
      >
        {label}
      </button>
      <ConfirmDialog
        {...texts}
        open={open}
        pending={pending}
        testId={testId ? `${testId}-confirm` : "confirm"}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          setOpen(false);
          onConfirm();
        }}
      />
    </>
  );
}
