/* The cashier page: renders the counter state pushed by the terminal, and sends the cashier's steps. */
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var state = null;
  var previewKey = null;
  var HOW = { CARD_UID: '刷卡', SOCIAL_SECURITY_CARD: '社保卡', PRINTED_QR: '卡面二维码', PHONE_QR: '手机二维码', MANUAL: '手工查询' };

  function post(path, body) {
    return CounterApi.fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        // signed out meanwhile (idle time, F10 on another page): back to the sign-in panel, saying why
        if (j && j.code === 'CASHIER_SIGN_IN_REQUIRED') { signedOutUnderneath(j.message); return; }
        render(j);
      })
      .catch(function () { showBanner('error', '终端程序没有响应，请稍候再试；如仍不行请重启收银终端'); });
  }

  function showBanner(kind, text) {
    var b = $('banner');
    b.className = 'banner ' + kind;
    b.textContent = text;
    b.hidden = !text;
  }

  function render(s) {
    if (!s || typeof s.seq !== 'number') { return; }
    if (state && s.seq < state.seq) { return; }
    state = s;
    renderCashier(s.cashier);
    if (window.Till) { Till.onState(s); }
    var menu = s.menu;
    $('canteen').textContent = menu ? menu.canteenName + '（标准套餐 ' + menu.standardPrice + ' 元）' : '菜单未读取';
    $('terminal').textContent = s.terminalCode ? '终端 ' + s.terminalCode : '终端未配置';
    renderSets(menu, s.selectedSet);
    renderSenior(s);
    renderConnection(s.connection);
    if (s.error) { showBanner('error', s.error.messageZh); }
    else if (s.message) { showBanner('ok', s.message); }
    else { showBanner('', ''); }
    var last = $('last');
    if (s.lastSale) {
      last.hidden = false;
      last.textContent = '上一笔：' + s.lastSale.senior.nameMasked + ' ' + s.lastSale.mealSet.name + ' 实收 '
        + s.lastSale.amountToPay + ' 元' + (s.lastVoid ? '（已撤销）' : '');
    } else { last.hidden = true; }
    $('print').disabled = !s.lastSale;
    // every previewed meal is sold, subsidised or at full price (a walk-in: Enter with nobody identified, js/till.js)
    $('confirm').disabled = !s.preview;
  }

  /**
   * The connection banner: 离线模式 and the number of sales waiting while the central cannot be reached; the
   * upload's progress when it is back; conflicts and refusals of synced sales; nothing when all is well.
   */
  function renderConnection(c) {
    var el = $('connection');
    var parts = null, cls = 'connection';
    el.removeAttribute('title');
    if (!c) { el.hidden = true; return; }
    if (!c.online) {
      parts = [['state', '离线模式'], ['', '结算中心连不上，本机照常收款'], ['', '待上传'], ['count', String(c.waiting)], ['', '笔'],
        ['small', c.copyDate ? '（离线缓存 ' + c.copyDate + '）' : '（无离线缓存，只能按原价收款）']];
      cls += ' offline';
    } else if (c.waiting > 0) {
      parts = [['', '正在上传离线交易：还剩'], ['count', String(c.waiting)], ['', '笔']];
      cls += ' waiting';
    } else if (c.conflicts > 0 || c.rejected > 0) {
      parts = [['', '离线冲突 ' + c.conflicts + ' 笔，未获补贴 ' + c.rejected + ' 笔']];
      cls += ' notice';
      if (c.notices && c.notices.length) { el.title = c.notices.map(function (n) { return n.messageZh; }).join('\n'); }
    }
    el.className = cls;
    el.textContent = '';
    (parts || []).forEach(function (p) {
      var span = document.createElement(p[0] === 'count' ? 'strong' : 'span');
      if (p[0]) { span.className = p[0]; }
      if (p[0] === 'count') { span.id = 'offline-waiting'; }
      span.textContent = p[1];
      el.appendChild(span);
      el.appendChild(document.createTextNode(' '));
    });
    el.hidden = !parts;
  }

  /** The set's name, with its meal (早餐, 午餐, 晚餐) before it only when the name does not already say it. */
  function setLabel(set) {
    return !set.slotZh || set.name.indexOf(set.slotZh) >= 0 ? set.name : set.slotZh + ' ' + set.name;
  }

  function renderSets(menu, selected) {
    var box = $('sets');
    var sets = menu ? menu.sets : [];
    var key = JSON.stringify(sets.map(function (x) { return [x.code, x.name, x.slotZh, x.priceFen, x.qualifies]; })) + selected;
    if (box.dataset.key === key) { return; }
    box.dataset.key = key;
    var focusedCode = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.code : null;
    box.replaceChildren();
    sets.forEach(function (set, i) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'set';
      b.dataset.code = set.code;
      b.setAttribute('aria-pressed', String(set.code === selected));
      var label = document.createElement('span');
      label.className = 'set-name';
      label.textContent = (i < 9 ? '[' + (i + 1) + '] ' : '') + setLabel(set);
      var foot = document.createElement('span');
      foot.className = 'set-foot';
      var price = document.createElement('span');
      price.className = 'price';
      price.textContent = set.price + '元';
      var tag = document.createElement('span');
      tag.className = 'tag ' + (set.qualifies ? 'ok' : 'no');
      tag.textContent = set.qualifies ? '可补贴' : '不补贴';
      if (!set.qualifies && set.whyNotZh) { tag.title = set.whyNotZh; b.title = set.whyNotZh; }
      foot.appendChild(price);
      foot.appendChild(tag);
      b.appendChild(label);
      b.appendChild(foot);
      b.addEventListener('click', function () { post('/api/sale/select', { mealSetCode: set.code }); });
      box.appendChild(b);
      if (set.code === focusedCode) { b.focus(); }
      if (set.code === selected) { b.scrollIntoView({ block: 'nearest' }); }
    });
  }

  function renderSenior(s) {
    var p = s.preview;
    $('waiting').hidden = !!p;
    $('who').hidden = !p;
    if (!p) { previewKey = null; return; }
    var key = JSON.stringify([p.senior, p.mealSet, p.identifiedBy]);
    if (key !== previewKey) { $('identity-checked').checked = false; previewKey = key; }
    $('name').textContent = p.senior.nameMasked;
    $('id-masked').textContent = p.senior.idNumberMasked;
    $('how').textContent = HOW[s.presented] || p.identifiedBy;
    // whether the senior qualifies, never which category (低保, 特困, disability): the central sends no more
    $('routes').textContent = p.senior.eligibilityZh || '';
    $('check-row').hidden = !p.needsSecondCheck;
    $('set-name').textContent = p.mealSet.name;
    $('price').textContent = p.price + '元';
    $('discount').textContent = p.subsidised ? '-' + p.discount + '元' : '无';
    $('to-pay').textContent = p.amountToPay + '元';
    // the week's remainder is a subsidised senior's figure; for anyone else a number would only mislead
    $('left-week').textContent = p.subsidised && p.senior.eligible ? p.remainingThisWeek + '次' : '—';
    renderRefusal($('reasons'), p);
  }

  /**
   * Why not subsidised, for the cashier only: the central's one-line message and its first reason; the rest behind
   * 详情 (a refused senior can have many policy reasons, and the panel must stay readable at 1024×600).
   */
  function renderRefusal(list, p) {
    var wasOpen = !!list.querySelector('details[open]'); // every state push re-renders: keep 详情 as the cashier left it
    list.replaceChildren();
    if (p.subsidised) { return; }
    function item(text) {
      var li = document.createElement('li');
      li.textContent = text;
      list.appendChild(li);
      return li;
    }
    item(p.refusalMessage || '本餐不享受补贴');
    var more = (p.reasons || []).map(function (r) { return r.message; })
      .filter(function (m) { return m && (p.refusalMessage || '').indexOf(m) < 0; });
    if (more.length) { item(more[0]).className = 'reason'; }
    if (more.length > 1) {
      var details = document.createElement('details');
      details.className = 'more-reasons';
      details.open = wasOpen;
      var summary = document.createElement('summary');
      summary.textContent = '详情（另有 ' + (more.length - 1) + ' 条）';
      var rest = document.createElement('ul');
      more.slice(1).forEach(function (m) {
        var li = document.createElement('li');
        li.textContent = m;
        rest.appendChild(li);
      });
      details.append(summary, rest);
      item('').appendChild(details);
    }
  }

  function confirmSale() {
    // the tender step (js/till.js): 现金 / 微信 / 支付宝 / 刷卡, then the sale with its tender
    if (window.Till && Till.confirm($('identity-checked').checked)) { return; }
    post('/api/sale/confirm', { identityChecked: $('identity-checked').checked });
  }

  function selectByNumber(n) {
    var sets = state && state.menu ? state.menu.sets : [];
    if (n >= 1 && n <= sets.length) { post('/api/sale/select', { mealSetCode: sets[n - 1].code }); }
  }

  function openLookup() {
    if ($('lookup-dialog').open) { return; }
    $('lookup-id').value = '';
    $('lookup-dialog').showModal();
    $('lookup-id').focus();
  }

  function printReceipt() {
    if (state && state.lastSale) {
      window.open('/receipt.html?print=1&sale=' + encodeURIComponent(state.lastSale.saleId), 'receipt');
    }
  }

  function anyDialogOpen() { return $('lookup-dialog').open || $('report-dialog').open || $('cashier-dialog').open || $('void-dialog').open; }

  // --- the cashier's sign-in: while nobody is signed in the sign-in panel is open, and with it every shortcut off
  var wasSignedIn = false;   // a cashier was signed in on this page
  var signingOut = false;    // ... and pressed F10 here
  function renderCashier(c) {
    var dialog = $('cashier-dialog');
    $('cashier').textContent = c ? '收银员 ' + c.name + '(' + c.number + ')' + (c.offline ? ' · 离线登录' : '') : '未登录';
    if (!c && !dialog.open) {
      if ($('lookup-dialog').open) { $('lookup-dialog').close(); }
      if ($('report-dialog').open) { $('report-dialog').close(); }
      if ($('void-dialog').open) { $('void-dialog').close(); }
      $('cashier-pin').value = '';
      // signed out without F10 here: the idle time ran out (or another page signed out); say so
      var problem = $('cashier-problem');
      problem.textContent = wasSignedIn && !signingOut ? '收银员已退出登录（长时间未操作，或已在别处退出），请重新登录' : '';
      problem.hidden = !problem.textContent;
      dialog.showModal();
      $('cashier-number').focus();
    } else if (c && dialog.open) {
      dialog.close();
    }
    wasSignedIn = !!c;
    if (!c) { signingOut = false; }
  }

  function signedOutUnderneath(message) {
    var problem = $('cashier-problem');
    renderCashier(null);
    problem.textContent = message || '请先登录收银员（工号和密码）';
    problem.hidden = false;
  }

  function signIn() {
    var problem = $('cashier-problem');
    CounterApi.fetch('/api/cashier/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: $('cashier-number').value.trim(), pin: $('cashier-pin').value }) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        $('cashier-pin').value = '';
        if (res.ok) {
          problem.hidden = true;
          renderCashier(res.j);
        } else {
          problem.textContent = res.j.message || '登录失败，请重试';
          problem.hidden = false;
          $('cashier-pin').focus();
        }
      })
      .catch(function () { problem.textContent = '终端程序没有响应，请稍候再试'; problem.hidden = false; });
  }

  function signOut() {
    signingOut = true;
    CounterApi.fetch('/api/cashier/sign-out', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      .then(function (r) { return r.json(); }).then(function (c) { renderCashier(c.signedIn ? c : null); });
  }

  function onScan(text) {
    if (IdReader.typed(text)) { return; } // an ID-card reader typed a number (js/id-reader.js): the F2 look-up's
    showBanner('ok', '已扫码，正在识别…');
    CounterApi.fetch('/api/scan', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: text }) })
      .then(scanAnswered)
      .catch(function () { showBanner('error', '终端程序没有响应，请稍候再试'); });
  }

  // a photo from the camera or a picture file: the terminal looks for a QR code in it
  function choosePhoto() {
    if (anyDialogOpen()) { return; }
    $('photo-input').value = '';
    $('photo-input').click();
  }

  function onPhoto() {
    var file = $('photo-input').files[0];
    if (!file) { return; }
    showBanner('ok', '已收到图片，正在识别二维码…');
    // the terminal takes pictures only (never a form or text body); it reads the format from the bytes
    var type = /^image\//.test(file.type) ? file.type : 'image/jpeg';
    CounterApi.fetch('/api/scan/image', { method: 'POST', headers: { 'Content-Type': type }, body: file })
      .then(scanAnswered)
      .catch(function () { showBanner('error', '终端程序没有响应，请稍候再试'); });
  }

  function scanAnswered(r) {
    if (r.status === 404) {
      showBanner('error', '本终端尚未启用扫码识别，请让老人刷卡，或按 F2 手工查询');
      return;
    }
    if (!r.ok) {
      // the terminal's refusal says why (used, expired, forged, no code in the picture) and what to do
      return r.json().then(function (j) { showBanner('error', j.messageZh || j.message || '无法识别该二维码，请重新扫码或按 F2 手工查询'); },
        function () { showBanner('error', '无法识别该二维码，请重新扫码或按 F2 手工查询'); });
    }
    // recognised: the identification arrives through the state stream
  }

  // keys that the scanner logic held back and a person typed outside any field: shortcuts
  function onKey(key) {
    if (VoidDialog.isOpen()) { VoidDialog.onKey(key); return; }
    if (anyDialogOpen()) { return; }
    if (key >= '1' && key <= '9') { selectByNumber(Number(key)); }
  }

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey) { return; }
    if ($('cashier-dialog').open) {
      // signed out: typing and Enter belong to the sign-in form; no F-key may sell, void or look anyone up
      if (/^F[0-9]+$/.test(e.key)) { e.preventDefault(); }
      return;
    }
    if ($('void-dialog').open) { return; } // js/void.js has the keys while a void is chosen
    var lookupOpen = $('lookup-dialog').open;
    // the till's dialogs take their own keys (js/till.js); no shortcut reaches the counter under them
    if (window.Till && Till.dialogOpen()) { if (/^F[0-9]+$/.test(e.key)) { e.preventDefault(); } return; }
    switch (e.key) {
      case 'F2': e.preventDefault(); openLookup(); break;
      case 'F3': e.preventDefault(); choosePhoto(); break;
      case 'F4': e.preventDefault(); if (!anyDialogOpen()) { VoidDialog.open(); } break;
      case 'F6': e.preventDefault(); if (!$('check-row').hidden) { $('identity-checked').checked = !$('identity-checked').checked; } break;
      case 'F7': e.preventDefault(); post('/api/sale/menu/refresh'); break;
      case 'F5': e.preventDefault(); if (window.Till && !anyDialogOpen()) { Till.closeShift(); } break;
      case 'F8': e.preventDefault(); Till.openReport(); break; // the shift's and today's figures (js/till.js)
      case 'F9': e.preventDefault(); printReceipt(); break;
      case 'F10': e.preventDefault(); if (!$('cashier-dialog').open) { signOut(); } break;
      case 'Escape':
        if (anyDialogOpen()) { return; } // the dialog closes itself
        e.preventDefault(); post('/api/sale/clear'); break;
      case 'Enter':
        if (lookupOpen || $('report-dialog').open) { return; }
        if (document.activeElement && document.activeElement.type === 'checkbox') { return; }
        e.preventDefault(); confirmSale(); break;
      default:
    }
  });

  $('confirm').addEventListener('click', confirmSale);
  $('lookup').addEventListener('click', openLookup);
  $('photo').addEventListener('click', choosePhoto);
  $('photo-input').addEventListener('change', onPhoto);
  $('void').addEventListener('click', function () { if (!anyDialogOpen()) { VoidDialog.open(); } });
  $('print').addEventListener('click', printReceipt);
  $('report').addEventListener('click', function () { Till.openReport(); });
  $('next').addEventListener('click', function () { post('/api/sale/clear'); });
  $('sign-out').addEventListener('click', signOut);
  $('cashier-form').addEventListener('submit', function (e) { e.preventDefault(); signIn(); });
  // the panel cannot be put away with Esc: signing in is the only way to the counter
  $('cashier-dialog').addEventListener('cancel', function (e) { e.preventDefault(); });
  $('refresh-menu').addEventListener('click', function () { post('/api/sale/menu/refresh'); });
  $('report-close').addEventListener('click', function () { $('report-dialog').close(); });
  $('lookup-cancel').addEventListener('click', function () { $('lookup-dialog').close(); });
  $('lookup-form').addEventListener('submit', function () {
    post('/api/sale/lookup', { idNumber: $('lookup-id').value, reason: $('lookup-reason').value });
  });

  CounterApi.fetch('/api/terminal').then(function (r) { return r.json(); }).then(function (info) {
    KeyWedge.install(info.scanner, { onScan: onScan, onKey: onKey,
      onIncomplete: function () { showBanner('error', '扫码不完整，请重新扫码'); } });
  });

  function connect() {
    CounterApi.events('/api/sale/events', {
      onopen: function () { $('link').className = 'link-ok'; $('link').title = '已连接'; },
      onmessage: function (e) { render(JSON.parse(e.data)); },
      onerror: function () { $('link').className = 'link-down'; $('link').title = '与终端程序的连接中断，正在重连'; }
    });
  }
  connect();
  CounterApi.fetch('/api/sale/state').then(function (r) { return r.json(); }).then(function (s) {
    render(s);
    if (!s.menu) { post('/api/sale/menu/refresh'); }
  });
  // until the menu could be read (settlement still starting, network down), try again every few seconds
  setInterval(function () {
    if (state && !state.menu && !anyDialogOpen()) { post('/api/sale/menu/refresh'); }
  }, 5000);
  window.counterPage = { state: function () { return state; }, render: render, signedOutUnderneath: signedOutUnderneath };
})();
