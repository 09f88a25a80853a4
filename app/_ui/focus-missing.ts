/**
 * Takes the user to the first thing a refusal names (issue 10, defect 3): scrolled to the middle of the screen (not
 * under the top bar or the bottom navigation) and focused, so a screen reader reads it and a keyboard types in it.
 * An element that is not focusable by itself (a group, a card, a signature pad) is given tabindex -1 first.
 */
export function focusMissing(el: Element | null | undefined): void {
  if (!(el instanceof HTMLElement)) return;
  if (el.tabIndex < 0 && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.scrollIntoView({ block: "center" });
  el.focus({ preventScroll: true });
}
