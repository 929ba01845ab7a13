/*
 * The till on the cashier page: the shift (opened with a float after a cashier signs in, closed with the counted cash
 * into a Z report), the tender step after Enter (现金 / 微信 / 支付宝 / 刷卡, the change in large type), walk-in sales
 * at full price, and the X report (F8) from the till journal, which works offline. counter.js calls Till.onState
 * with every counter state, Till.confirm on Enter, and routes F5/F8 here.
 */
(function (global) {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var shift = null;          // the last answer of GET /api/till/shift
  var signedIn = false;
  var state = null;          // the last counter state
  var selling = false;       // a sale with its tender is under way
  var pending = null;        // {walkIn, identityChecked, dueFen} of the open tender step
  var PAYMENT_CODES = ['TENDERED_TOO_LITTLE', 'TENDERED_TOO_MUCH', 'TENDER_NOT_EXACT', 'INVALID_AMOUNT', 'INVALID_AMOUNT_TEXT', 'UNKNOWN_TENDER'];
  var TENDER_KEYS = { w: 'WECHAT', a: 'ALIPAY', k: 'BANK_CARD' };
  var TENDER_ZH = { CASH: '现金', WECHAT: '微信', ALIPAY: '支付宝', BANK_CARD: '刷卡' };

  function call(method, path, body) {
    var o = { method: method, headers: { 'Content-Type': 'application/json' } };
    if (method !== 'GET') { o.body = JSON.stringify(body || {}); }
    return CounterApi.fetch(path, o).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, status: r.status, j: j }; },
        function () { return { ok: false, status: r.status, j: {} }; });
    });
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function time(t) { return t ? String(t).replace('T', ' ').slice(0, 16) : ''; }

  /** "50" or "50.5" yuan as fen, or null: integers only, never floating point. */
  function fenOf(text) {
    var m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text || '');
    if (!m) { return null; }
    return Number(m[1]) * 100 + (m[2] ? Number((m[2] + '0').slice(0, 2)) : 0);
  }

  function yuanOf(fen) {
    var neg = fen < 0; fen = Math.abs(fen);
    return (neg ? '-' : '') + Math.floor(fen / 100) + '.' + String(fen % 100).padStart(2, '0');
  }

  function dialogs() { return ['till-float-dialog', 'till-tender-dialog', 'till-close-dialog', 'till-z-dialog']; }

  function dialogOpen() { return dialogs().some(function (id) { return $(id).open; }); }

  function otherDialogOpen() {
    return ['cashier-dialog', 'lookup-dialog', 'report-dialog'].some(function (id) { return $(id) && $(id).open; });
  }

  function closeAll() { dialogs().forEach(function (id) { if ($(id).open) { $(id).close(); } }); }

  // --- the shift ------------------------------------------------------------------------------------------------
  /**
   * Reads the shift. With {@code settle}, a closed shift is read again a moment later before the float is asked for:
   * a sign-in made elsewhere (another page, a tool) may be followed at once by that side opening the shift.
   */
  function refreshShift(settle) {
    return call('GET', '/api/till/shift').then(function (res) {
      if (!res.ok) { return; }
      shift = res.j;
      renderShift();
      if (shift.open && $('till-float-dialog').open) { $('till-float-dialog').close(); }
      if (!shift.open && settle) { setTimeout(refreshShift, 1000); return; }
      askFloatIfNeeded();
    }, function () { /* the terminal restarts: the next state asks again */ });
  }

  function renderShift() {
    var s = $('till-shift');
    if (!shift || !shift.open) { s.textContent = '未开班'; s.className = 'till-shift closed'; return; }
    s.textContent = '班次 ' + time(shift.shift.openedAt).slice(11) + ' 起 · 备用金 ' + shift.soFar.float + ' 元';
    s.className = 'till-shift';
  }

  function askFloatIfNeeded() {
    if (!signedIn || !shift || shift.open || dialogOpen() || otherDialogOpen()) { return; }
    $('till-float').value = '';
    $('till-float-problem').hidden = true;
    $('till-float-dialog').showModal();
    $('till-float').focus();
  }

  function openShift() {
    var problem = $('till-float-problem');
    call('POST', '/api/till/shift/open', { openingFloat: $('till-float').value }).then(function (res) {
      if (res.ok) {
        shift = res.j;
        $('till-float-dialog').close();
        renderShift();
      } else {
        problem.textContent = res.j.message || '开班失败，请重试';
        problem.hidden = false;
        if (res.j.code === 'SHIFT_ALREADY_OPEN') { $('till-float-dialog').close(); refreshShift(); }
      }
    }, function () { problem.textContent = '终端程序没有响应，请稍候再试'; problem.hidden = false; });
  }

  // --- the tender step --------------------------------------------------------------------------------------------
  function dueOf(s) {
    if (s.preview) { return s.preview.subsidised ? s.preview.amountToPayFen : s.preview.priceFen; }
    var sets = s.menu ? s.menu.sets : [];
    for (var i = 0; i < sets.length; i++) { if (sets[i].code === s.selectedSet) { return sets[i].priceFen; } }
    return null;
  }

  /** Enter on the counter: the tender step. False when there is nothing to sell here (counter.js says why). */
  function confirm(identityChecked) {
    var s = state;
    if (!s || dialogOpen()) { return !!s; }
    var walkIn = !s.preview;
    if (walkIn && (s.presented || !s.selectedSet || s.pendingSaleId)) { return false; }
    // the shift may have been opened elsewhere a moment ago (another page, the API): ask, then go on if it is open
    if (!shift || !shift.open) {
      refreshShift().then(function () { if (shift && shift.open) { confirm(identityChecked); } });
      return true;
    }
    var due = dueOf(s);
    if (due === null) { return false; }
    if (s.preview && s.preview.subsidised && s.preview.needsSecondCheck && !identityChecked) { return false; }
    pending = { walkIn: walkIn, identityChecked: identityChecked, dueFen: due };
    var title = walkIn ? '未识别老人：按原价售出？' : s.preview.subsidised ? '收款' : '本餐不享受补贴：按原价收款';
    $('till-tender-title').textContent = title;
    var what = walkIn ? '散客' : s.preview.senior.nameMasked;
    var setName = walkIn ? ((s.menu.sets.filter(function (x) { return x.code === s.selectedSet; })[0] || {}).name || '')
      : s.preview.mealSet.name;
    $('till-tender-what').textContent = what + ' · ' + setName;
    $('till-due').textContent = yuanOf(due);
    $('till-tendered').value = '';
    $('till-tender-problem').hidden = true;
    showChange();
    $('till-tender-dialog').showModal();
    $('till-tendered').focus();
    return true;
  }

  function showChange() {
    var out = $('till-live-change');
    var fen = fenOf($('till-tendered').value);
    if (!$('till-tendered').value.trim()) { out.textContent = '不输入金额即按应收金额收现金'; out.className = 'till-live small'; return; }
    if (fen === null) { out.textContent = '金额格式不正确，例如 50 或 50.5'; out.className = 'till-live warn'; return; }
    var change = fen - pending.dueFen;
    if (change < 0) { out.textContent = '收款不足：还差 ' + yuanOf(-change) + ' 元'; out.className = 'till-live warn'; return; }
    out.textContent = '找零 ' + yuanOf(change) + ' 元';
    out.className = 'till-live change';
  }

  function pay(tender) {
    if (selling || !pending) { return; }
    selling = true;
    // the amount shown goes with the sale: if the set or the customer changed under the dialog, nothing is sold
    var body = { identityChecked: pending.identityChecked, tender: tender, walkIn: pending.walkIn, dueFen: pending.dueFen,
      tendered: tender === 'CASH' ? $('till-tendered').value.trim() : '' };
    var problem = $('till-tender-problem');
    call('POST', '/api/till/sell', body).then(function (res) {
      selling = false;
      if (res.ok && res.j.sale) {
        $('till-tender-dialog').close();
        // the next customer's scan must not go to the amount field of a closed dialog
        if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
        pending = null;
        showPaid(res.j.sale);
        return;
      }
      var err = res.ok ? (res.j.state && res.j.state.error) : { code: res.j.code, messageZh: res.j.message };
      if (err && PAYMENT_CODES.indexOf(err.code) >= 0) {
        problem.textContent = err.messageZh;
        problem.hidden = false;
        $('till-tendered').focus();
        return;
      }
      // not a matter of the payment (a second check, a shift, the network): the counter's banner says it
      $('till-tender-dialog').close();
      pending = null;
      if (err && err.code === 'SHIFT_NOT_OPEN') { refreshShift(); }
    }, function () {
      selling = false;
      problem.textContent = '终端程序没有响应，请稍候再试';
      problem.hidden = false;
    });
  }

  /** The sale made: what was taken and, for cash, the change in large type until the next customer. */
  function showPaid(sale) {
    var box = $('till-change');
    box.replaceChildren();
    box.appendChild(el('div', TENDER_ZH[sale.tender] + ' 收款 ' + yuanOf(sale.amountDueFen) + ' 元'
      + (sale.subsidised ? '' : '（原价）'), 'till-paid'));
    if (sale.changeFen > 0) {
      box.appendChild(el('div', '收 ' + yuanOf(sale.tenderedFen) + ' 元', 'small'));
      var c = el('div', '找零 ' + yuanOf(sale.changeFen) + ' 元', 'till-change-amount');
      c.id = 'till-change-amount';
      box.appendChild(c);
    }
    box.hidden = false;
    box.dataset.sale = sale.saleId;
    refreshShift();
  }

  // --- closing the shift (交班) -------------------------------------------------------------------------------------
  function closeShift() {
    if (dialogOpen() || otherDialogOpen()) { return; }
    if (!shift || !shift.open) { refreshShift(); return; }
    $('till-counted').value = '';
    $('till-close-problem').hidden = true;
    $('till-close-dialog').showModal();
    $('till-counted').focus();
  }

  function submitClose() {
    var problem = $('till-close-problem');
    call('POST', '/api/till/shift/close', { countedCash: $('till-counted').value }).then(function (res) {
      if (!res.ok) { problem.textContent = res.j.message || '交班失败，请重试'; problem.hidden = false; return; }
      $('till-close-dialog').close();
      shift = { open: false };
      renderShift();
      showZ(res.j);
    }, function () { problem.textContent = '终端程序没有响应，请稍候再试'; problem.hidden = false; });
  }

  function showZ(z) {
    var body = $('till-z-body');
    body.replaceChildren.apply(body, render(z, true));
    $('till-z-dialog').dataset.shift = z.shiftId;
    $('till-z-dialog').showModal();
    $('till-z-print').focus();
  }

  function printZ() {
    var id = $('till-z-dialog').dataset.shift;
    if (id) { window.open('/zreport.html?print=1&shift=' + encodeURIComponent(id), 'zreport'); }
  }

  /** A shift's report (the Z report, or the X figures so far) as elements: built from text, never HTML from data. */
  function render(z, closed) {
    function table(cls, head, rows) {
      var t = el('table', null, cls);
      var th = el('thead'); var tr = el('tr');
      head.forEach(function (h) { tr.appendChild(el('th', h)); });
      th.appendChild(tr); t.appendChild(th);
      var tb = el('tbody');
      rows.forEach(function (r) {
        var row = el('tr');
        r.forEach(function (c, i) { row.appendChild(el(i === 0 ? 'th' : 'td', c)); });
        tb.appendChild(row);
      });
      t.appendChild(tb);
      return t;
    }
    var parts = [el('div', '终端 ' + (z.terminalCode || '') + (z.canteenCode ? ' · 食堂 ' + z.canteenCode : '') + ' · 开班 '
      + time(z.openedAt) + '（' + z.openedBy + '）' + (closed ? ' · 交班 ' + time(z.closedAt) + '（' + z.closedBy + '）' : ''), 'till-report-head')];
    // by tender and by kind side by side: the whole report fits the 1024×600 screen
    var two = el('div', null, 'till-two');
    two.appendChild(table('till-report till-tenders', ['收款方式', '笔数', '金额（元）'],
      z.byTender.map(function (t) { return [t.tenderZh, t.sales, t.takings]; })));
    two.appendChild(table('till-report till-kinds', ['类型', '餐数', '减免（元）', '实收（元）'], [
      ['补贴餐', z.subsidised.meals, z.subsidised.discount, z.subsidised.paid],
      ['原价餐', z.fullPrice.meals, z.fullPrice.discount, z.fullPrice.paid]]));
    parts.push(two);
    var rows = [['备用金', z['float'] + ' 元', '撤销', z.voids + ' 笔，退款 ' + z.refunded + ' 元'],
      ['手工查询', z.manualLookUps + ' 笔', '离线交易', z.offlineSales + ' 笔'],
      ['应有现金', z.expectedCash + ' 元', closed ? '实点现金' : '', closed ? z.countedCash + ' 元' : '']];
    if (closed) {
      rows.push(['现金差额', z.cashDifference + ' 元' + (z.cashDifferenceFen < 0 ? '（短款）' : z.cashDifferenceFen > 0 ? '（长款）' : ''), '', '']);
    }
    var totals = table('till-report till-totals', ['项目', '数额', '项目', '数额'], rows);
    totals.querySelectorAll('tbody td:nth-child(3)').forEach(function (c) {
      var th = el('th', c.textContent); c.replaceWith(th); // the third cell of a row names a figure too
    });
    parts.push(totals);
    return parts;
  }

  // --- the X report (F8): this shift from the journal, today's central figures when it answers ---------------------
  function openReport() {
    var d = $('report-dialog');
    $('report-body').textContent = '正在读取…';
    if (!d.open) { d.showModal(); }
    $('report-close').focus();
    call('GET', '/api/till/x').then(function (res) {
      if (!res.ok) { $('report-body').textContent = res.j.message || '读取失败，请稍后重试'; return; }
      var x = res.j;
      var parts = [];
      if (x.shift && x.shift.open) {
        parts.push(el('h3', '本班次（本机记录）'));
        parts = parts.concat(render(x.shift.soFar, false));
      } else {
        parts.push(el('div', '本机没有未交班的班次', 'till-report-head'));
      }
      var c = x.central;
      if (x.centralReachable && c) {
        parts.push(el('h3', '今日汇总（结算中心）'));
        parts.push(el('p', c.date + ' · 终端 ' + c.terminalCode + ' · 食堂 ' + c.canteenCode));
        var rows = [['销售笔数', 'sales'], ['撤销笔数', 'voids'], ['有效笔数', 'netMeals'], ['补贴餐数', 'subsidisedMeals'],
          ['销售额（元）', 'salesYuan'], ['减免（元）', 'discountYuan'], ['实收（元）', 'paidYuan']];
        var t = el('table', null, 'report');
        var head = el('thead'); var hr = el('tr');
        ['项目', '本终端', '全食堂'].forEach(function (h) { hr.appendChild(el('th', h)); });
        head.appendChild(hr); t.appendChild(head);
        var tb = el('tbody');
        rows.forEach(function (r) {
          var tr = el('tr');
          tr.appendChild(el('th', r[0])); tr.appendChild(el('td', c.terminal[r[1]])); tr.appendChild(el('td', c.canteen[r[1]]));
          tb.appendChild(tr);
        });
        t.appendChild(tb);
        parts.push(t);
      } else {
        parts.push(el('div', x.centralProblem ? x.centralProblem.message : '结算中心连不上：以上为本机记录，联网后可查看全食堂汇总', 'till-offline-note'));
      }
      var byCashier = c && c.cashiers ? c.cashiers : [];
      if (byCashier.length) {
        var ct = el('table', null, 'report-cashiers');
        var ch = el('thead'); var chr = el('tr');
        ['收银员', '收款笔数', '其中待上传'].forEach(function (h) { chr.appendChild(el('th', h)); });
        ch.appendChild(chr); ct.appendChild(ch);
        var cb = el('tbody');
        byCashier.forEach(function (k) {
          var who = k.number === null || k.number === undefined ? '（未登录时）' : (k.name ? k.name + '（' + k.number + '）' : k.number);
          var tr = el('tr');
          tr.appendChild(el('th', who)); tr.appendChild(el('td', k.sales)); tr.appendChild(el('td', k.waiting));
          cb.appendChild(tr);
        });
        ct.appendChild(cb);
        parts.push(el('h3', '本终端今日各收银员补贴收款（本机记录，不含撤销）'), ct);
      }
      $('report-body').replaceChildren.apply($('report-body'), parts);
    }, function () { $('report-body').textContent = '读取失败，请稍后重试'; });
  }

  /** Every counter state: a sign-in asks for the float when no shift is open; a new customer puts the change away. */
  function onState(s) {
    var was = signedIn;
    signedIn = !!s.cashier;
    if (signedIn && !was) { refreshShift(true); }
    if (!signedIn) { closeAll(); pending = null; }
    if (s.error && s.error.code === 'SHIFT_NOT_OPEN') { refreshShift(); }
    var box = $('till-change');
    if (!box.hidden && (s.preview || (state && state.display && s.display && s.display.tone === 'WELCOME' && state.display.tone !== 'WELCOME'))) {
      box.hidden = true;
    }
    state = s;
  }

  // --- wiring -------------------------------------------------------------------------------------------------------
  $('till-float-form').addEventListener('submit', function (e) { e.preventDefault(); openShift(); });
  $('till-close-form').addEventListener('submit', function (e) { e.preventDefault(); submitClose(); });
  // the tender step is driven by its keys (Enter, W, A, K): a submit must neither close the dialog nor sell twice
  $('till-tender-form').addEventListener('submit', function (e) { e.preventDefault(); });
  $('till-close-cancel').addEventListener('click', function () { $('till-close-dialog').close(); });
  $('till-tendered').addEventListener('input', showChange);
  $('till-tender-dialog').addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey) { return; }
    var key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'Enter') { e.preventDefault(); pay('CASH'); return; }
    if (TENDER_KEYS[key]) { e.preventDefault(); pay(TENDER_KEYS[key]); }
  });
  $('till-tender-dialog').addEventListener('close', function () { pending = null; });
  document.querySelectorAll('#till-tender-dialog [data-tender]').forEach(function (b) {
    b.addEventListener('click', function () { pay(b.dataset.tender); });
  });
  $('till-tender-cancel').addEventListener('click', function () { $('till-tender-dialog').close(); });
  $('till-z-print').addEventListener('click', printZ);
  $('till-z-close').addEventListener('click', function () { $('till-z-dialog').close(); });
  // after the Z report, the next shift: the cashier who stays (or the next one, after signing in) counts the float
  $('till-z-dialog').addEventListener('close', function () { refreshShift(); });
  $('till-z-dialog').addEventListener('keydown', function (e) {
    if (e.key === 'F9' || e.key === 'p' || e.key === 'P') { e.preventDefault(); printZ(); }
  });
  $('close-shift').addEventListener('click', closeShift);
  // while the float is asked for, a shift opened elsewhere (another page of this counter) puts the question away
  setInterval(function () { if ($('till-float-dialog').open) { refreshShift(); } }, 2000);

  global.Till = { onState: onState, confirm: confirm, dialogOpen: dialogOpen, openReport: openReport,
    closeShift: closeShift, render: render, shift: function () { return shift; } };
})(window);
