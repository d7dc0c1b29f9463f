// Live timeline: when the incident changes on any Opsline instance, the server says so over server-sent
// events and the timeline is fetched again. The page works the same without this script.
(function () {
  var main = document.querySelector('[data-live]');
  if (!main || !('EventSource' in window) || !window.fetch || !window.DOMParser) {
    return;
  }
  var pending = false;
  function editing() {
    var active = document.activeElement;
    return active && active.closest && active.closest('#timeline form') !== null;
  }
  function refresh() {
    if (editing()) {
      pending = true;
      return;
    }
    pending = false;
    fetch(window.location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('timeline');
        var current = document.getElementById('timeline');
        if (fresh && current) { current.replaceWith(fresh); }
      });
  }
  document.addEventListener('focusout', function () { if (pending) { setTimeout(refresh, 0); } });
  new EventSource(main.getAttribute('data-live')).addEventListener('changed', refresh);
})();
