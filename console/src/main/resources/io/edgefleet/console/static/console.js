// EdgeFleet console: live pages reload their content when the fleet changes (server-sent events
// from /events), keeping focus and scroll. No framework, nothing loaded from elsewhere.
(function () {
  'use strict';
  var live = document.body.getAttribute('data-live') === 'true';
  var indicator = document.getElementById('live');
  var refreshing = false;
  var pending = false;

  function say(text) { if (indicator) { indicator.textContent = text; } }

  function refresh() {
    if (refreshing) { pending = true; return; }
    refreshing = true;
    var focusedId = document.activeElement && document.activeElement.id;
    fetch(window.location.href, { headers: { 'X-Console-Fragment': '1' }, cache: 'no-store' })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var main = document.getElementById('main');
        var editing = main.contains(document.activeElement) &&
          /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
        if (editing) { pending = true; return; }
        main.innerHTML = html;
        document.body.setAttribute('data-revision', String(Date.now()));
        if (focusedId && document.getElementById(focusedId)) {
          document.getElementById(focusedId).focus();
        }
        say('live · updated ' + new Date().toLocaleTimeString());
      })
      .catch(function () { say('live · update failed, retrying'); })
      .then(function () {
        refreshing = false;
        if (pending) { pending = false; window.setTimeout(refresh, 200); }
      });
  }

  if (live && window.EventSource) {
    var events = new EventSource('/events');
    events.addEventListener('hello', function () { say('live'); });
    events.addEventListener('change', refresh);
    events.onerror = function () { say('reconnecting…'); };
  }

  // "/" focuses the page's search field, as in many consoles.
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      var field = document.querySelector('main input[type=search], main input[type=text]');
      if (field) { e.preventDefault(); field.focus(); }
    }
  });

  // Copy buttons (preview): copy the YAML of the element they name.
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-copy]');
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) { return; }
    var text = source.value !== undefined ? source.value : source.textContent;
    if (navigator.clipboard) {
      navigator.clipboard.writeText(text).then(function () { button.textContent = 'Copied'; });
    }
  });
}());
