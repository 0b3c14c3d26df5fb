/*
 * Keyword suggestions as you type (ADR 0041): turns every text field with `data-kc-suggest`
 * (the address of a suggestion API answering {items: [{uri, label}]}) into a WAI-ARIA 1.2
 * combobox with a list popup: arrows move through the suggestions, Enter takes one, Escape
 * closes the list, Tab leaves the field as it is; a polite live region says how many there are.
 * `data-kc-suggest-mode="list"`: the field holds keywords separated by commas and only the one
 * after the last comma is completed. The page's texts come from data attributes (Dutch or
 * English, as the page). Without this script the field is the plain text field it was.
 */
(function () {
  'use strict';

  var MIN_CHARS = 2;
  var WAIT_MS = 150;
  var LIMIT = 8;
  var counter = 0;

  function enhance(input) {
    var source = input.getAttribute('data-kc-suggest');
    var listMode = input.getAttribute('data-kc-suggest-mode') === 'list';
    var texts = {
      label: input.getAttribute('data-kc-suggest-label') || '',
      one: input.getAttribute('data-kc-suggest-one') || '',
      many: input.getAttribute('data-kc-suggest-many') || '',
      none: input.getAttribute('data-kc-suggest-none') || '',
      note: input.getAttribute('data-kc-suggest-note') || '',
    };
    var id = 'kc-suggest-' + ++counter;
    var host = input.parentElement;
    host.classList.add('kc-suggest');

    var panel = document.createElement('div');
    panel.className = 'kc-suggest__panel';
    panel.hidden = true;
    var list = document.createElement('ul');
    list.id = id + '-lijst';
    list.className = 'kc-suggest__list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', texts.label);
    panel.appendChild(list);
    if (texts.note) {
      var note = document.createElement('p');
      note.className = 'kc-suggest__note';
      note.textContent = texts.note;
      panel.appendChild(note);
    }
    var status = document.createElement('div');
    status.className = 'kc-visually-hidden kc-suggest__count';
    // A live region without role=status: the page's own status message (a notice) stays the one status.
    status.setAttribute('aria-live', 'polite');
    status.setAttribute('aria-atomic', 'true');
    host.appendChild(panel);
    host.appendChild(status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('autocomplete', 'off');

    var items = [];
    var active = -1;
    var timer = 0;
    var pending = null;
    var shownFor = null;
    var cache = new Map();

    /** The keyword being typed: after the last comma in list mode, else the whole field. */
    function current() {
      var value = input.value;
      if (!listMode) return { before: '', term: value.trim() };
      var at = value.lastIndexOf(',');
      return { before: at === -1 ? '' : value.slice(0, at + 1), term: value.slice(at + 1).trim() };
    }
    function chosen() {
      if (!listMode) return new Set();
      return new Set(input.value.split(',').slice(0, -1).map(function (k) { return k.trim().toLocaleLowerCase('nl'); }));
    }

    function close() {
      panel.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function announce(text) {
      status.textContent = text;
    }
    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      active = index;
      if (index === -1) {
        input.removeAttribute('aria-activedescendant');
        return;
      }
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    }
    function show(term, found) {
      var taken = chosen();
      var seen = new Set();
      items = found.filter(function (item) {
        var key = item.label.toLocaleLowerCase('nl');
        if (seen.has(key) || taken.has(key)) return false;
        seen.add(key);
        return true;
      });
      shownFor = term;
      list.textContent = '';
      items.forEach(function (item, index) {
        var option = document.createElement('li');
        option.id = id + '-optie-' + index;
        option.className = 'kc-suggest__option';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = item.label;
        // Keep the focus in the field: the choice is made on mousedown, before the field would blur.
        option.addEventListener('mousedown', function (event) {
          event.preventDefault();
          take(index);
        });
        list.appendChild(option);
      });
      active = -1;
      if (items.length === 0) {
        close();
        announce(texts.none);
        return;
      }
      panel.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      input.removeAttribute('aria-activedescendant');
      announce(items.length === 1 ? texts.one : texts.many.replace('{n}', String(items.length)));
    }
    function take(index) {
      var item = items[index];
      if (!item) return;
      var parts = current();
      input.value = listMode ? (parts.before ? parts.before.replace(/\s*$/, ' ') : '') + item.label + ', ' : item.label;
      close();
      announce('');
      input.focus();
      var end = input.value.length;
      input.setSelectionRange(end, end);
    }

    function ask(term) {
      var key = term.toLocaleLowerCase('nl');
      if (cache.has(key)) {
        show(term, cache.get(key));
        return;
      }
      if (pending) pending.abort();
      var controller = new AbortController();
      pending = controller;
      var url = source + '?q=' + encodeURIComponent(term) + '&limit=' + LIMIT;
      fetch(url, { headers: { accept: 'application/json', 'accept-language': document.documentElement.lang || 'nl' }, credentials: 'omit', signal: controller.signal })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (body) {
          var found = Array.isArray(body.items) ? body.items : [];
          cache.set(key, found);
          if (pending === controller) pending = null;
          // Only if the field still asks for this term.
          if (document.activeElement === input && current().term.toLocaleLowerCase('nl') === key) show(term, found);
        })
        .catch(function () { /* aborted or offline: no suggestions, the field works as typed */ });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      var term = current().term;
      if (term.length < MIN_CHARS) {
        if (pending) pending.abort();
        pending = null;
        shownFor = null;
        close();
        return;
      }
      timer = setTimeout(function () { ask(term); }, WAIT_MS);
    });

    input.addEventListener('keydown', function (event) {
      var open = !panel.hidden;
      switch (event.key) {
        case 'ArrowDown':
          if (!open) {
            if (items.length && shownFor === current().term) {
              show(shownFor, items);
              highlight(0);
            }
          } else {
            highlight(active + 1 >= items.length ? 0 : active + 1);
          }
          event.preventDefault();
          break;
        case 'ArrowUp':
          if (open) {
            highlight(active <= 0 ? items.length - 1 : active - 1);
            event.preventDefault();
          }
          break;
        case 'Enter':
          // Only a highlighted suggestion is taken; otherwise Enter sends the form as always.
          if (open && active !== -1) {
            event.preventDefault();
            take(active);
          }
          break;
        case 'Escape':
          if (open) {
            event.preventDefault();
            close();
          }
          break;
        case 'Tab':
          close();
          break;
        default:
          break;
      }
    });
    input.addEventListener('blur', function () {
      close();
    });
  }

  function start() {
    var fields = document.querySelectorAll('input[data-kc-suggest]');
    for (var i = 0; i < fields.length; i++) enhance(fields[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
