/*
 * An ID-card reader in keyboard mode types the card's 18-character number (digits, maybe X) as fast as a scanner, then
 * Enter: the key wedge (js/scanner.js) hands it over as a scan, never typed. In the F2 look-up it is typed into the
 * ID-number field, as a person's typing would be, and a whole number is submitted (the reason chosen stays). Outside
 * the dialog a whole ID number opens the look-up with it filled in, for the cashier to choose the reason and press Enter.
 */
(function (global) {
  'use strict';

  var ID_NUMBER = /^[0-9]{17}[0-9X]$/;

  /** True when {@code text} was an ID-card reader's (digits and X only) and has been taken; false for a QR scan. */
  function typed(text) {
    var dialog = document.getElementById('lookup-dialog');
    var field = document.getElementById('lookup-id');
    var digits = String(text).toUpperCase();
    if (!/^[0-9X]+$/.test(digits)) { return false; }
    if (dialog.open) {
      // pieces already typed by a person (or delivered before a loaded PC split the burst) stay in front
      field.value = (field.value + digits).substring(0, field.maxLength > 0 ? field.maxLength : 18);
      field.dispatchEvent(new Event('input', { bubbles: true }));
      if (ID_NUMBER.test(field.value)) { document.getElementById('lookup-form').requestSubmit(); }
      return true;
    }
    if (!ID_NUMBER.test(digits) || document.querySelector('dialog[open]')) { return false; }
    document.getElementById('lookup').click(); // opens the F2 look-up, as the button does
    if (dialog.open) { field.value = digits; } // the field has the focus: Enter submits
    return true;
  }

  global.IdReader = { typed: typed };
})(window);
