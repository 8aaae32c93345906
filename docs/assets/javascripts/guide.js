// The guide's own script, one small file loaded with `defer` (mkdocs.yml), so it never holds up the
// first paint. It runs after Material's bundle, whose `document$` it uses.

// Printing: open every collapsed <details> block so its text reaches the paper, and close them again
// afterwards. print.css does the same with ::details-content where the browser supports it.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.removeAttribute("open"); });
    opened = [];
  });
})();

// Material wraps each table in a box that scrolls sideways when the table is wider than the screen
// (div.md-typeset__scrollwrap, made at run time). A box that can scroll must take keyboard focus, so
// it can be scrolled without a mouse (WCAG 2.1.1; axe rule scrollable-region-focusable). Every box
// gets it, because text zoom can make any table overflow without a resize event.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    box.tabIndex = 0;
  });
});

// The offline copy: register sw.js (postbuild/offline.py) once the page has loaded, on pages that link
// the web app manifest. overrides/hooks/offline.py links it on built pages only, never under
// `make serve`, where a worker would keep serving saved stylesheets and scripts during edits.
(function (worker) {
  if ("serviceWorker" in navigator && document.querySelector('link[rel="manifest"]')) {
    addEventListener("load", function () {
      navigator.serviceWorker.register(worker).catch(function () {});  // then the guide works online only
    });
  }
})(new URL("../../sw.js", document.currentScript.src));

// Glossary tooltips, made only when a reader points at, taps or focuses a marked word: one tooltip
// element for the page, so a page with many glossary words costs nothing until one is used (Material's
// content.tooltips built one per word as the page loaded). The definitions are not in the page: the
// first use fetches glossary.json, which lies beside this script (overrides/hooks/glossary.py), once
// for the page. A word that keeps its own title (a contributor's <abbr>) shows that instead.
(function (definitions) {
  var tip, shown, glossary;
  function hide() {
    if (tip) tip.hidden = true;
    if (shown) shown.removeAttribute("aria-describedby");
    shown = null;
  }
  function definition(word) {
    // The title moves to data-glossary, so the browser does not show its own tooltip as well.
    if (word.title) {
      word.setAttribute("data-glossary", word.title);
      word.removeAttribute("title");
    }
    if (word.hasAttribute("data-glossary")) return Promise.resolve(word.getAttribute("data-glossary"));
    glossary = glossary || fetch(definitions).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).catch(function () { glossary = null; return {}; });  // offline and not saved: try again next time
    return glossary.then(function (terms) { return terms[word.textContent.replace(/\s+/g, " ").trim()]; });
  }
  function show(word) {
    shown = word;
    definition(word).then(function (text) {
      if (shown !== word || !text) return;  // the reader has moved on, or there is nothing to show
      if (!tip) {
        tip = document.createElement("div");
        tip.id = "guide-tooltip";
        tip.className = "guide-tooltip md-typeset";
        tip.setAttribute("role", "tooltip");
        document.body.appendChild(tip);
      }
      tip.textContent = text;
      word.setAttribute("aria-describedby", tip.id);
      var box = word.getBoundingClientRect(), screen = document.documentElement.clientWidth;
      var width = Math.min(screen - 16, 320);
      tip.style.width = width + "px";
      tip.style.left = scrollX + Math.max(8, Math.min(box.left, screen - width - 8)) + "px";
      tip.style.top = scrollY + box.bottom + 6 + "px";
      tip.hidden = false;
    });
  }
  function on(type, handler) {
    document.addEventListener(type, function (event) {
      var target = event.target;
      handler(target.closest && target.closest("article abbr"), event);
    });
  }
  // Pointer events, not mouse events: a browser may send a mouseover of its own when the page
  // changes under a pointer it never saw (Chromium's headless shell does, at the corner, after a tap),
  // and that would hide the tip just shown.
  on("pointerover", function (word) { if (word) { if (word !== shown) show(word); } else if (shown) hide(); });
  on("focusin", function (word) { if (word) show(word); });
  on("click", function (word) { if (!word) hide(); else if (word !== shown) show(word); });
  on("keydown", function (word, event) { if (event.key === "Escape") hide(); });
  addEventListener("scroll", function () { if (shown) hide(); }, { passive: true });
})(new URL("glossary.json", document.currentScript.src));
