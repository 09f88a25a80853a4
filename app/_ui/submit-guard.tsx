"use client";
import { useEffect } from "react";

/**
 * A form sent before React handles it would be sent by the browser itself: a GET to the same address with every field
 * in the query string (a password in the address bar and the history), and the tap lost. ADR 0028 runs the scripts
 * after the first paint, so a quick thumb (or a test) can hit that window; a form inside a Suspense boundary is
 * hydrated a moment after the rest of the page.
 *
 * `SUBMIT_GUARD` (inline, at the top of <body>) holds any submit of a form React does not handle yet, remembering the
 * last one and the button that sent it. Once React handles it, `<SubmitReplay />` first hands what was typed before
 * hydration to React (hydration keeps the typed text on screen but not in the component's state, so the next render
 * would wipe it and a submit would send the empty state), then sends the form again through React's handler. One
 * tap, one sending, never through the address.
 *
 * A tap on a plain button React does not handle yet (a button does nothing without React; React drops a tap on a part
 * it has not hydrated) is held the same way and tapped again once React handles the button: before the page hydrates,
 * and after it, in a part whose own chunk is still on its way (a role's home, ADR 0037). Held taps and forms wait up
 * to 10 s for React.
 *
 * "React handles this form": its element carries React's props key. SubmitReplay checks that React names its keys
 * that way (on <html>, which React renders); if not, the guard falls back to "the page has hydrated".
 */
export const SUBMIT_GUARD =
  "document.addEventListener('submit',function(e){var f=e.target;if(self.__tmHydrated&&(!self.__tmKeyed||" +
  "Object.keys(f).some(function(k){return k.indexOf('__reactProps$')===0})))return;e.preventDefault();" +
  "self.__tmHeld={form:f,by:e.submitter||null};if(self.__tmReplay)self.__tmReplay()},true);" +
  // a choice (select, checkbox, radio) made before hydration, as made: hydration may set it back to what was rendered
  "document.addEventListener('change',function(e){var t=e.target;if(self.__tmHydrated||!t||!/^(SELECT|INPUT)$/.test(t.tagName))return;" +
  "(self.__tmChosen=self.__tmChosen||[]).push({el:t,value:t.value,checked:t.checked})},true);" +
  // a tap on a plain button (not a form's submit, held above) that React does not handle yet (before the page hydrates,
  // or in a part whose chunk is still coming, such as a role's home, ADR 0037): React would drop it, so the last one is
  // held, kept from React's own listeners, and tapped again once React handles the button
  "document.addEventListener('click',function(e){var t=e.target;" +
  "var b=t&&t.closest?t.closest('button'):null;if(!b||b.disabled||(b.type==='submit'&&b.form))return;" +
  "if(self.__tmHydrated&&(!self.__tmKeyed||Object.keys(b).some(function(k){return k.indexOf('__reactProps$')===0})))return;" +
  "e.preventDefault();e.stopImmediatePropagation();self.__tmClicked=b;if(self.__tmReplay)self.__tmReplay()},true);";

type Held = { form: HTMLFormElement; by: HTMLElement | null };
export type Chosen = { el: HTMLElement; value: string; checked: boolean };
type Win = {
  __tmHydrated?: boolean;
  __tmKeyed?: boolean;
  __tmHeld?: Held;
  __tmClicked?: HTMLElement;
  __tmReplay?: () => void;
  __tmChosen?: Chosen[];
};

/**
 * Tells React about choices made before it hydrated (SUBMIT_GUARD records them): a select gets the chosen value back
 * and a `change` (React reads a select's change as it comes); a checkbox or radio is set, for React's value tracker,
 * to the state React rendered, then to the chosen one through the prototype's setter, and clicked (React's change
 * event for them), as handTypedValuesToReact does for text. The last choice of each element counts.
 */
export function handChoicesToReact(chosen: readonly Chosen[]): void {
  const last = new Map<HTMLElement, Chosen>();
  for (const c of chosen) last.set(c.el, c);
  for (const { el, value, checked } of last.values()) {
    if (!el.isConnected) continue;
    if (el instanceof HTMLSelectElement) {
      if (el.multiple) continue;
      const selected = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value");
      if (!selected?.set) continue;
      selected.set.call(el, value);
      el.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      // an unchosen radio follows its group's chosen one
      if (el.type === "radio" && !checked) continue;
      const state = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "checked");
      if (!state?.set) continue;
      el.checked = !checked;
      state.set.call(el, checked);
      el.dispatchEvent(new Event("click", { bubbles: true }));
    }
  }
}

const reactHandles = (el: Element) => Object.keys(el).some((k) => k.startsWith("__reactProps$"));

/**
 * Tells React about text typed before it hydrated: sets the field back to the value React rendered, then to the typed
 * one through the prototype's setter (React's value tracker sees a change), and dispatches `input`.
 */
export function handTypedValuesToReact(root: ParentNode): void {
  const fields = root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea");
  for (const el of fields) {
    if (el instanceof HTMLInputElement && ["checkbox", "radio", "file", "submit", "button", "reset", "hidden", "image"].includes(el.type)) continue;
    const typed = el.value;
    if (typed === el.defaultValue) continue;
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    const value = Object.getOwnPropertyDescriptor(proto, "value");
    if (!value?.set) continue;
    el.value = el.defaultValue;
    value.set.call(el, typed);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

export function SubmitReplay() {
  useEffect(() => {
    const w = window as unknown as Win;
    w.__tmKeyed = reactHandles(document.documentElement);
    w.__tmHydrated = true;
    handTypedValuesToReact(document);
    handChoicesToReact(w.__tmChosen ?? []);
    w.__tmChosen = undefined;
    let deadline = 0;
    // the button tapped before hydration, tapped again once React handles it (a button in a Suspense boundary may be
    // hydrated a moment later); one tap, once
    const tapAgain = () => {
      const b = w.__tmClicked;
      if (!b) return;
      if (!b.isConnected) {
        w.__tmClicked = undefined;
        return;
      }
      if (w.__tmKeyed && !reactHandles(b)) {
        if (performance.now() < deadline) requestAnimationFrame(tapAgain);
        return;
      }
      w.__tmClicked = undefined;
      // text typed into the part before React handled it, handed to React first (as for a held form)
      handTypedValuesToReact(b.closest("form") ?? b.parentElement ?? document);
      setTimeout(() => b.click(), 0);
    };
    const replay = () => {
      const held = w.__tmHeld;
      if (!held) return;
      const { form, by } = held;
      if (!form.isConnected) {
        w.__tmHeld = undefined;
        return;
      }
      // a form in a Suspense boundary not hydrated yet: look again next frame, for up to 10 s
      if (w.__tmKeyed && !reactHandles(form)) {
        if (performance.now() < deadline) requestAnimationFrame(replay);
        return;
      }
      w.__tmHeld = undefined;
      handTypedValuesToReact(form);
      // after the state updates of the typed values have rendered, so the handler reads them
      setTimeout(() => {
        try {
          const submitter = by && by.isConnected && (by as HTMLButtonElement).form === form ? by : undefined;
          form.requestSubmit(submitter);
        } catch {
          // a submitter that is no longer this form's: the tap is dropped rather than the page broken
        }
      }, 0);
    };
    w.__tmReplay = () => {
      deadline = performance.now() + 10_000;
      replay();
      tapAgain();
    };
    w.__tmReplay();
  }, []);
  return null;
}
