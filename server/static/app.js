// Handbook library: small improvements over pages that work without it.
// The URL stays the state: every change loads a search page by its address,
// so bookmarks, sharing, back and forward behave as without JavaScript.
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');

  var form = doc.getElementById('sf');
  if (!form) return;
  var FOCUS_KEY = 'hb-focus';

  // go loads the search page for the form's current state, leaving out
  // empty fields and the default order so that addresses stay short.
  var going = false;
  function go() {
    if (going) return; // one load per action, even if a key sends two events
    going = true;
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      v = String(v).trim();
      if (v !== '' && !(k === 'sort' && v === 'relevance')) params.append(k, v);
    });
    var qs = params.toString();
    location.assign(qs ? '/?' + qs : '/');
  }

  // A page shown by back or forward shows its address: the browser may
  // restore it with the boxes ticked just before leaving, so set every
  // control back to what the page was served with.
  window.addEventListener('pageshow', function () {
    going = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = el.defaultChecked;
      } else if (el.tagName === 'SELECT') {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = o.defaultSelected; });
      } else if ('defaultValue' in el && el.type !== 'submit' && el.type !== 'hidden') {
        el.value = el.defaultValue;
      }
    });
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    go();
  });

  // A ticked facet or a new sort order applies at once; the control keeps
  // the focus across the page load.
  doc.addEventListener('change', function (e) {
    var t = e.target;
    if (t.form !== form) return;
    if (t.type === 'checkbox' || t.id === 'sort') {
      remember(t.id);
      go();
    }
  });

  function remember(id) {
    try { sessionStorage.setItem(FOCUS_KEY, id); } catch (_) { /* storage may be off */ }
  }
  (function restoreFocus() {
    var id = null;
    try { id = sessionStorage.getItem(FOCUS_KEY); sessionStorage.removeItem(FOCUS_KEY); } catch (_) { return; }
    var el = id && doc.getElementById(id);
    if (el) {
      var d = el.closest('details');
      if (d) d.open = true;
      el.focus();
    }
  })();

  suggest(doc.getElementById('q'));

  // suggest turns the search box into a combobox with completions from
  // /api/suggest. Arrow keys move, Enter picks, Escape closes.
  function suggest(input) {
    if (!input || !window.fetch) return;
    var list = doc.createElement('ul');
    list.id = 'q-suggest';
    list.className = 'suggest';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions');
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');

    var timer = 0, seq = 0, active = -1, items = [];

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        var n = items.length;
        move(e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        pick(items[active]);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', close);
    // mousedown, not click: it comes before the input loses focus.
    list.addEventListener('mousedown', function (e) {
      var li = e.target.closest('li');
      if (li) {
        e.preventDefault();
        pick(li.textContent);
      }
    });

    function fetchSuggestions() {
      var v = input.value.trim();
      var mine = ++seq;
      if (v.length < 2) { close(); return; }
      fetch('/api/suggest?' + new URLSearchParams({ q: v }), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) {
          if (mine !== seq) return; // a later keystroke has its own answer
          show((d && d.suggestions) || []);
        })
        .catch(function () { /* suggestions are optional */ });
    }

    function show(words) {
      items = words.filter(function (w) { return typeof w === 'string' && w !== ''; }).slice(0, 8);
      list.textContent = '';
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (!items.length || doc.activeElement !== input) { close(); return; }
      items.forEach(function (w, i) {
        var li = doc.createElement('li');
        li.id = 'q-suggest-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = w;
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function move(i) {
      var lis = list.children;
      if (active >= 0 && lis[active]) lis[active].setAttribute('aria-selected', 'false');
      active = i;
      lis[i].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', lis[i].id);
    }

    function pick(w) {
      input.value = w;
      close();
      go();
    }

    function close() {
      seq++;
      list.hidden = true;
      list.textContent = '';
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
  }
})();
