/*
 * Keyboard-wedge scanner support. A scanner "types" its code much faster than a person, then a suffix
 * (usually Enter). Every printable key is held back for a few milliseconds: a burst of at least minLength
 * keys, each within maxKeyGapMillis of the last, ended by the suffix (or started by the configured prefix),
 * is a scan and never reaches any field; anything slower is delivered to the field (or as a shortcut) as typed.
 * Once the held-back keys begin with this system's code marker "LRJ:" they are a scan whatever the gaps, as after a
 * configured prefix: a page stalled for a moment (a busy counter PC) must not split a senior's code in two.
 * Keys aimed inside an element marked data-keywedge="off" (the cashier's sign-in form) are never held back: a
 * cashier typing a PIN quickly, then Enter, must sign in, and the PIN must never be sent as a scan.
 */
(function (global) {
  'use strict';

  function install(config, handlers) {
    var prefix = config.prefix || '';
    var suffix = config.suffix === undefined ? 'Enter' : config.suffix;
    var gap = config.maxKeyGapMillis || 35;
    var minLength = config.minLength || 6;
    var buffer = [];          // held-back keys: {key, target}
    var lastAt = 0;
    var timer = null;

    function text() { return buffer.map(function (k) { return k.key; }).join(''); }

    var CODE_MARKER = 'LRJ:'; // signed codes of the settlement service (core's SignedQrToken)

    function inPrefixMode() {
      var t = text();
      return (prefix !== '' && t.indexOf(prefix) === 0) || t.indexOf(CODE_MARKER) === 0;
    }

    function endsWithSuffixChars(t) { return suffix.length > 1 ? false : (suffix !== '' && t.endsWith(suffix)); }

    /** The held-back keys were typed by a person: deliver them where they were aimed. */
    function deliver() {
      var keys = buffer;
      buffer = [];
      keys.forEach(function (k) {
        var el = k.target;
        if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && !el.readOnly && !el.disabled) {
          var start = el.selectionStart === null ? el.value.length : el.selectionStart;
          var end = el.selectionEnd === null ? el.value.length : el.selectionEnd;
          var max = el.maxLength > 0 ? el.maxLength : Infinity;
          if (el.value.length - (end - start) < max) {
            el.setRangeText(k.key, start, end, 'end');
            el.dispatchEvent(new Event('input', { bubbles: true }));
          }
        } else if (handlers.onKey) {
          handlers.onKey(k.key);
        }
      });
    }

    function scanned(raw) {
      buffer = [];
      var code = raw;
      if (prefix && code.indexOf(prefix) === 0) { code = code.substring(prefix.length); }
      if (suffix.length === 1 && code.endsWith(suffix)) { code = code.substring(0, code.length - 1); }
      handlers.onScan(code);
    }

    function looksScanned() { return buffer.length >= minLength; }

    function onTimeout() {
      timer = null;
      // no suffix came in time: a scan only when scanners send none, otherwise a person typed it
      if (suffix === '' && (looksScanned() || inPrefixMode())) { scanned(text()); } else { deliver(); }
    }

    global.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) { return; }
      var aimed = document.activeElement;
      if (!buffer.length && aimed && aimed.closest && aimed.closest('[data-keywedge="off"]')) { return; }
      var now = performance.now();
      var printable = e.key.length === 1;
      var isSuffixKey = (suffix === 'Enter' && e.key === 'Enter') || (suffix === 'Tab' && e.key === 'Tab');
      if (!printable && !isSuffixKey) { return; }
      if (e.key === ' ' && !buffer.length) { return; } // Space presses the focused button; codes do not start with it
      if (buffer.length && now - lastAt > gap && !inPrefixMode()) {
        clearTimeout(timer); timer = null;
        deliver();
      }
      if (isSuffixKey) {
        if (buffer.length && (inPrefixMode() || looksScanned())) {
          e.preventDefault(); e.stopImmediatePropagation();
          clearTimeout(timer); timer = null;
          scanned(text());
          return;
        }
        if (buffer.length) { clearTimeout(timer); timer = null; deliver(); }
        return; // a person's Enter/Tab: let it through
      }
      e.preventDefault(); e.stopImmediatePropagation();
      buffer.push({ key: e.key, target: document.activeElement });
      lastAt = now;
      if (endsWithSuffixChars(text()) && (inPrefixMode() || looksScanned())) {
        clearTimeout(timer); timer = null;
        scanned(text());
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(onTimeout, inPrefixMode() ? 500 : gap + 5);
    }, true);
  }

  global.KeyWedge = { install: install };
})(window);
