/* Registers the service worker (sw.js, made by postbuild/offline.py), which keeps a copy of the guide
   on this device for reading with no network. overrides/hooks/offline.py adds this script to every
   built page, deferred, but not under `mkdocs serve`. It registers after the page has loaded, so
   saving the copy never slows the page; if it cannot, the guide simply works online only. */
(function (worker) {
  if ("serviceWorker" in navigator) {
    addEventListener("load", function () {
      navigator.serviceWorker.register(worker).catch(function () {});
    });
  }
})(new URL("../../sw.js", document.currentScript.src));
