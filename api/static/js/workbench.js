/* The workbench's only script: enhancements on top of pages that work without it.
   - search suggestions under every input with data-suggest (keyboard: arrows, Enter, Escape);
   - a click on a node of an embedded map opens that entity's page (the map posts a message);
   - selects with data-autosubmit submit their form when changed (empty fields left out). */
(function () {
  "use strict";
  var paths = JSON.parse(document.getElementById("entity-paths").textContent);

  function pageOf(type, key) {
    var pattern = paths[type];
    return pattern ? pattern.replace("{}", encodeURIComponent(key)) : null;
  }

  // ------------------------------------------------------------------ map clicks
  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.kind !== "clustergraph:node") return;
    var frames = document.querySelectorAll("iframe.map-frame"), known = false;
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === event.source) known = true;
    if (!known) return;
    var id = String(event.data.id), cut = id.indexOf(":");
    if (cut < 1) return;
    var url = pageOf(id.slice(0, cut), id.slice(cut + 1));
    if (url && url !== window.location.pathname) window.location.assign(url);
  });

  // ------------------------------------------------------------------ auto-submit
  Array.prototype.forEach.call(document.querySelectorAll("select[data-autosubmit]"), function (select) {
    select.addEventListener("change", function () {
      // As the form would, leaving out fields left empty (`?depth=2`, not `?depth=2&as_of=`).
      var form = select.form, params = new URLSearchParams();
      new FormData(form).forEach(function (value, name) { if (value !== "") params.append(name, value); });
      var query = params.toString();
      window.location.href = form.action.split("?")[0] + (query ? "?" + query : "");
    });
  });

  // ------------------------------------------------------------------ suggestions
  var counter = 0;
  function suggest(input) {
    var types = input.getAttribute("data-suggest") || "";
    var mode = input.getAttribute("data-suggest-mode") || "fill";
    var wrap = document.createElement("span");
    wrap.className = "suggest-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.className = "suggestions";
    list.id = "suggestions-" + (++counter);
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrap.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    var items = [], active = -1, timer = null, asked = 0;

    function close() {
      list.hidden = true; list.textContent = ""; items = []; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function mark(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, n) { li.setAttribute("aria-selected", n === i ? "true" : "false"); });
      if (i >= 0) { input.setAttribute("aria-activedescendant", list.children[i].id); list.children[i].scrollIntoView({ block: "nearest" }); }
    }
    function pick(item) {
      close();
      if (mode === "go") { var url = pageOf(item.type, item.id); if (url) window.location.assign(url); return; }
      input.value = item.id;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function show(found) {
      close();
      items = found;
      if (!items.length) return;
      items.forEach(function (item, n) {
        var li = document.createElement("li");
        li.id = list.id + "-" + n;
        li.setAttribute("role", "option");
        var name = document.createElement("span");
        name.textContent = item.name;
        var type = document.createElement("span");
        type.className = "type";
        type.textContent = item.type + (item.country ? " · " + item.country : "");
        li.appendChild(name); li.appendChild(type);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); pick(item); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var ask = ++asked;
        var url = "/search?limit=8&q=" + encodeURIComponent(text);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (body) {
            if (ask !== asked || document.activeElement !== input) return;
            var wanted = types ? types.split(",") : null;
            show(body.items.filter(function (h) { return !wanted || wanted.indexOf(h.type) >= 0; }));
          })
          .catch(function () { close(); });
      }, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); mark(Math.max(active - 1, -1)); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); pick(items[active]); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), suggest);
})();
