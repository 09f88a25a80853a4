"use client";
import { useEffect } from "react";

/**
 * A form sent before the page's scripts have run would be sent by the browser itself: a GET to the same address with
 * every field in the query string (a password in the address bar and the history), and the tap lost. ADR 0028 runs
 * the scripts after the first frame, so a quick thumb (or a test) can hit that window.
 *
 * `SUBMIT_GUARD` (inline, at the top of <body>) holds any submit until the app has hydrated, remembering the last
 * form and the button that sent it; `<SubmitReplay />` marks the page hydrated and sends that form again through
 * React's handler. One tap, one sending, never through the address.
 */
export const SUBMIT_GUARD =
  "document.addEventListener('submit',function(e){if(self.__tmHydrated)return;e.preventDefault();" +
  "self.__tmHeld={form:e.target,by:e.submitter||null}},true);";

export function SubmitReplay() {
  useEffect(() => {
    const w = window as unknown as { __tmHydrated?: boolean; __tmHeld?: { form: HTMLFormElement; by: HTMLElement | null } };
    w.__tmHydrated = true;
    const held = w.__tmHeld;
    w.__tmHeld = undefined;
    if (!held || !held.form.isConnected) return;
    const by = held.by && held.by.isConnected && held.form.contains(held.by) ? held.by : undefined;
    held.form.requestSubmit(by);
  }, []);
  return null;
}
