// The review page's editing (whosaid show --edit). The page's data (each
// article's id, text, checksum and claims, spans in code points) is in
// the element #whosaid-data; the reader's work is kept in localStorage
// under a key of that data, so a reload finds it. Every change redraws
// the article it touches: the text with its highlights (the classes and
// data-claims of the page's own markup, so that selecting works as on a
// page without editing) and the claims table.
(function () {
  var data = JSON.parse(document.getElementById('whosaid-data').textContent);
  var KEY = 'whosaid-edit:' + data.key;
  var review = window.whosaidReview;
  var docs = data.docs;
  var state;

  // Code-point offsets to UTF-16 offsets of each text, and back.
  docs.forEach(function (d) {
    var u16 = [0], cp = [0], i = 0;
    for (var ch of d.text) {
      i += ch.length;
      u16.push(i);
    }
    for (var k = 1; k < u16.length; k++) {
      for (var j = u16[k - 1] + 1; j <= u16[k]; j++) cp[j] = k;
    }
    d.u16 = u16;
    d.cp = cp;
    d.chars = u16.length - 1;
  });
  function slice(d, s) { return d.text.slice(d.u16[s[0]], d.u16[s[1]]); }

  function fresh() {
    return {
      reviewer: '',
      docs: docs.map(function (d) {
        return {
          reviewed: false,
          claims: d.claims.map(function (c) {
            return {
              content: c.content.slice(), speaker: c.speaker, cue: c.cue,
              type: c.type, cue_class: c.cue_class, status: 'unchecked',
              cells: c.cells.slice(), role: c.role
            };
          })
        };
      })
    };
  }
  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(KEY));
      if (s && s.docs && s.docs.length === docs.length) return s;
    } catch (e) { /* storage off or unreadable: start afresh */ }
    return null;
  }
  function keep() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* not kept */ }
    status();
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The text of article d with its claims' highlights.
  function drawText(d) {
    var doc = docs[d], art = document.getElementById('text-d' + d);
    var spans = [];
    state.docs[d].claims.forEach(function (c, i) {
      if (c.status === 'deleted') return;
      c.content.forEach(function (s) { spans.push([s[0], s[1], 'content', i]); });
      if (c.speaker) spans.push([c.speaker[0], c.speaker[1], 'speaker', i]);
      if (c.cue) spans.push([c.cue[0], c.cue[1], 'cue', i]);
    });
    spans = spans.filter(function (s) { return s[0] < s[1] && s[1] <= doc.chars; });
    var cuts = [0, doc.chars];
    spans.forEach(function (s) { cuts.push(s[0], s[1]); });
    cuts = cuts.sort(function (a, b) { return a - b; })
      .filter(function (x, i, a) { return i === 0 || a[i - 1] !== x; });
    art.textContent = '';
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1], piece = slice(doc, [a, b]);
      var roles = [], claims = [];
      spans.forEach(function (s) {
        if (s[0] <= a && b <= s[1]) {
          if (roles.indexOf(s[2]) < 0) roles.push(s[2]);
          if (claims.indexOf(s[3]) < 0) claims.push(s[3]);
        }
      });
      if (!claims.length) { art.appendChild(document.createTextNode(piece)); continue; }
      var order = ['content', 'speaker', 'cue'];
      roles.sort(function (x, y) { return order.indexOf(x) - order.indexOf(y); });
      claims.sort(function (x, y) { return x - y; });
      var span = el('span', 'hl ' + roles.join(' '), piece);
      span.setAttribute('data-claims', claims.map(function (i) { return 'd' + d + 'c' + i; }).join(' '));
      art.appendChild(span);
    }
  }

  function choice(options, value, onchange) {
    var s = el('select');
    if (options.indexOf(value) < 0) options = options.concat([value]);
    options.forEach(function (o) {
      var opt = el('option', '', o || '—');
      opt.value = o;
      if (o === value) opt.selected = true;
      s.appendChild(opt);
    });
    s.addEventListener('change', function () { onchange(s.value); });
    return s;
  }

  function drawTable(d) {
    var box = document.getElementById('table-d' + d);
    var table = el('table', 'claims'), head = el('tr');
    ['#', 'status', 'quote', 'speaker', 'resolved', 'role', 'type', 'cue', 'cue class', 'kind', 'rule', 'conf.']
      .forEach(function (h) { head.appendChild(el('th', '', h)); });
    var thead = el('thead'), body = el('tbody');
    thead.appendChild(head);
    state.docs[d].claims.forEach(function (c, i) {
      var id = 'd' + d + 'c' + i;
      var tr = el('tr', 'claim-row' + (c.status === 'deleted' ? ' deleted' : ''));
      tr.id = 'row-' + id;
      tr.setAttribute('data-claim', id);
      tr.setAttribute('data-status', c.status);
      tr.tabIndex = 0;
      var quote = c.content.map(function (s) { return slice(docs[d], s); }).join(' … ');
      var td = el('td', 'quote', quote.length > 160 ? quote.slice(0, 160) + '…' : quote);
      td.title = quote;
      tr.appendChild(el('td', '', String(i)));
      tr.appendChild(el('td', 'status', c.status));
      tr.appendChild(td);
      tr.appendChild(el('td', 'speaker-cell', c.speaker ? slice(docs[d], c.speaker) : ''));
      tr.appendChild(el('td', '', c.cells[1]));
      tr.appendChild(el('td', '', c.role));
      var type = el('td');
      type.appendChild(choice(data.types, c.type, function (v) { change(d, i, function (c) { c.type = v; }); }));
      tr.appendChild(type);
      tr.appendChild(el('td', 'cue-cell', c.cue ? slice(docs[d], c.cue) : ''));
      var cls = el('td');
      cls.appendChild(choice([''].concat(data.cue_classes), c.cue_class, function (v) { change(d, i, function (c) { c.cue_class = v; }); }));
      tr.appendChild(cls);
      [4, 5, 6].forEach(function (j) { tr.appendChild(el('td', '', c.cells[j])); });
      body.appendChild(tr);
    });
    table.appendChild(thead);
    table.appendChild(body);
    box.textContent = '';
    box.appendChild(table);
    var h = document.querySelector('#d' + d + ' h2');
    var box2 = h.querySelector('input.reviewed-box');
    if (!box2) {
      var label = el('label', 'reviewed');
      box2 = el('input', 'reviewed-box');
      box2.type = 'checkbox';
      box2.addEventListener('change', function () { setReviewed(d, box2.checked); });
      label.appendChild(box2);
      label.appendChild(document.createTextNode(' reviewed'));
      h.appendChild(label);
    }
    box2.checked = state.docs[d].reviewed;
    var n = h.querySelector('small');
    var live = state.docs[d].claims.filter(function (c) { return c.status !== 'deleted'; }).length;
    if (n) n.textContent = '(' + live + ' claims)';
  }

  function draw(d) {
    var active = review.active();
    review.reset();
    drawText(d);
    drawTable(d);
    if (active && document.getElementById('row-' + active)) review.select(active, 'keep');
  }

  function status(message) {
    var all = state.docs.length;
    var reviewed = state.docs.filter(function (x) { return x.reviewed; }).length;
    var changed = 0;
    state.docs.forEach(function (x) {
      x.claims.forEach(function (c) { if (c.status !== 'unchecked') changed++; });
    });
    document.getElementById('status').textContent = (message ? message + ' · ' : '') +
      reviewed + ' of ' + all + ' articles reviewed, ' + changed + ' claims checked (kept in this browser)';
  }

  // The code-point span of the selection in an article, trimmed of
  // spaces, with the article's number; null when nothing is selected.
  function selection() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var r = sel.getRangeAt(0);
    var node = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentNode;
    var art = node.closest && node.closest('article[data-doc]');
    if (!art || !art.contains(r.endContainer)) return null;
    var d = +art.getAttribute('data-doc');
    var pre = document.createRange();
    pre.setStart(art, 0);
    pre.setEnd(r.startContainer, r.startOffset);
    var a = pre.toString().length, b = a + r.toString().length;
    var doc = docs[d];
    var s = doc.cp[a], e = doc.cp[b];
    if (s === undefined || e === undefined) return null;
    while (s < e && /\s/.test(slice(doc, [s, s + 1]))) s++;
    while (e > s && /\s/.test(slice(doc, [e - 1, e]))) e--;
    return s < e ? {doc: d, span: [s, e]} : null;
  }

  function current() {
    var id = review.active();
    var m = id && /^d(\d+)c(\d+)$/.exec(id);
    return m ? {doc: +m[1], claim: +m[2]} : null;
  }

  // Undo: the state before each change, the latest last (this page's
  // visit only; what is kept in the browser is always the latest state).
  var history = [];
  var HISTORY = 200;
  function remember() {
    history.push(JSON.stringify(state));
    if (history.length > HISTORY) history.shift();
  }
  function undo() {
    if (!history.length) return status('nothing to undo');
    state = JSON.parse(history.pop());
    reviewer.value = state.reviewer || '';
    docs.forEach(function (_, d) { draw(d); });
    keep();
    status('undone');
  }

  function change(d, i, f) {
    remember();
    var c = state.docs[d].claims[i];
    f(c);
    if (c.status !== 'added') c.status = 'edited';
    draw(d);
    keep();
  }

  function setReviewed(d, on) {
    remember();
    state.docs[d].reviewed = on;
    drawTable(d);
    keep();
  }

  // A tool, by its name; returns a message when it cannot act.
  function act(name) {
    var sel = selection(), cur = current();
    if (name === 'save') return save();
    if (name === 'undo') return undo();
    if (name === 'discard') {
      if (!window.confirm('Forget every change kept in this browser for this page?')) return;
      remember();
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
      state = fresh();
      docs.forEach(function (_, d) { draw(d); });
      return status('changes discarded');
    }
    if (name === 'new') {
      if (!sel) return status('select the new claim\'s content first');
      remember();
      var claims = state.docs[sel.doc].claims;
      claims.push({content: [sel.span], speaker: null, cue: null, type: 'unknown', cue_class: '',
                   status: 'added', cells: ['', '', '', '', '', 'added', ''], role: ''});
      draw(sel.doc);
      review.select('d' + sel.doc + 'c' + (claims.length - 1), 'keep');
      window.getSelection().removeAllRanges();
      keep();
      return status('claim added: now select its speaker (s) and cue (u)');
    }
    if (name === 'reviewed') {
      var d = cur ? cur.doc : sel ? sel.doc : docs.length === 1 ? 0 : null;
      if (d === null) return status('select a claim of the article first');
      setReviewed(d, !state.docs[d].reviewed);
      return status('article ' + docs[d].id + (state.docs[d].reviewed ? ' reviewed' : ' not reviewed'));
    }
    if (!cur) return status('select a claim first (click its row or a highlight)');
    var c = state.docs[cur.doc].claims[cur.claim];
    if (sel && sel.doc !== cur.doc) return status('the selection is in another article than the claim');
    if (name === 'delete') {
      remember();
      c.status = c.status === 'deleted' ? (c.was || 'unchecked') : (c.was = c.status, 'deleted');
      draw(cur.doc);
      keep();
      return;
    }
    if (name === 'correct') {
      remember();
      c.status = 'correct';
      draw(cur.doc);
      keep();
      return;
    }
    var span = sel ? sel.span : null;
    if (name === 'content') {
      if (!span) return status('select the content first');
      change(cur.doc, cur.claim, function (c) { c.content = [span]; });
    } else if (name === 'more') {
      if (!span) return status('select the content\'s next piece first');
      change(cur.doc, cur.claim, function (c) {
        // The pieces in order, overlapping ones joined.
        var all = c.content.concat([span]).sort(function (x, y) { return x[0] - y[0]; });
        c.content = [];
        all.forEach(function (p) {
          var last = c.content[c.content.length - 1];
          if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
          else c.content.push([p[0], p[1]]);
        });
      });
    } else if (name === 'speaker') {
      change(cur.doc, cur.claim, function (c) { c.speaker = span; c.cells[1] = ''; c.role = ''; });
    } else if (name === 'cue') {
      change(cur.doc, cur.claim, function (c) { c.cue = span; });
    }
    window.getSelection().removeAllRanges();
  }

  function save() {
    var lines = docs.map(function (d, i) {
      var s = state.docs[i];
      return JSON.stringify({
        doc_id: d.id,
        text_sha256: d.sha256,
        text: d.text,
        reviewed: s.reviewed,
        reviewer: state.reviewer,
        claims: s.claims.map(function (c) {
          return {
            content_spans: c.content,
            speaker_span: c.speaker,
            cue_span: c.cue,
            speaker: c.speaker ? slice(d, c.speaker) : null,
            cue: c.cue ? slice(d, c.cue) : null,
            speaker_type: c.type || null,
            cue_class: c.cue_class || null,
            status: c.status
          };
        })
      });
    });
    var blob = new Blob([lines.join('\n') + '\n'], {type: 'application/x-ndjson'});
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'whosaid-corrections.jsonl';
    document.body.appendChild(a);
    a.click();
    a.remove();
    status('saved whosaid-corrections.jsonl');
  }

  var keys = {c: 'content', a: 'more', s: 'speaker', u: 'cue', n: 'new', d: 'delete', Delete: 'delete', k: 'correct', r: 'reviewed', z: 'undo'};
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    // Ctrl+Z (Cmd+Z) undoes as z does; other chords are the browser's.
    var chord = ev.ctrlKey || ev.metaKey || ev.altKey;
    if (chord && !((ev.ctrlKey || ev.metaKey) && !ev.altKey && ev.key === 'z')) return;
    var name = keys[ev.key];
    if (!name) return;
    ev.preventDefault();
    act(name);
  });
  var bar = document.getElementById('toolbar');
  // A tool's button keeps the text selection.
  bar.addEventListener('mousedown', function (ev) {
    if (ev.target.closest('button')) ev.preventDefault();
  });
  bar.addEventListener('click', function (ev) {
    var b = ev.target.closest('button');
    if (b) act(b.getAttribute('data-act'));
  });
  var reviewer = document.getElementById('reviewer');
  reviewer.addEventListener('input', function () { state.reviewer = reviewer.value; keep(); });

  state = load() || fresh();
  reviewer.value = state.reviewer || '';
  docs.forEach(function (_, d) { draw(d); });
  status();
  document.body.setAttribute('data-ready', '1');
})();
