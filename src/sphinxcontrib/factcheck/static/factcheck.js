// sphinxcontrib-factcheck: a claim's passage is shown on hover or focus (CSS);
// Escape hides it until the pointer or the focus leaves the claim (WCAG 1.4.13).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".fc-claim-wrap:hover, .fc-claim-wrap:focus-within")
    .forEach((wrap) => wrap.classList.add("fc-dismissed"));
});
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".fc-claim-wrap").forEach((wrap) => {
    const undismiss = () => wrap.classList.remove("fc-dismissed");
    wrap.addEventListener("mouseleave", undismiss);
    wrap.addEventListener("focusout", (event) => {
      if (!wrap.contains(event.relatedTarget)) undismiss();
    });
  });
});
