/*
 * Keyboard-wedge scanner support. A scanner "types" its code much faster than a person, then a suffix (usually
 * Enter); a loaded counter PC may deliver those keys in pieces, up to about a second apart, split anywhere. So a key
 * is a person's only when nothing else could have sent it:
 * - a person's keys here are few: a set's digit 1–9 outside any field, and the digits and X of an ID number in a
 *   field marked data-keywedge="id" (the F2 dialog's ID-number field). Any other printable key is never typed by a
 *   person at the counter: it begins (or continues) a scan;
 * - a person's key is held back for a moment (maxKeyGapMillis): when another key follows that fast it was part of a
 *   burst, and the whole burst belongs to a scan; otherwise it is delivered (to the field, or as a shortcut);
 * - once a scan has begun, every key belongs to it until the suffix ends it, however long the pauses between pieces
 *   (up to maxPauseMillis); a scan that stops without its suffix is dropped with a hint (onIncomplete), never typed
 *   anywhere.
 * A scan is handed over whole (onScan); the page decides what it is (a QR code, or an ID-card reader's number typed
 * into the F2 dialog). Keys aimed inside an element marked data-keywedge="off" (the cashier's sign-in form) are never
 * held back: a cashier typing a PIN quickly, then Enter, must sign in, and the PIN must never be sent as a scan.
 */
(function (global) {
  'use strict';

  function install(config, handlers) {
    var prefix = config.prefix || '';
    var suffix = config.suffix === undefined ? 'Enter' : config.suffix;
    var gap = config.maxKeyGapMillis || 35;
    var pause = Math.max(config.maxPauseMillis || 1500, gap * 4);
    var minLength = config.minLength || 6;
    // a suffix of characters (not the Enter or Tab key) ends a scan when its text ends with them
    var charSuffix = suffix === 'Enter' || suffix === 'Tab' ? '' : suffix;
    var pending = [];         // a person's keys held back for a moment: {key, target}
    var scan = null;          // the scan in progress: its text, or null
    var lastAt = 0;
    var timer = null;

    function wait(ms, then) { clearTimeout(timer); timer = setTimeout(function () { timer = null; then(); }, ms); }

    /** Could a person mean this key where it is aimed? Only a set's digit, or an ID number's character in its field. */
    function personal(key, target) {
      if (target && target.closest && target.closest('[data-keywedge="id"]')) { return /^[0-9Xx]$/.test(key); }
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) { return false; }
      return key >= '1' && key <= '9';
    }

    /** The held-back keys were typed by a person: deliver them where they were aimed. */
    function deliver() {
      var keys = pending;
      pending = [];
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

    /** A scan begins with the keys held back so far (they were part of its burst, never a person's). */
    function beginScan() {
      scan = pending.map(function (k) { return k.key; }).join('');
      pending = [];
    }

    function finish() {
      var code = scan;
      scan = null;
      clearTimeout(timer); timer = null;
      if (prefix && code.indexOf(prefix) === 0) { code = code.substring(prefix.length); }
      if (code.length < minLength) { incomplete(); return; }
      handlers.onScan(code);
    }

    var droppedAt = -Infinity;
    function incomplete() {
      scan = null;
      droppedAt = performance.now();
      if (handlers.onIncomplete) { handlers.onIncomplete(); }
    }

    function pauseOver() {
      // a scanner that sends no suffix ends its scan by falling quiet; otherwise the scan stopped short
      if (suffix === '') { finish(); } else { incomplete(); }
    }

    /**
     * Whether keys aimed at this element are a person's (a PIN, a float, an amount): inside data-keywedge="off", and
     * only while the element can be seen. A field of a dialog just closed may keep the focus for a moment; a scan
     * typed then must not lose its first characters into it.
     */
    function typedByAPerson(el) {
      if (!el || !el.closest || !el.closest('[data-keywedge="off"]')) { return false; }
      var dialog = el.closest('dialog');
      return (!dialog || dialog.open) && el.getClientRects().length > 0;
    }

    global.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) { return; }
      var aimed = document.activeElement;
      if (scan === null && !pending.length && typedByAPerson(aimed)) { return; }
      var now = performance.now();
      var printable = e.key.length === 1;
      var isSuffixKey = (suffix === 'Enter' && e.key === 'Enter') || (suffix === 'Tab' && e.key === 'Tab');
      if (!printable && !isSuffixKey) { return; }
      var burst = now - lastAt <= gap;
      if (isSuffixKey) {
        if (scan === null && pending.length > 1) { beginScan(); } // (held keys are never more than one: safety)
        if (scan !== null) {
          e.preventDefault(); e.stopImmediatePropagation();
          finish();
          return;
        }
        if (now - droppedAt < pause) {
          // the suffix of a scan already dropped as incomplete: it must not confirm a sale
          e.preventDefault(); e.stopImmediatePropagation();
          droppedAt = -Infinity;
          return;
        }
        if (pending.length) { clearTimeout(timer); timer = null; deliver(); }
        return; // a person's Enter/Tab: let it through
      }
      if (scan === null && e.key === ' ' && !pending.length) { return; } // Space presses the focused button
      e.preventDefault(); e.stopImmediatePropagation();
      lastAt = now;
      if (scan !== null) {
        scan += e.key;
      } else if (pending.length && burst) {
        beginScan(); // a second key that fast: the held-back key and this one are a scanner's
        scan += e.key;
      } else {
        if (pending.length) { clearTimeout(timer); timer = null; deliver(); }
        if (personal(e.key, aimed)) {
          pending.push({ key: e.key, target: aimed });
          wait(gap + 5, deliver);
          return;
        }
        scan = e.key; // no person types this here: a scan has begun
      }
      if (charSuffix && scan.endsWith(charSuffix) && scan.length > prefix.length + charSuffix.length) {
        scan = scan.substring(0, scan.length - charSuffix.length);
        finish();
        return;
      }
      wait(pause, pauseOver);
    }, true);
  }

  global.KeyWedge = { install: install };
})(window);
