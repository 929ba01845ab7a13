/* The printable Z report of a closed shift (zreport.html?shift=<id>[&print=1]), built from text, never HTML from data. */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var box = document.getElementById('zreport');
  document.getElementById('z-print').addEventListener('click', function () { window.print(); });
  document.getElementById('z-close').addEventListener('click', function () { window.close(); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { window.close(); } });
  function row(label, value, cls) {
    var d = document.createElement('div'); d.className = 'row' + (cls ? ' ' + cls : '');
    var a = document.createElement('span'); a.textContent = label;
    var b = document.createElement('span'); b.textContent = value;
    d.appendChild(a); d.appendChild(b); return d;
  }
  function el(tag, text, cls) { var e = document.createElement(tag); e.textContent = text; if (cls) { e.className = cls; } return e; }
  function time(t) { return t ? String(t).replace('T', ' ').slice(0, 16) : ''; }
  CounterApi.fetch('/api/till/shifts/' + encodeURIComponent(params.get('shift') || '') + '/z')
    .then(function (r) { if (!r.ok) { throw new Error(); } return r.json(); })
    .then(function (z) {
      box.replaceChildren();
      box.appendChild(el('h1', '交班报表'));
      box.appendChild(el('h2', 'Z报表'));
      box.appendChild(row('终端', z.terminalCode));
      if (z.canteenCode) { box.appendChild(row('食堂', z.canteenCode)); }
      box.appendChild(row('开班', time(z.openedAt) + '（' + z.openedBy + '）'));
      box.appendChild(row('交班', time(z.closedAt) + '（' + z.closedBy + '）'));
      box.appendChild(el('hr', ''));
      box.appendChild(el('h3', '按收款方式'));
      z.byTender.forEach(function (t) { box.appendChild(row(t.tenderZh + ' ' + t.sales + '笔', t.takings + '元')); });
      box.appendChild(el('h3', '按类型'));
      box.appendChild(row('补贴餐 ' + z.subsidised.meals + '份', z.subsidised.paid + '元'));
      box.appendChild(row('其中补贴减免', z.subsidised.discount + '元'));
      box.appendChild(row('原价餐 ' + z.fullPrice.meals + '份', z.fullPrice.paid + '元'));
      box.appendChild(row('撤销 ' + z.voids + '笔', '退款 ' + z.refunded + '元'));
      box.appendChild(row('手工查询', z.manualLookUps + '笔'));
      box.appendChild(row('离线交易', z.offlineSales + '笔'));
      box.appendChild(el('hr', ''));
      box.appendChild(row('备用金', z['float'] + '元'));
      box.appendChild(row('应有现金', z.expectedCash + '元'));
      box.appendChild(row('实点现金', z.countedCash + '元', 'strong'));
      box.appendChild(row('现金差额', z.cashDifference + '元', 'strong'));
      box.appendChild(el('div', '班次号 ' + z.shiftId, 'id'));
      if (params.get('print') === '1') { setTimeout(function () { window.print(); }, 100); }
    })
    .catch(function () { box.textContent = '未找到该班次的交班报表，请在收银页面重新打开'; });
})();
