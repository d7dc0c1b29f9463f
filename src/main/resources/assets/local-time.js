// Times on public pages are written in UTC; this adds each reader's own local time beside them.
(function () {
  if (!window.Intl) { return; }
  var format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  document.querySelectorAll('time[data-local]').forEach(function (time) {
    var local = document.createElement('span');
    local.className = 'local-time';
    local.textContent = ' (' + format.format(new Date(time.getAttribute('datetime'))) + ' your time)';
    time.after(local);
  });
})();
