/* Keyboard access to tables that scroll sideways (WCAG 2.1.1 and 1.3.1).
   The theme wraps Markdown tables in .md-typeset__scrollwrap when the page
   loads. On a narrow screen such a wrapper scrolls; it must then be focusable
   and named, so keyboard users can scroll it and screen readers announce it.
   Progressive enhancement only: no content depends on this script, and it
   makes no network requests. */
(function () {
  "use strict";

  function headingBefore(element) {
    var node = element;
    while (node && !(node.classList && node.classList.contains("md-content"))) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) {
          return previous.textContent.replace(/¶/g, "").trim();
        }
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return "";
  }

  function name(wrapper) {
    var caption = wrapper.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var heading = headingBefore(wrapper);
    return heading ? "Tabel: " + heading : "Tabel";
  }

  function update() {
    var wrappers = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(wrappers, function (wrapper) {
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        if (!wrapper.hasAttribute("aria-label")) {
          wrapper.setAttribute("aria-label", name(wrapper));
        }
      } else if (wrapper.getAttribute("tabindex") === "0") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { window.setTimeout(update, 0); });
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  window.addEventListener("resize", update);
})();
