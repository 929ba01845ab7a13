/* The printable receipt of one sale (receipt.html?sale=<id>[&print=1]), built from text, never HTML from data. */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var box = document.getElementById('receipt');
  document.getElementById('receipt-print').addEventListener('click', function () { window.print(); });
  document.getElementById('receipt-close').addEventListener('click', function () { window.close(); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { window.close(); } });
  function row(label, value, cls) {
    var d = document.createElement('div'); d.className = 'row' + (cls ? ' ' + cls : '');
    var a = document.createElement('span'); a.textContent = label;
    var b = document.createElement('span'); b.textContent = value;
    d.appendChild(a); d.appendChild(b); return d;
  }
  function el(tag, text, cls) { var e = document.createElement(tag); e.textContent = text; if (cls) { e.className = cls; } return e; }
  CounterApi.fetch('/api/receipts/' + encodeURIComponent(params.get('sale') || ''))
    .then(function (r) { if (!r.ok) { throw new Error(); } return r.json(); })
    .then(function (r) {
      box.replaceChildren();
      box.appendChild(el('h1', r.canteenName));
      box.appendChild(el('h2', '助餐消费小票'));
      if (r.voided) { box.appendChild(el('div', '已撤销', 'void')); }
      box.appendChild(el('hr', ''));
      box.appendChild(row('时间', r.time.replace('T', ' ')));
      box.appendChild(row('终端', r.terminalCode));
      box.appendChild(row('老人', r.seniorNameMasked));
      box.appendChild(row('证件', r.idNumberMasked));
      box.appendChild(el('hr', ''));
      box.appendChild(row(r.setName, r.price + '元'));
      box.appendChild(row('助餐补贴减免', '-' + r.discount + '元'));
      box.appendChild(row('实付', r.amountToPay + '元', 'pay'));
      box.appendChild(el('hr', ''));
      box.appendChild(row('本周剩余补贴次数', r.remainingThisWeek + '次'));
      box.appendChild(el('div', '单号 ' + r.saleId, 'id'));
      box.appendChild(el('div', '谢谢惠顾 祝您健康', 'center'));
      if (params.get('print') === '1') { setTimeout(function () { window.print(); }, 100); }
    })
    .catch(function () { box.textContent = '未找到该小票（终端只保留最近的小票），请在收银页面重新选择'; });
})();
