// Handbook library: one-click copy of citations, and page links that open
// the built-in viewer (the PDF at the page with the words marked) instead of
// the plain PDF. Without JavaScript the citations are shown as text and the
// links open the PDF itself.
(function () {
  'use strict';
  var doc = document;

  // Page links: the viewer is a page of this site, so it can be
  // bookmarked and shared like any other.
  Array.prototype.forEach.call(doc.querySelectorAll('a[data-viewer]'), function (a) {
    a.href = a.getAttribute('data-viewer');
  });

  doc.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('button.copy');
    if (!b) return;
    var text = b.getAttribute('data-copy') || '';
    copy(text).then(function () { done(b, 'Copied'); }, function () { done(b, 'Press Ctrl+C to copy'); select(b); });
  });

  // copy puts text on the clipboard: with the Clipboard API where the
  // page may use it, else (or when it refuses) with the older command.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacy(text); });
    }
    return legacy(text);
  }

  function legacy(text) {
    return new Promise(function (resolve, reject) {
      var t = doc.createElement('textarea');
      t.value = text;
      t.setAttribute('readonly', '');
      t.style.position = 'fixed';
      t.style.opacity = '0';
      doc.body.appendChild(t);
      t.select();
      var ok = false;
      try { ok = doc.execCommand('copy'); } catch (_) { ok = false; }
      doc.body.removeChild(t);
      if (ok) { resolve(); } else { reject(new Error('copy refused')); }
    });
  }

  // done says what happened, in the button and to screen readers.
  function done(b, msg) {
    var label = b.getAttribute('data-label');
    if (label === null) {
      label = b.innerHTML;
      b.setAttribute('data-label', label);
    }
    b.textContent = msg;
    b.classList.add('copied');
    var live = doc.getElementById('copy-status');
    if (!live) {
      live = doc.createElement('p');
      live.id = 'copy-status';
      live.className = 'vh';
      live.setAttribute('role', 'status');
      doc.body.appendChild(live);
    }
    live.textContent = msg === 'Copied' ? 'Citation copied' : msg;
    setTimeout(function () {
      b.innerHTML = label;
      b.classList.remove('copied');
    }, 2000);
  }

  // select marks the citation next to the button, for a manual copy.
  function select(b) {
    var box = b.closest('details, section, li');
    var c = box && box.querySelector('.citation');
    if (!c) return;
    var r = doc.createRange();
    r.selectNodeContents(c);
    var s = window.getSelection();
    s.removeAllRanges();
    s.addRange(r);
  }
})();
