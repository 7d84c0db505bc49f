// Swagger UI leaves some form controls without an accessible name (the server picker, enum parameters in
// "Try it out"): name each after its parameter row, so screen readers (and axe) can tell them apart. Its code
// samples scroll sideways on a phone: each is made focusable, so a keyboard can scroll it too.
export function labelControls(root: HTMLElement) {
  for (const el of root.querySelectorAll<HTMLElement>(".highlight-code .microlight:not([tabindex])")) {
    el.setAttribute("tabindex", "0");
  }
  for (const el of root.querySelectorAll<HTMLElement>("select:not([aria-label]), input:not([aria-label]), textarea:not([aria-label])")) {
    if (el.id === "servers") {
      el.setAttribute("aria-label", "Server");
      continue;
    }
    const label = (el.id && root.querySelector(`label[for="${CSS.escape(el.id)}"]`)) || el.closest("label");
    if (label && label.textContent?.trim()) continue;
    const param = el.closest("tr[data-param-name]")?.getAttribute("data-param-name");
    const name = param ?? el.getAttribute("placeholder");
    if (name) el.setAttribute("aria-label", name);
  }
}
