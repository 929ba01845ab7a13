/* The senior display: shows (and, when switched on, speaks) what the counter state says to the senior. */
(function () {
  'use strict';
  var lastSeq = -1, spoken = null, voiceOn = false, canSpeak = 'speechSynthesis' in window;
  var voiceButton = document.getElementById('voice');
  if (!canSpeak) { voiceButton.hidden = true; }
  // browsers speak only after a person has interacted with the page once
  voiceButton.addEventListener('click', function () {
    voiceOn = !voiceOn;
    voiceButton.textContent = voiceOn ? '关闭语音播报' : '开启语音播报';
    if (voiceOn) { say('语音播报已开启'); }
  });
  function say(text) {
    if (!canSpeak || !voiceOn || !text) { return; }
    var u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    u.rate = 0.85; // slower for older listeners
    var zh = speechSynthesis.getVoices().filter(function (v) { return /^zh(-|_)?(CN|Hans)?/i.test(v.lang); })[0];
    if (zh) { u.voice = zh; }
    speechSynthesis.cancel();
    speechSynthesis.speak(u);
  }
  // The headline's phrases ("减免3元" "本周还剩2次") each in a box of their own: a line breaks between them, and
  // inside one only when it is wider than the screen. Text only: names reach this page from the register.
  function phrases(el, text) {
    el.replaceChildren();
    (text || '').split(' ').filter(function (p) { return p; }).forEach(function (p, i) {
      if (i > 0) { el.appendChild(document.createTextNode(' ')); }
      var span = document.createElement('span');
      span.className = 'phrase';
      span.textContent = p;
      el.appendChild(span);
    });
  }
  function line(id, text) {
    var el = document.getElementById(id);
    el.textContent = text || '';
    el.hidden = !text;
  }
  function render(s) {
    if (!s || s.seq <= lastSeq) { return; }
    lastSeq = s.seq;
    var d = s.display;
    document.body.className = d.tone;
    phrases(document.getElementById('headline'), d.headline);
    line('amount', d.amount);
    line('detail', d.detail);
    line('note', d.note);
    if (d.speak && d.speak !== spoken) { spoken = d.speak; say(d.speak); }
    if (!d.speak) { spoken = null; }
  }
  CounterApi.events('/api/sale/events', { onmessage: function (e) { render(JSON.parse(e.data)); } });
  CounterApi.fetch('/api/sale/state').then(function (r) { return r.json(); }).then(render);
})();
