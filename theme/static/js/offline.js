/* Registers the offline worker (sw.js at the site root) where the browser has service workers; the
   site works the same without it, and without JavaScript. */
(function () {
  var workers = navigator.serviceWorker, me = document.currentScript;
  if (!workers || !me || !window.URL) return;
  // This file is <root>/theme/js/offline.js: the root comes from its own address, which holds with
  // relative links and under any path prefix, where the page's location would not.
  var root = new URL("../../", me.src).href;
  // After the page and its photos: the worker's first download must not slow the page being read.
  addEventListener("load", function () {
    workers.register(root + "sw.js", { scope: root })["catch"](function () {});
  });
})();
