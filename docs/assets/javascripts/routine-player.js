/* The routine player (docs/routine.md). The choices, the checks, each technique's timer and what
   stopping shows are hidden markup made from the data by macros/timer.py; the steps and the find-it
   landmarks are read from the technique and muscle pages. The choice lives in the address. */
(function () {
  "use strict";
  var root = document.querySelector(".routine-player");
  if (!root || !window.guideHoldTimer) return;
  var techniques = {}, muscles = {}, pages = {};
  root.querySelectorAll(".routine-player__catalogue .hold-timer").forEach(function (t) { techniques[t.dataset.technique] = t; });
  root.querySelectorAll("[data-muscle]").forEach(function (m) { muscles[m.dataset.muscle] = m.dataset; });
  var inputs = root.querySelectorAll(".routine-player__choice input");
  var stopped = root.querySelector(".routine-player__stopped");
  var query = new URLSearchParams(location.search);

  var el = window.guideHoldTimer.el, button = window.guideHoldTimer.button;
  function chosen(name) {
    return Array.from(root.querySelectorAll("input[name=" + name + "]:checked"), function (i) { return i.value; });
  }
  function cap(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // Side, then muscle, then technique: one side done before the other.
  function spots() {
    var list = [], side = chosen("side")[0] || "both";
    (side === "both" ? ["left", "right"] : [side]).forEach(function (s) {
      chosen("muscle").forEach(function (m) {
        chosen("technique").forEach(function (t) {
          if (techniques[t].dataset.muscles.split(" ").indexOf(m) >= 0) list.push({ s: s, m: m, t: t });
        });
      });
    });
    return list;
  }
  function label(spot) {
    return techniques[spot.t].dataset.name + ", " + muscles[spot.m].name + ", " + spot.s + " side";
  }
  function tooMany(list) {
    return Object.keys(techniques).filter(function (t) {
      var d = techniques[t].dataset;
      return list.filter(function (s) { return s.t === t; }).length > Number(d.maxSpots);
    }).map(function (t) {
      var d = techniques[t].dataset;
      return root.dataset.tooMany.replace("{name}", d.name).replace("{max}", d.maxSpots);
    });
  }

  // A numbered list from another page: the first one after the heading with this id.
  function part(url, id) {
    pages[url] = pages[url] || fetch(url).then(function (r) { return r.text(); })
      .then(function (t) { return new DOMParser().parseFromString(t, "text/html"); });
    return pages[url].then(function (doc) {
      var node = doc.getElementById(id);
      while (node && (node = node.nextElementSibling) && node.tagName !== "OL" && node.tagName !== "H2");
      if (!node || node.tagName !== "OL") return null;
      node = document.importNode(node, true);
      node.querySelectorAll("a").forEach(function (a) { a.href = new URL(a.getAttribute("href"), new URL(url, location.href)).href; });
      return node;
    });
  }

  var card = el("ol", "routine-player__card"), note = el("p", "routine-player__note");
  var live = el("p", "routine-player__live"), begin = button("md-button--primary", "Start the routine");
  live.setAttribute("aria-live", "polite");
  root.querySelector(".routine-player__choice").append(el("p", "routine-player__title", "Your routine"), card, note);

  function update() {
    var list = spots(), params = ["muscle", "technique", "side"].filter(function (n) { return chosen(n).length; })
      .map(function (n) { return n + "=" + chosen(n).join(","); });
    history.replaceState(null, "", "?" + params.join("&"));
    card.replaceChildren.apply(card, list.map(function (s) {
      return el("li", "", cap(label(s)) + ": " + techniques[s.t].dataset.dose);
    }));
    note.textContent = tooMany(list).join(" ");
  }
  inputs.forEach(function (i) {
    var wanted = (query.get(i.name) || (i.name === "side" ? "both" : "")).split(",");
    i.checked = wanted.indexOf(i.value) >= 0;
    i.addEventListener("change", update);
  });
  update();

  var play = el("div", "routine-player__play"), heading = el("h2", "", ""), what = el("p");
  var steps = el("div"), slot = el("div"), row = el("div", "routine-player__buttons");
  var skip = button("", "Skip this spot"), back = button("", "Change the routine");
  heading.tabIndex = -1;
  row.append(skip, back);
  play.append(heading, what, slot, stopped, row, steps);
  play.hidden = true;
  root.append(begin, live, play);
  var list = [], at = 0, timer = null, rest = null;

  function show(i) {
    clearTimeout(rest);
    if (timer) timer.reset();
    at = i;
    if (at >= list.length) return finish();
    var spot = list[at], box = techniques[spot.t].cloneNode(true);
    heading.textContent = "Spot " + (at + 1) + " of " + list.length;
    what.textContent = cap(label(spot)) + ".";
    slot.replaceChildren(box);
    steps.replaceChildren();
    timer = window.guideHoldTimer(box, {
      panel: stopped,
      onEnd: function () {
        if (at + 1 >= list.length) return finish();
        var secs = Number(root.dataset.rest);
        live.textContent = "Rest for " + secs + " seconds. Next: spot " + (at + 2) + " of " + list.length + ", " + label(list[at + 1]) + ".";
        rest = setTimeout(function () { show(at + 1); timer.start(); }, secs * 1000);
      },
      onStop: function () { clearTimeout(rest); skip.hidden = true; }
    });
    [[techniques[spot.t].dataset.url, "steps", "What to do"], [muscles[spot.m].url, "find-it", "Find it"]].forEach(function (p) {
      var wrap = el("div");
      steps.append(wrap);
      part(p[0], p[1]).then(function (ol) { if (ol) wrap.append(el("h3", "", p[2]), ol); }, function () {});
    });
  }
  function finish() {
    clearTimeout(rest);
    live.textContent = "Routine done.";
    heading.textContent = "Routine done.";
    slot.replaceChildren();
    steps.replaceChildren();
    skip.hidden = true;
  }

  begin.addEventListener("click", function () {
    list = spots();
    var open = root.querySelector(".task-list input:not(:checked)");
    var problem = !list.length ? "Choose at least one muscle and one technique that suits it." : tooMany(list).join(" ") ||
      (open ? "Tick every check first." : "");
    if (problem) {
      live.textContent = problem;
      if (open && list.length) open.focus();
      return;
    }
    Array.from(root.children).forEach(function (c) { if (c !== play && c !== live) c.hidden = true; });
    play.hidden = false;
    stopped.hidden = true;
    skip.hidden = false;
    show(0);
    heading.focus();
  });
  skip.addEventListener("click", function () { show(at + 1); if (timer && at < list.length) timer.start(); });
  back.addEventListener("click", function () {
    clearTimeout(rest);
    if (timer) timer.reset();
    timer = null;
    Array.from(root.children).forEach(function (c) { c.hidden = c.classList.contains("routine-player__catalogue") || c === play; });
    stopped.hidden = true;
    live.textContent = "";
    begin.focus();
  });
  root.hidden = false;
})();
