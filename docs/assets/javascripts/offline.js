/* Registers sw.js, the offline copy (see postbuild/offline.py), once the page has loaded. */
(function (worker) {
  if ("serviceWorker" in navigator) {
    addEventListener("load", function () {
      navigator.serviceWorker.register(worker).catch(function () {});  // then the guide works online only
    });
  }
})(new URL("../../sw.js", document.currentScript.src));
