// Copy buttons for "Cite this page": copy the text of the element named by data-copy.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy-citation");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  const label = button.textContent;
  navigator.clipboard.writeText(source.textContent).then(() => {
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1500);
  }, () => {});
});

document.addEventListener("DOMContentLoaded", () => {
  // Printed pages say where they live online (the print rules of handbook.css
  // show it): the published address if the page names one, else this one.
  const article = document.querySelector("article[role=main]");
  if (article) {
    const canonical = document.querySelector('link[rel="canonical"]');
    article.dataset.pageUrl = canonical ? canonical.href : window.location.href.split("#")[0];
  }

  // Furo's menu and "On this page" icons are labels of hidden checkboxes,
  // which a keyboard cannot reach: make each a button that opens its drawer.
  const toggles = [
    ["label.nav-overlay-icon", "__navigation", "Site navigation"],
    ["label.toc-overlay-icon", "__toc", "On this page"],
  ];
  for (const [selector, checkboxId, name] of toggles) {
    const checkbox = document.getElementById(checkboxId);
    document.querySelectorAll(selector).forEach((label) => {
      if (!checkbox) return;
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.setAttribute("aria-label", name);
      const sync = () => label.setAttribute("aria-expanded", String(checkbox.checked));
      sync();
      checkbox.addEventListener("change", sync);
      label.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        checkbox.checked = !checkbox.checked;
        checkbox.dispatchEvent(new Event("change"));
      });
    });
  }
  // Escape closes an open drawer.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const id of ["__navigation", "__toc"]) {
      const checkbox = document.getElementById(id);
      if (checkbox && checkbox.checked) {
        checkbox.checked = false;
        checkbox.dispatchEvent(new Event("change"));
      }
    }
  });
});
