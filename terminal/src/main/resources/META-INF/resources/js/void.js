/*
 * The void dialog (F4): a void names the sale it reverses and never happens without the cashier's confirmation.
 * Three steps, keyboard only: choose the sale from this counter's list (↑↓, Enter), choose the reason (1–4; 其他 needs a
 * typed reason), then a confirmation that repeats the senior (masked), set, amount and time (Enter voids it). Esc
 * cancels at any step. When the screen already shows the next senior, nothing is preselected and the confirmation
 * says plainly that the sale is not the current senior's.
 * Digits reach this dialog through the scanner's handler (js/scanner.js holds printable keys back), see onKey.
 */
(function (global) {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var sales = [];          // GET /api/sale/voidable, newest first
  var index = -1;          // the row chosen in the list, -1 for none
  var step = 'pick';       // pick, why, confirm
  var current = null;      // the senior on the cashier's screen when the dialog opened (masked name), or null
  var sending = false;
  var REASONS = { '1': '收错套餐', '2': '老人不要了', '3': '重复收款', '4': 'OTHER' };

  function page() { return global.counterPage; }
  function dialog() { return $('void-dialog'); }

  function isOpen() { return dialog().open; }

  function problem(text) {
    var p = $('void-problem');
    p.textContent = text || '';
    p.hidden = !text;
  }

  function open() {
    if (isOpen()) { return; }
    var s = page().state() || {};
    // the screen shows a new senior: the previous sale is listed, never chosen for the cashier
    current = s.preview && s.preview.senior ? s.preview.senior.nameMasked : (s.presented ? '（正在识别的老人）' : null);
    sales = []; index = -1; step = 'pick'; sending = false;
    problem('');
    $('void-now').hidden = !current;
    $('void-now').textContent = current ? '注意：屏幕上现在是 ' + current + '。请核对，撤销的是之前的交易，不是这位老人的。' : '';
    $('void-list').replaceChildren();
    $('void-list').textContent = '正在读取…';
    show('pick');
    dialog().showModal();
    $('void-list').focus();
    CounterApi.fetch('/api/sale/voidable')
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (!res.ok) {
          if (res.j && res.j.code === 'CASHIER_SIGN_IN_REQUIRED') { close(); page().signedOutUnderneath(res.j.message); return; }
          $('void-list').textContent = (res.j && res.j.message) || '读取失败，请按 Esc 后重试';
          return;
        }
        sales = res.j;
        // the sale just paid and still on screen (nobody new presented): chosen, the confirmation still names it
        if (!current && s.lastSale) {
          index = sales.findIndex(function (x) { return x.saleId === s.lastSale.saleId && x.status === 'VOIDABLE'; });
        }
        renderList();
      })
      .catch(function () { $('void-list').textContent = '终端程序没有响应，请按 Esc 后重试'; });
  }

  function close() {
    if (isOpen()) { dialog().close(); }
  }

  function show(which) {
    step = which;
    $('void-pick').hidden = which !== 'pick';
    $('void-why').hidden = which !== 'why';
    $('void-confirm').hidden = which !== 'confirm';
  }

  function line(x) {
    return x.time + '　' + (x.nameMasked || '（未知老人）') + '　' + (x.mealSetName || x.mealSetCode)
      + (x.amountPaid ? '　实收 ' + x.amountPaid + ' 元' : '');
  }

  function renderList() {
    var list = $('void-list');
    list.replaceChildren();
    if (!sales.length) { list.textContent = '本终端今天还没有可显示的交易'; return; }
    sales.forEach(function (x, i) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.dataset.saleId = x.saleId;
      li.setAttribute('aria-selected', String(i === index));
      li.className = 'void-row ' + (x.status === 'VOIDABLE' ? '' : 'not-voidable');
      var what = document.createElement('span');
      what.className = 'what';
      what.textContent = line(x);
      var who = document.createElement('span');
      who.className = 'by';
      who.textContent = '收银员 ' + (x.cashierName ? x.cashierName + '（' + x.cashier + '）' : (x.cashier || '—'));
      var st = document.createElement('span');
      st.className = 'status status-' + x.status.toLowerCase();
      st.textContent = x.statusZh + (x.voidReason ? '：' + x.voidReason : '');
      li.append(what, who, st);
      li.addEventListener('click', function () { index = i; renderList(); next(); });
      list.appendChild(li);
    });
    var chosen = list.querySelector('[aria-selected=true]');
    if (chosen) { chosen.scrollIntoView({ block: 'nearest' }); }
  }

  function move(by) {
    if (!sales.length) { return; }
    index = index < 0 ? (by > 0 ? 0 : sales.length - 1) : Math.max(0, Math.min(sales.length - 1, index + by));
    problem('');
    renderList();
  }

  function reason() {
    var r = document.querySelector('input[name=void-reason]:checked');
    if (!r) { return null; }
    if (r.value !== 'OTHER') { return r.value; }
    var typed = $('void-other').value.trim();
    return typed ? '其他：' + typed : null;
  }

  function chooseReason(key) {
    var value = REASONS[key];
    if (!value) { return; }
    var r = document.querySelector('input[name=void-reason][value="' + value + '"]');
    r.checked = true;
    reasonChanged();
  }

  function reasonChanged() {
    var other = document.querySelector('input[name=void-reason][value=OTHER]').checked;
    $('void-other').hidden = !other;
    problem('');
    // the focus stays off the radio buttons: the scanner logic would type a digit into a focused input, never as a key
    if (other) { $('void-other').focus(); } else { $('void-reasons').focus(); }
  }

  /** Enter: the next step, or the void itself on the confirmation. */
  function next() {
    problem('');
    if (step === 'pick') {
      var x = sales[index];
      if (!x) { problem('请先用 ↑↓ 选择要撤销的交易'); return; }
      if (x.refusalZh) { problem(x.refusalZh); return; }
      $('void-chosen').textContent = '撤销：' + line(x) + '（' + x.time + '）';
      document.querySelectorAll('input[name=void-reason]').forEach(function (r) { r.checked = false; });
      $('void-other').value = '';
      $('void-other').hidden = true;
      show('why');
      $('void-reasons').focus();
      return;
    }
    if (step === 'why') {
      var why = reason();
      if (!why) {
        var other = document.querySelector('input[name=void-reason][value=OTHER]').checked;
        problem(other ? '选择“其他”时请填写原因' : '请按数字键 1–4 选择撤销原因');
        return;
      }
      var s = sales[index];
      $('void-summary').replaceChildren();
      [['老人', s.nameMasked || '（未知老人）'], ['套餐', s.mealSetName || s.mealSetCode], ['实收', (s.amountPaid || '—') + ' 元'],
        ['时间', s.time], ['原因', why]].forEach(function (p) {
        var dt = document.createElement('dt'); dt.textContent = p[0];
        var dd = document.createElement('dd'); dd.textContent = p[1];
        $('void-summary').append(dt, dd);
      });
      $('void-not-current').hidden = !current;
      $('void-not-current').textContent = current ? '这不是屏幕上这位老人（' + current + '）的交易。' : '';
      show('confirm');
      $('void-go').focus();
      return;
    }
    if (step === 'confirm' && !sending) { send(); }
  }

  function send() {
    var s = sales[index];
    sending = true;
    $('void-go').disabled = true;
    CounterApi.fetch('/api/sale/void', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ saleId: s.saleId, reason: reason() }) })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        sending = false;
        $('void-go').disabled = false;
        if (j && j.code === 'CASHIER_SIGN_IN_REQUIRED') { close(); page().signedOutUnderneath(j.message); return; }
        if (!j || typeof j.seq !== 'number') { problem((j && j.message) || '撤销失败，请重试'); return; }
        if (j.error) { page().render(j); problem(j.error.messageZh); return; }
        close();
        page().render(j); // the banner says what to give back
      })
      .catch(function () {
        sending = false;
        $('void-go').disabled = false;
        problem('终端程序没有响应，撤销结果未知：请再按 Enter 确认（不会重复撤销）');
      });
  }

  function back() {
    problem('');
    if (step === 'confirm') { show('why'); reasonChanged(); } else if (step === 'why') { show('pick'); $('void-list').focus(); }
  }

  document.addEventListener('keydown', function (e) {
    if (!isOpen() || e.ctrlKey || e.altKey || e.metaKey) { return; }
    if (/^F[0-9]+$/.test(e.key)) { e.preventDefault(); return; } // no other action while a void is being chosen
    switch (e.key) {
      case 'ArrowDown': if (step === 'pick') { e.preventDefault(); move(1); } break;
      case 'ArrowUp': if (step === 'pick') { e.preventDefault(); move(-1); } break;
      case 'Enter': e.preventDefault(); next(); break;
      case 'Backspace':
        if (document.activeElement !== $('void-other') || !$('void-other').value) { e.preventDefault(); back(); }
        break;
      default:
    }
  });

  function init() {
    dialog().addEventListener('close', function () { sales = []; index = -1; step = 'pick'; });
    document.querySelectorAll('input[name=void-reason]').forEach(function (r) { r.addEventListener('change', reasonChanged); });
    $('void-go').addEventListener('click', next);
    $('void-cancel').addEventListener('click', close);
    $('void-next').addEventListener('click', next);
    $('void-next-why').addEventListener('click', next);
  }
  init();

  /** Digits typed by a person while the dialog is open (delivered by the scanner logic): a reason's number. */
  function onKey(key) {
    if (step === 'why') { chooseReason(key); }
  }

  global.VoidDialog = { open: open, close: close, isOpen: isOpen, onKey: onKey };
})(window);
