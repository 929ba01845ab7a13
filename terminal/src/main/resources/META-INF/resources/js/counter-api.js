/*
 * The counter's local API for its own pages. Every /api/* request carries the terminal's per-boot token, read once
 * from /api/session (same origin only: a page of another site can neither read it nor call the API without it).
 * After the terminal program restarts the old token is refused (403 COUNTER_TOKEN_REQUIRED): the token is read
 * again once and the request repeated.
 */
(function (global) {
  'use strict';

  var token = null;
  var loading = null;

  function loadToken() {
    if (!loading) {
      loading = fetch('/api/session', { cache: 'no-store' })
        .then(function (r) { if (!r.ok) { throw new Error('session ' + r.status); } return r.json(); })
        .then(function (j) { token = j.token; loading = null; return token; },
          function (e) { loading = null; throw e; });
    }
    return loading;
  }

  function currentToken() { return token ? Promise.resolve(token) : loadToken(); }

  function send(path, options, retried) {
    return currentToken().then(function (t) {
      var o = Object.assign({}, options || {});
      var headers = new Headers(o.headers || {});
      headers.set('X-Counter-Token', t);
      o.headers = headers;
      return fetch(path, o).then(function (r) {
        if (r.status !== 403 || retried) { return r; }
        return r.clone().json().then(function (j) {
          if (j && j.code === 'COUNTER_TOKEN_REQUIRED') { token = null; return send(path, options, true); }
          return r;
        }, function () { return r; });
      });
    });
  }

  /**
   * A server-sent event stream. EventSource cannot send headers, so the token goes in the query. The browser
   * reconnects by itself after a dropped connection, but gives up when the terminal refuses the stream (a stale
   * token after a restart): then the token is read again and the stream opened anew.
   */
  function events(path, handlers) {
    function open() {
      currentToken().then(function (t) {
        var source = new EventSource(path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(t));
        source.onopen = function (e) { if (handlers.onopen) { handlers.onopen(e); } };
        source.onmessage = function (e) { handlers.onmessage(e); };
        source.onerror = function (e) {
          if (handlers.onerror) { handlers.onerror(e); }
          if (source.readyState === EventSource.CLOSED) { token = null; setTimeout(open, 2000); }
        };
      }, function () {
        if (handlers.onerror) { handlers.onerror(); }
        setTimeout(open, 2000);
      });
    }
    open();
  }

  global.CounterApi = {
    fetch: function (path, options) { return send(path, options, false); },
    events: events
  };
})(window);
