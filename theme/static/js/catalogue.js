/* The catalogue's lists and finder.

   On every list page: each card's status is re-computed from the phone's date (the list was built
   on one day and is read on another), as on the product pages.

   On the home page, the finder. It does not read the page: on first use (focus on the search box,
   or at load when the address carries a query or filters) it fetches a compact index written by
   ocop.outputs.search_index, under data/search/: the meta (status, stars, group, expiry of every
   product), the one word file of each query word (by its first two folded letters), and the rows
   of the products it shows, 50 a page. It searches every published product, whatever its status:
   names rank before other text (producer, unit, product set), and current products come first.
   A query typed without accents matches the folded words ("doan ket" finds "Đoàn Kết"); a letter
   typed with its marks must carry them ("chè" does not find "chế"). An exact id, or an old id,
   jumps to the product on Enter. The filters stay in the address. */
(function () {
  "use strict";
  var list = document.getElementById("cards");
  if (!list) return;
  var badges = JSON.parse(list.getAttribute("data-w"));
  var now = new Date(), today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  var CODES = { v: "valid", e: "expiring", x: "expired", r: "revoked", w: "withdrawn" };

  function stateOn(state, expires) {
    // Only a term can run out on the phone's date; a revocation or a withdrawal stays.
    if (!expires || (state !== "valid" && state !== "expiring" && state !== "expired")) return state;
    var left = Math.round((expires - today) / 864e5);
    return left < 0 ? "expired" : left <= 180 ? "expiring" : "valid";
  }

  function isoDay(text) {
    var e = text.split("-");
    return new Date(+e[0], e[1] - 1, +e[2]);
  }

  function badge(state) {
    var w = badges[state], span = document.createElement("span"), icon = document.createElement("span");
    span.className = "badge st-" + w[2];
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = w[0];
    var word = document.createElement("span");
    word.className = "bw";
    word.textContent = w[1];
    span.appendChild(icon);
    span.appendChild(document.createTextNode(" "));
    span.appendChild(word);
    return span;
  }

  [].forEach.call(list.querySelectorAll("li"), function (li) {
    var d = li.dataset;
    if (!d.expires) return;
    var state = stateOn(d.state, isoDay(d.expires));
    if (state === d.state) return;
    var old = li.querySelector(".badge");
    old.parentNode.replaceChild(badge(state), old);
    d.state = state;
  });

  var form = document.getElementById("finder");
  if (!form) return;
  form.hidden = false;
  var base = form.getAttribute("data-base"), lang = form.getAttribute("data-lang");
  var t = JSON.parse(form.getAttribute("data-t"));
  var pagePrefix = base + (lang === "vi" ? "" : lang + "/");
  var results = document.getElementById("results"), serverList = document.getElementById("list");
  var rcount = document.getElementById("rcount"), rcards = document.getElementById("rcards");
  var rpager = document.getElementById("rpager");
  var fields = ["q", "stars", "group", "unit", "status"];
  var PAGE = 50;

  // --- Text: the same folding as ocop.common.text.fold, the same words as search_index.words ---
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(MARKS, "")
      .toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }
  function words(text) {
    return text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function slug(text) {
    return fold(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }
  function marks(c) {
    return c === "đ" ? "\u0335" : c.normalize("NFD").slice(1);
  }
  // Does the query word begin this word of the index? Each letter typed with marks must carry
  // them all ("mât" begins "mật", "chè" does not begin "chế"); a letter typed bare matches any.
  function begins(word, folded, token) {
    if (fold(token).indexOf(folded) !== 0) return false;
    if (word === folded) return true;
    var q = Array.from(word), s = Array.from(token);
    for (var i = 0; i < q.length; i++) {
      var need = marks(q[i]);
      if (!need) continue;
      var have = marks(s[i] || "");
      for (var k = 0; k < need.length; k++) if (have.indexOf(need[k]) < 0) return false;
    }
    return true;
  }
  window.ocopFinderText = { fold: fold, words: words, begins: begins };  // for the tests

  // --- The index, fetched on first use; every file carries the build's version ---
  var files = {}, fresh = false;
  function get(path) {
    if (!files[path]) {
      files[path] = fetch(base + path, fresh ? { cache: "reload" } : {}).then(function (r) {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }
  function meta() { return get("data/search/" + lang + "/meta.json"); }
  function stale(m, file) { return file && file.v !== m.v; }

  function statusOf(m, i) {
    var state = CODES[m.st[i]], x = parseInt(m.x.substr(i * 3, 3), 36);
    return x ? stateOn(state, new Date(2000, 0, 1 + x)) : state;
  }
  function current(state) { return state === "valid" || state === "expiring"; }

  function decode(text) {
    var out = [], last = 0;
    if (!text) return out;
    text.split(",").forEach(function (gap) { last += parseInt(gap, 36); out.push(last); });
    return out;
  }

  // {product number: best tier} of one query word over its word file.
  function matches(word, shard) {
    var folded = fold(word), best = {};
    if (!shard) return best;
    Object.keys(shard.w).forEach(function (token) {
      if (!begins(word, folded, token)) return;
      shard.w[token].forEach(function (tier, level) {
        decode(tier).forEach(function (i) { if (!(i in best) || best[i] > level) best[i] = level; });
      });
    });
    return best;
  }

  function idLike(raw) {
    return /\d/.test(raw) && !/\s/.test(raw) && raw.length >= 3;
  }
  function idFile(raw) {
    return "data/search/i/" + (slug(fold(raw).slice(0, -2)) || "_") + ".json";
  }

  // --- A search: the numbers of the matching products, in order ---
  function search(state) {
    return meta().then(function (m) {
      var raw = state.q.trim();
      // A single letter is a word still being typed, unless the index has one-letter words for it.
      var qw = words(state.q).filter(function (w) { return w.length > 1 || m.shards.indexOf(fold(w)) >= 0; });
      var need = [idLike(raw) ? get(idFile(raw)) : Promise.resolve(null)];
      qw.forEach(function (w) {
        var key = fold(w).slice(0, 2);
        need.push(m.shards.indexOf(key) >= 0 ? get("data/search/t/" + key + ".json") : Promise.resolve(null));
      });
      if (state.unit) need.push(get("data/search/" + lang + "/units.json"));
      return Promise.all(need).then(function (got) {
        if (got.some(function (f) { return stale(m, f); })) throw new Error("stale");
        var ids = got[0], shards = got.slice(1, 1 + qw.length), units = state.unit ? got[got.length - 1] : null;
        var tier = null;
        if (qw.length) {
          var per = qw.map(function (w, k) { return matches(w, shards[k]); });
          tier = {};
          Object.keys(per[0]).forEach(function (i) {
            var worst = 0, all = per.every(function (p) {
              if (!(i in p)) return false;
              worst = Math.max(worst, p[i]);
              return true;
            });
            // Found in the name by every word: 0 when the name begins with the first word, else 1.
            if (all) tier[i] = worst >= 2 ? 2 : (per[0][i] === 0 ? 0 : 1);
          });
        }
        var unitNumber = -1;
        if (units) {
          unitNumber = units.units.findIndex(function (u) { return u[0] === state.unit; });
        }
        var found = [];
        for (var i = 0; i < m.n; i++) {
          if (tier && !(i in tier)) continue;
          if (state.stars && m.sr[i] !== state.stars) continue;
          if (state.group && (m.g[i] === "-" || m.groups[parseInt(m.g[i], 36)][0] !== state.group)) continue;
          if (units && parseInt(units.u.substr(i * 3, 3), 36) !== unitNumber) continue;
          var st = statusOf(m, i);
          if (state.status === "current" && !current(st)) continue;
          if (state.status === "inactive" && current(st)) continue;
          var rank = tier ? tier[i] : 0;
          found.push({ i: i, state: st, key: [rank >= 2 ? 1 : 0, current(st) ? 0 : 1, rank, i] });
        }
        found.sort(function (a, b) {
          for (var k = 0; k < 4; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
          return 0;
        });
        var exact = ids && ids.w[fold(raw)];
        return { m: m, found: found, exact: exact || null };
      });
    });
  }

  // --- Showing one page of results ---
  function stars(n) {
    return n + " " + (n === 1 ? t.star : t.stars);
  }
  function card(m, item, row) {
    var li = document.createElement("li"), id = row[0];
    li.setAttribute("data-state", item.state);
    if (row[2]) {
      var picture = document.createElement("picture"), source = document.createElement("source");
      var img = document.createElement("img"), photo = base + "p/" + id + "/" + row[2];
      source.type = "image/webp";
      source.srcset = photo + ".webp";
      img.src = photo + ".jpg";
      img.width = img.height = 80;
      img.alt = "";
      img.loading = "lazy";
      img.decoding = "async";
      picture.appendChild(source);
      picture.appendChild(img);
      li.appendChild(picture);
    }
    var a = document.createElement("a");
    a.href = pagePrefix + "p/" + id + "/";
    a.textContent = row[1];
    li.appendChild(a);
    var meta = document.createElement("span"), n = +m.sr[item.i], row2 = document.createElement("span");
    meta.className = "meta";
    row2.className = "star-row";
    row2.setAttribute("aria-hidden", "true");
    row2.textContent = "★".repeat(n);
    meta.appendChild(row2);
    meta.appendChild(document.createTextNode(" " + stars(n) + " · "));
    meta.appendChild(badge(item.state));
    meta.appendChild(document.createElement("br"));
    var group = m.g[item.i] === "-" ? null : m.groups[parseInt(m.g[item.i], 36)][1];
    meta.appendChild(document.createTextNode([row[3], group].filter(Boolean).join(" · ")));
    li.appendChild(meta);
    return li;
  }

  function pageButton(label, page, rel) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.setAttribute("data-rel", rel);
    b.addEventListener("click", function () { show(page); window.scrollTo(0, results.offsetTop); });
    return b;
  }

  var last = null, asked = 0;
  function show(page) {
    var r = last, pages = Math.max(1, Math.ceil(r.found.length / PAGE));
    page = Math.min(Math.max(1, page), pages);
    var items = r.found.slice((page - 1) * PAGE, page * PAGE), chunk = r.m.chunk;
    var wanted = {};
    items.forEach(function (item) { wanted[Math.floor(item.i / chunk)] = true; });
    var ticket = ++asked;
    return Promise.all(Object.keys(wanted).map(function (c) {
      return get("data/search/" + lang + "/r" + c + ".json");
    })).then(function (chunks) {
      if (ticket !== asked) return;
      if (chunks.some(function (f) { return stale(r.m, f); })) throw new Error("stale");
      var rows = {};
      Object.keys(wanted).forEach(function (c, k) { rows[c] = chunks[k].r; });
      rcards.textContent = "";
      items.forEach(function (item) {
        rcards.appendChild(card(r.m, item, rows[Math.floor(item.i / chunk)][item.i % chunk]));
      });
      var count = r.found.length ? t.found.replace("{n}", r.found.length) : t.none;
      if (pages > 1) count += " · " + t.page.replace("{n}", page).replace("{count}", pages);
      rcount.textContent = count;
      rpager.textContent = "";
      if (page > 1) rpager.appendChild(pageButton(t.prev, page - 1, "prev"));
      if (page < pages) rpager.appendChild(pageButton(t.next, page + 1, "next"));
      remember(page);
    });
  }

  // --- The form, the address and the exact id ---
  function stateOfForm() {
    var s = {};
    fields.forEach(function (name) { s[name] = form[name].value; });
    return s;
  }
  function active(s) {
    return !!(s.q.trim() || s.stars || s.group || s.unit || s.status);
  }
  function remember(page) {
    var params = new URLSearchParams(), s = stateOfForm();
    fields.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
    if (page > 1) params.set("page", page);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  var retried = false;
  function failed(error) {
    if (String(error && error.message) === "stale" && !retried) {
      retried = true;  // the site was updated between two files: fetch them again, once
      files = {};
      fresh = true;
      return run(1);
    }
    rcount.textContent = t.failed;
  }

  function run(page) {
    var s = stateOfForm();
    if (!active(s)) {
      results.hidden = true;
      serverList.hidden = false;
      remember(1);
      return Promise.resolve();
    }
    results.hidden = false;
    serverList.hidden = true;
    if (!last) rcount.textContent = t.loading;
    return search(s).then(function (r) {
      if (JSON.stringify(stateOfForm()) !== JSON.stringify(s)) return;  // typed on meanwhile
      last = r;
      if (r.exact) {  // the product of an exact id (or an old id) first, whatever the filters
        var n = r.exact[1];
        r.found = [{ i: n, state: statusOf(r.m, n) }].concat(r.found.filter(function (item) { return item.i !== n; }));
      }
      return show(page || 1);
    }).catch(failed);
  }

  function fillUnits() {
    var select = form.unit;
    if (select.getAttribute("data-filled")) return Promise.resolve();
    select.setAttribute("data-filled", "1");
    return get("data/search/" + lang + "/units.json").then(function (u) {
      if (!u) return;
      var chosen = select.value, groups = {};
      [].forEach.call(select.querySelectorAll("option[data-until-filled]"), function (o) { o.remove(); });
      var sorted = u.units.slice().sort(function (a, b) { return a[1].localeCompare(b[1], "vi"); });
      sorted.forEach(function (unit) {
        var name = unit[2] >= 0 ? u.provinces[unit[2]] : "";
        if (!groups[name]) {
          groups[name] = name ? document.createElement("optgroup") : select;
          if (name) groups[name].label = name;
        }
        var option = document.createElement("option");
        option.value = unit[0];
        option.textContent = unit[1];
        groups[name].appendChild(option);
      });
      Object.keys(groups).sort(function (a, b) { return a.localeCompare(b, "vi"); }).forEach(function (name) {
        if (name) select.appendChild(groups[name]);
      });
      select.value = chosen;
    }).catch(function () { select.removeAttribute("data-filled"); });
  }

  var timer = null;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(1); }, 120);
  });
  form.addEventListener("change", function () { clearTimeout(timer); run(1); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    openId(form.q.value.trim(), function (path) { location.href = path; });
  });

  // An exact id (or an old id) opens its product page; anything else is searched.
  function openId(raw, go) {
    if (!idLike(raw)) return run(1);
    get(idFile(raw)).then(function (ids) {
      var id = ids && ids.w[fold(raw)];
      if (id) go(pagePrefix + "p/" + id[0] + "/");
      else run(1);
    }, function () { run(1); });
  }
  form.q.addEventListener("focus", function () { meta().catch(function () {}); });
  form.unit.addEventListener("focus", fillUnits);
  form.unit.addEventListener("pointerdown", fillUnits);
  form.querySelector("details").addEventListener("toggle", fillUnits);

  var given = new URLSearchParams(location.search);
  if (fields.some(function (n) { return given.get(n); })) {
    fields.forEach(function (name) {
      var value = given.get(name);
      if (!value) return;
      if (name === "unit" && !form.unit.querySelector("option[value='" + CSS.escape(value) + "']")) {
        var option = document.createElement("option");  // until the list of units is loaded
        option.value = value;
        option.textContent = value;
        option.setAttribute("data-until-filled", "");
        form.unit.appendChild(option);
      }
      form[name].value = value;
    });
    if (["stars", "group", "unit", "status"].some(function (n) { return given.get(n); })) {
      form.querySelector("details").open = true;
    }
    if (given.get("unit")) fillUnits();
    // Sent by another page's search box (404.html): an id typed there opens the product at once,
    // in place of this page in the history. A shared link to ?q=<id> only shows it first.
    if (given.get("go") && given.get("q")) return openId(given.get("q").trim(), function (path) { location.replace(path); });
    run(+given.get("page") || 1);
  }
})();
