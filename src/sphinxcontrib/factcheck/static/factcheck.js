// sphinxcontrib-factcheck: a verified claim's passage in a popover (and a
// cited sentence's passage, behind its citation), and
// "Copy with citation" in the popover and in the evidence appendix.
//
// The build writes each claim's tooltip into a <template> beside it (so
// that its text stays out of the page's text and of search summaries);
// this script makes it a popover (the browser's Popover API: top layer,
// closed by Escape), placed by CSS anchor positioning (factcheck.css).
// WCAG 1.4.13: the popover shows on hover and on keyboard focus, stays
// while the pointer moves onto it (hoverable), closes on Escape without
// moving focus (dismissible), and stays until the pointer and the focus
// have left both the claim and the popover (persistent).
(() => {
  "use strict";

  // Time to move the pointer from a claim to its popover before it closes.
  const HIDE_DELAY_MS = 300;
  // How long a copy button says "Copied".
  const COPIED_MS = 1500;

  const canPopover = typeof HTMLElement.prototype.showPopover === "function";
  // "hint" popovers (light dismiss, Escape) do not close other popovers;
  // where the browser does not know them, "manual" ones and our own Escape.
  const popoverKind = (() => {
    const probe = document.createElement("span");
    probe.setAttribute("popover", "hint");
    return probe.popover === "hint" ? "hint" : "manual";
  })();

  let hideTimer = 0;
  let openClaim = null;

  // A claim is focusable itself; a citation, by the link inside it.
  const focusable = (claim) =>
    claim.matches("a, [tabindex]") ? claim : claim.querySelector("a") || claim;
  const tipOf = (claim) => document.getElementById(`${claim.id}-tip`);
  const isOpen = (tip) => tip.matches(":popover-open");

  function hide(claim) {
    const tip = tipOf(claim);
    if (tip && isOpen(tip)) tip.hidePopover();
  }

  function show(claim) {
    clearTimeout(hideTimer);
    if (claim.fcDismissed) return;
    if (openClaim && openClaim !== claim) hide(openClaim);
    const tip = tipOf(claim);
    if (!tip) return;
    // Only the claim whose popover is open is the anchor the CSS places it by.
    document.querySelectorAll(".fc-anchor").forEach((c) => c.classList.remove("fc-anchor"));
    claim.classList.add("fc-anchor");
    if (!isOpen(tip)) tip.showPopover();
    openClaim = claim;
  }

  function hideLater(claim) {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      const tip = tipOf(claim);
      const focused = claim.contains(document.activeElement) || (tip && tip.contains(document.activeElement));
      if (!focused) hide(claim);
    }, HIDE_DELAY_MS);
  }

  // What the memos and tooltips of a page share is in the page once: its
  // template (the work, the page's title and address) and each source's (its
  // citation and address).
  const sourceTemplate = (key) =>
    key ? document.querySelector(`template.fc-memo-source[data-fc-source="${CSS.escape(key)}"]`) : null;
  const partOf = (template, name) =>
    template?.content.querySelector(`[data-fc-part="${name}"]`)?.textContent.trim() ?? "";
  // A memo's own part is written once in the page: where an earlier memo holds it,
  // this one names that memo's tooltip (data-fc-as), whose template holds it.
  const tipTemplate = (anchor) =>
    document.querySelector(`template.fc-tip-content[data-fc-claim="${CSS.escape(anchor)}"]`);
  const ownPart = (memo, name) => {
    const earlier = memo.content.querySelector(`[data-fc-part="${name}"]`)?.dataset.fcAs;
    if (!earlier) return partOf(memo, name);
    return partOf(tipTemplate(earlier)?.content.querySelector("template.fc-memo"), name);
  };
  // A text's words joined by single spaces, as the build joins a passage's.
  const spaced = (text) => text.split(/\s+/).filter(Boolean).join(" ");

  function makeTip(template) {
    const claim = document.getElementById(template.dataset.fcClaim);
    if (!claim) return;
    const tip = document.createElement("span");
    tip.className = "fc-tip";
    tip.id = `${claim.id}-tip`;
    tip.setAttribute("popover", popoverKind);
    const body = document.createElement("span");
    body.className = "fc-tip-body";
    body.id = `${claim.id}-desc`;
    const content = template.content.cloneNode(true);
    // A passage an earlier tooltip of the page shows is written there once: this
    // tooltip names that one, and where its own claim is highlighted in it.
    const passage = content.querySelector(".fc-tip-passage[data-fc-as]");
    if (passage) {
      const text = tipTemplate(passage.dataset.fcAs)?.content.querySelector(".fc-tip-passage")?.textContent ?? "";
      if (passage.dataset.fcMark) {
        const [from, to] = passage.dataset.fcMark.split(" ").map(Number);
        const mark = document.createElement("mark");
        mark.textContent = text.slice(from, to);
        passage.append(text.slice(0, from), mark, text.slice(to));
      } else {
        passage.append(text);
      }
      passage.removeAttribute("data-fc-as");
      passage.removeAttribute("data-fc-mark");
    }
    const memo = content.querySelector("template.fc-memo");
    // A tooltip names its source by key: its citation is the source's template's.
    const source = content.querySelector(".fc-tip-source[data-fc-source]");
    if (source) source.prepend(partOf(sourceTemplate(source.dataset.fcSource), "source"));
    // Its memo is its claim's, of its source.
    if (memo) {
      memo.dataset.fcAnchor ||= claim.id;
      if (source) memo.dataset.fcSource ||= source.dataset.fcSource;
    }
    body.append(content);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "fc-copy";
    button.textContent = "Copy with citation";
    tip.append(body, button);
    // The memo is not part of the description a screen reader announces.
    if (memo) tip.append(memo);
    template.after(tip);
    claim.setAttribute("aria-describedby", body.id);

    claim.addEventListener("pointerenter", (event) => {
      if (event.pointerType === "touch") return;
      // Crossing another claim or citation on the way to an open popover does
      // not replace it: the switch waits as long as a popover waits to close.
      if (openClaim && openClaim !== claim && tipOf(openClaim) && isOpen(tipOf(openClaim))) {
        clearTimeout(hideTimer);
        hideTimer = setTimeout(() => show(claim), HIDE_DELAY_MS);
      } else {
        show(claim);
      }
    });
    claim.addEventListener("pointerleave", () => {
      if (document.activeElement !== claim) claim.fcDismissed = false;
      hideLater(claim);
    });
    tip.addEventListener("pointerenter", () => clearTimeout(hideTimer));
    tip.addEventListener("pointerleave", () => hideLater(claim));
    // focusin: a citation's popover shows when the link inside it is focused.
    claim.addEventListener("focusin", () => show(claim));
    for (const element of [claim, tip]) {
      element.addEventListener("focusout", (event) => {
        if (claim.contains(event.relatedTarget) || tip.contains(event.relatedTarget)) return;
        claim.fcDismissed = false;
        if (!claim.matches(":hover") && !tip.matches(":hover")) hide(claim);
      });
    }
  }

  // A popover closed by Escape stays closed until the pointer has been
  // somewhere else than the claim and its popover (or the focus has left).
  document.addEventListener("pointerover", (event) => {
    if (!openClaim || !openClaim.fcDismissed) return;
    const tip = tipOf(openClaim);
    if (!openClaim.contains(event.target) && !(tip && tip.contains(event.target))) {
      if (document.activeElement !== openClaim) openClaim.fcDismissed = false;
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !openClaim) return;
    const tip = tipOf(openClaim);
    if (tip && isOpen(tip)) {
      openClaim.fcDismissed = true;
      // Focus inside the popover goes back to its claim, not to the page's start.
      if (tip.contains(document.activeElement)) focusable(openClaim).focus();
      hide(openClaim);
    }
  });

  // -- Copy with citation ---------------------------------------------------

  // A memo holds what is its own (the sentence, and the passage where its tooltip
  // does not show the whole of it); the rest is its tooltip's (the passage, the
  // link to the original at it) and the page's and its source's templates'.
  function memoText(memo) {
    const templates = [sourceTemplate(memo.dataset.fcSource), document.querySelector("template.fc-memo-page")];
    const tip = memo.closest(".fc-tip");
    const shown = tip?.querySelector(".fc-tip-passage");
    const original = tip?.querySelector("a.fc-tip-original")?.getAttribute("href") ?? "";
    const part = (name) => {
      const own = ownPart(memo, name);
      if (own) return own;
      for (const template of templates) {
        const found = partOf(template, name);
        if (found) return found;
      }
      if (name === "passage" && shown) return spaced(shown.textContent);
      // The original at the passage, where it is not the source's own address.
      if (name === "original" && original !== part("source-url")) return original;
      return "";
    };
    let link = part("link");
    if (!link && memo.dataset.fcAnchor) {
      const address = part("address");
      if (address) {
        link = `${address}#${memo.dataset.fcAnchor}`;
      } else {
        const here = new URL(window.location.href);
        here.hash = memo.dataset.fcAnchor;
        link = here.href;
      }
    }
    const lines = [];
    if (part("sentence")) lines.push(part("sentence"));
    if (part("source")) lines.push(`Source: ${part("source")}${part("source-url") ? `, ${part("source-url")}` : ""}`);
    if (part("passage")) lines.push(`Passage: “${part("passage")}”`);
    if (part("original")) lines.push(`The original at this passage: ${part("original")}`);
    const where = [part("work"), part("page") ? `“${part("page")}”` : ""].filter(Boolean).join(", ");
    lines.push(`Verified in ${where || "the handbook"}: ${link}`);
    return lines.join("\n");
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.fc-copy");
    if (!button) return;
    const memo = button.closest(".fc-tip, .fc-passage")?.querySelector("template.fc-memo");
    if (!memo || !navigator.clipboard) return;
    const label = button.textContent;
    navigator.clipboard.writeText(memoText(memo)).then(() => {
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = label; }, COPIED_MS);
    }, () => {});
  });

  function init() {
    if (canPopover) document.querySelectorAll("template.fc-tip-content").forEach(makeTip);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
