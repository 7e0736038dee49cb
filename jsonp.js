// Loads one JSONP answer in this sandboxed frame (the request's URL is the fragment) and posts lpchat,
// its parent at this address's origin, "ok {json}" once the callback is called, "silent" when the
// script loaded without calling it, "unloaded" when it did not load. The callback's argument goes back
// as JSON text, which lpchat reads like any other answer; it takes only the first message of a frame.
(function () {
  var url = location.hash.slice(1), done = false;
  function reply(text) {
    if (done) return;
    done = true;
    // location.origin is the address's origin (lpchat's), not this sandboxed document's ("null").
    parent.postMessage(text, location.origin);
  }
  // The name lpchat-core's JSONP_CALLBACK gives the URLs it builds.
  window.lpchatJsonp = function (answer) {
    var json;
    try { json = JSON.stringify(answer); } catch (e) { json = undefined; }
    reply(typeof json === "string" ? "ok " + json : "silent");
  };
  if (!url) return reply("unloaded");
  var script = document.createElement("script");
  script.src = url;
  script.onload = function () { reply("silent"); };
  script.onerror = function () { reply("unloaded"); };
  document.head.appendChild(script);
})();
