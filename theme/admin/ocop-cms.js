/* What the catalogue adds to Decap CMS on the admin page (admin/index.html), after decap-cms.js:

   - the id widget ("ocop-id", admin/config.yml): a new record gets the id after the highest number
     ever used with the dataset's prefix, as `ocop new` gives it (admin/ids.json: the folder, its
     aliases and its git history at the last build; plus every record the backend holds now, so a
     record added since the build is never given again). An existing record's id is read-only: an
     id is printed in QR codes and never changes;
   - only record files are listed: dataset.yaml and units.yaml lie in the same folder, and the
     form of a product must never open (and rewrite) them;
   - a new record's file and photo folder are named by its id in capitals (Decap lowercases them);
   - every text saved is NFC, as the loader reads it, whatever the keyboard typed.

   The validator stays the authority: what the form lets through is checked by `ocop validate` on
   the pull request, with its located bilingual message. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  if (!CMS || !h || !createClass) return;

  var settings = fetch("ids.json", { cache: "no-cache" }).then(function (response) {
    if (!response.ok) throw new Error("admin/ids.json: " + response.status);
    return response.json();
  });

  function idNumber(id, prefix) {
    var match = /^(.+)-(\d+)$/.exec(id || "");
    return match && match[1] === prefix ? parseInt(match[2], 10) : null;
  }

  function nextId(s, takenIds) {
    var highest = s.highest;
    takenIds.forEach(function (id) {
      var number = idNumber(id, s.prefix);
      if (number !== null && number > highest) highest = number;
    });
    var digits = String(highest + 1);
    while (digits.length < s.width) digits = "0" + digits;
    return s.prefix + "-" + digits;
  }

  var IdControl = createClass({
    getInitialState: function () {
      return { error: null };
    },
    componentDidMount: function () {
      if (this.props.entry.get("newRecord") && !this.props.value) this.propose();
    },
    propose: function () {
      var self = this;
      var collection = this.props.collection.get("name");
      var listed = Promise.resolve(this.props.query(this.props.forID, collection, ["id"], ""))
        .then(function (action) {
          var hits = (action && action.payload && action.payload.hits) || [];
          return hits.map(function (hit) { return (hit.data && hit.data.id) || hit.slug; });
        });
      Promise.all([settings, listed]).then(function (found) {
        self.props.onChange(nextId(found[0], found[1]));
      }).catch(function (error) {
        self.setState({ error: String(error) });
      });
    },
    render: function () {
      var isNew = this.props.entry.get("newRecord");
      var note = isNew
        ? "Mã mới, chưa từng dùng, do hệ thống cấp. / A new id, never used before."
        : "Mã đã cấp không đổi được (in trên mã QR). / An id is permanent (printed in QR codes).";
      if (this.state.error) note = "Không cấp được mã mới: " + this.state.error + " / Could not propose an id.";
      return h("div", { className: this.props.classNameWrapper },
        h("input", {
          type: "text", id: this.props.forID, value: this.props.value || "", readOnly: true,
          "aria-readonly": "true", "aria-describedby": this.props.forID + "-note",
          style: { border: 0, background: "transparent", font: "inherit", fontWeight: "bold", width: "100%" },
        }),
        h("small", { id: this.props.forID + "-note" }, note));
    },
  });

  var IdPreview = createClass({
    render: function () {
      return h("strong", {}, this.props.value || "");
    },
  });

  CMS.registerWidget("ocop-id", IdControl, IdPreview);

  // Only the files named like a record are records (dataset.yaml, units.yaml are not).
  function recordsOnly(entries) {
    return settings.then(function (s) {
      var name = new RegExp(s.record_name);
      return entries.filter(function (entry) {
        var path = (entry.file && entry.file.path) || "";
        return name.test(path.split("/").pop());
      });
    });
  }

  /* A new record's file is named by its id, in capitals (LC-0016.yaml, photos in media/LC-0016/):
     Decap always lowercases the name it makes for a new entry ("lc-0016"), and every place it puts
     that name — the file, the photo folder, the photo's path in the record — would then differ from
     the id, which the validator refuses. An id holds only capitals, digits and hyphens, so the id is
     that name in capitals: each path the form writes or reads is given it back. */
  var LOWER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function withIdCase(path) {
    if (typeof path !== "string") return path;
    return path.split("/").map(function (part, index, parts) {
      var stem = index === parts.length - 1 ? part.replace(/\.(yaml|yml)$/, "") : part;
      var inMedia = index > 0 && parts[index - 1] === "media";
      var isRecord = index === parts.length - 1 && stem !== part;
      return (inMedia || isRecord) && LOWER_ID.test(stem) ? part.replace(stem, stem.toUpperCase()) : part;
    }).join("/");
  }

  function rawWithIdCase(raw, slug) {
    if (typeof raw !== "string" || !LOWER_ID.test(slug || "")) return raw;
    // The photo paths the form wrote in the record: "<slug>/<file>" (public_folder "{{slug}}").
    var escaped = slug.replace(/-/g, "\\-");
    return raw.replace(new RegExp("(^|[\\s:'\"])" + escaped + "/", "gm"), "$1" + slug.toUpperCase() + "/");
  }

  function fixEntry(entry) {
    (entry.dataFiles || []).forEach(function (file) {
      file.raw = rawWithIdCase(file.raw, file.slug);
      file.path = withIdCase(file.path);
      if (file.newPath) file.newPath = withIdCase(file.newPath);
    });
    (entry.assets || []).forEach(function (asset) {
      asset.path = withIdCase(asset.path);
    });
    return entry;
  }

  function wrapBackend(backend) {
    ["entriesByFolder", "allEntriesByFolder"].forEach(function (method) {
      var original = backend[method];
      if (typeof original !== "function") return;
      backend[method] = function () {
        return Promise.resolve(original.apply(backend, arguments)).then(recordsOnly);
      };
    });
    [["getEntry", 0], ["getMedia", 0], ["getMediaFile", 0]].forEach(function (pair) {
      var original = backend[pair[0]];
      if (typeof original !== "function") return;
      backend[pair[0]] = function () {
        var args = Array.prototype.slice.call(arguments);
        args[pair[1]] = withIdCase(args[pair[1]]);
        return original.apply(backend, args);
      };
    });
    var persistEntry = backend.persistEntry;
    if (typeof persistEntry === "function") {
      backend.persistEntry = function (entry, options) {
        return persistEntry.call(backend, fixEntry(entry), options);
      };
    }
    var persistMedia = backend.persistMedia;
    if (typeof persistMedia === "function") {
      backend.persistMedia = function (asset, options) {
        asset.path = withIdCase(asset.path);
        return persistMedia.call(backend, asset, options);
      };
    }
    return backend;
  }

  ["proxy", "github", "gitlab", "gitea", "forgejo"].forEach(function (backendName) {
    var registered = CMS.getBackend(backendName);
    if (!registered) return;
    var init = registered.init;
    registered.init = function () {
      return wrapBackend(init.apply(this, arguments));
    };
  });

  function nfc(value) {
    if (typeof value === "string") return value.normalize("NFC");
    if (value && typeof value.map === "function" && typeof value.toJS === "function") return value.map(nfc);
    return value;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return nfc(event.entry.get("data"));
    },
  });
})();
