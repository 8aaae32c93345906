/* The hold timer on each technique page (and in the routine player). The numbers and every sentence
   it says come from the page: the hidden .hold-timer box made by macros/timer.py from the data. Without
   this script the box stays hidden, so the page reads as before. Cues need no eyes: a short tone (Web
   Audio), a vibration where the device has one, and the live region for screen readers; the screen is
   kept awake during a hold (Screen Wake Lock), and released after it and on pause, stop or reset. */
(function () {
  "use strict";
  var SOUND = "guide-timer-sound";
  var audio = null;
  var lock = null;
  var wanted = false;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function button(cls, text) {
    var node = el("button", "md-button " + cls, text);
    node.type = "button";
    return node;
  }

  function soundOn() {
    try { return localStorage.getItem(SOUND) !== "off"; } catch (e) { return true; }
  }

  // A short tone: higher at the end of a hold, lower at other cues.
  function tone(high) {
    if (!soundOn()) return;
    try {
      audio = audio || new AudioContext();
      var osc = audio.createOscillator(), gain = audio.createGain(), now = audio.currentTime;
      osc.frequency.value = high ? 880 : 587;
      gain.gain.setValueAtTime(0.3, now);
      gain.gain.exponentialRampToValueAtTime(0.001, now + 0.5);
      osc.connect(gain).connect(audio.destination);
      osc.start(now);
      osc.stop(now + 0.5);
    } catch (e) { /* no sound on this device */ }
  }

  function buzz(pattern) {
    if (navigator.vibrate) navigator.vibrate(pattern);
  }

  function wake(on) {
    wanted = on;
    if (on && !lock && navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").then(function (l) {
        lock = l;
        if (!wanted) wake(false);
      }, function () {});
    } else if (!on && lock) {
      lock.release();
      lock = null;
    }
  }
  // The browser drops the lock when the page is hidden: take it again on return, if still holding.
  document.addEventListener("visibilitychange", function () {
    lock = null;
    if (wanted) wake(true);
  });

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  // The cues of one hold, from the data: [second, what to say, kind], kind 1 a cue, 2 the check, 3 the end.
  function plan(box) {
    var d = box.dataset, cues = [], total, n;
    if (d.hold) {
      var h = d.hold.split(" ").map(Number);
      total = h[1];
      cues.push([0, d.cueStart, 1]);
      if (h[2]) cues.push([h[2], d.cueCheck, 2]);
      if (h[0] < h[1]) cues.push([h[0], d.cueEnough, 1]);
    } else {
      var p = d.passes.split(" ").map(Number);
      total = p[1] * p[2];
      var pass = function (k) { return d.cuePass.replace("{n}", k).replace("{count}", p[1]); };
      cues.push([0, d.cueStart + " " + pass(1), 1]);
      for (n = 2; n <= p[1]; n++) cues.push([(n - 1) * p[2], pass(n), 1]);
      if (p[0] < p[1]) cues.push([p[0] * p[2], d.cueEnough, 1]);
    }
    cues.push([total, d.cueEnd, 3]);
    cues.sort(function (a, b) { return a[0] - b[0]; });
    return { total: total, cues: cues };
  }

  function HoldTimer(box, hooks) {
    hooks = hooks || {};
    var p = plan(box), state = "idle", done = 0, spent = 0, since = 0, ticker = null;
    var panel = hooks.panel || box.querySelector(".guided-stop");
    var time = el("p", "hold-timer__time"), bar = el("div", "hold-timer__bar"), fill = el("div");
    var live = el("p", "hold-timer__live");
    var main = button("md-button--primary hold-timer__main", "Start");
    var reset = button("hold-timer__reset", "Reset");
    var sound = button("hold-timer__sound", "Sound");
    var stop = button("hold-timer__stop", box.dataset.stop);
    var row = el("div", "hold-timer__buttons");
    live.setAttribute("aria-live", "polite");
    bar.setAttribute("aria-hidden", "true");
    bar.appendChild(fill);
    row.append(main, reset, sound);
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Hold timer: " + box.dataset.name);
    panel.tabIndex = -1;
    box.prepend(el("p", "hold-timer__title", "Hold timer"), time, bar, row, stop, live);
    sound.setAttribute("aria-pressed", String(soundOn()));

    function say(text) { live.textContent = text; }

    function show() {
      var left = p.total - spent / 1000;
      time.textContent = clock(left);
      fill.style.width = (100 * Math.min(1, spent / 1000 / p.total)) + "%";
      main.textContent = state === "running" ? "Pause" : state === "paused" ? "Resume" : "Start";
      main.disabled = state === "stopped" || state === "ended";
      box.dataset.state = state;
    }

    function halt(next) {
      if (ticker) clearInterval(ticker);
      ticker = null;
      if (state === "running") spent += Date.now() - since;
      state = next;
      wake(false);
    }

    function tick() {
      spent += Date.now() - since;
      since = Date.now();
      var heard = [], kind = 0;
      while (done < p.cues.length && p.cues[done][0] * 1000 <= spent) {
        heard.push(p.cues[done][1]);
        kind = Math.max(kind, p.cues[done][2]);
        done++;
      }
      if (heard.length) {
        say(heard.join(" "));
        tone(kind === 3);
        buzz(kind === 3 ? [300, 150, 300] : 200);
      }
      if (spent >= p.total * 1000) {
        spent = p.total * 1000;
        halt("ended");
        if (hooks.onEnd) hooks.onEnd();
      }
      show();
    }

    function start() {
      if (state === "running" || state === "stopped" || state === "ended") return;
      state = "running";
      since = Date.now();
      wake(true);
      ticker = setInterval(tick, 250);
      tick();
    }

    function pause() {
      if (state !== "running") return;
      halt("paused");
      say("Paused.");
      show();
    }

    function clear() {
      halt("idle");
      spent = 0;
      done = 0;
      panel.hidden = true;
      say("");
      show();
    }

    function halted() {
      halt("stopped");
      panel.hidden = false;
      say([].map.call(panel.querySelectorAll("strong"), function (rule) { return rule.textContent; }).join(" "));
      show();
      panel.focus();
      if (hooks.onStop) hooks.onStop();
    }

    main.addEventListener("click", function () { if (state === "running") pause(); else start(); });
    reset.addEventListener("click", clear);
    stop.addEventListener("click", halted);
    sound.addEventListener("click", function () {
      var on = !soundOn();
      try { localStorage.setItem(SOUND, on ? "on" : "off"); } catch (e) { /* not remembered */ }
      sound.setAttribute("aria-pressed", String(on));
    });
    box.hidden = false;
    show();
    return { start: start, pause: pause, reset: clear, stop: halted, state: function () { return state; } };
  }

  HoldTimer.el = el;
  HoldTimer.button = button;
  window.guideHoldTimer = HoldTimer;

  // A technique page: its timer goes just after the numbered steps. The page's loader
  // (overrides/main.html) names this script's stylesheet in data-stylesheet: it is added first, and
  // the timer shows once it is in, so the box is never seen unstyled.
  function begin() {
    document.querySelectorAll("article .hold-timer").forEach(function (box) {
      if (box.closest(".routine-player")) return;
      var steps = document.getElementById("steps"), list = steps && steps.nextElementSibling;
      if (list && list.tagName === "OL") list.after(box);
      HoldTimer(box);
    });
  }
  var stylesheet = document.currentScript && document.currentScript.getAttribute("data-stylesheet");
  if (stylesheet) {
    var link = el("link");
    link.rel = "stylesheet";
    link.href = stylesheet;
    link.onload = link.onerror = begin;  // without its styles the timer still works
    document.head.appendChild(link);
  } else {
    begin();
  }
})();
