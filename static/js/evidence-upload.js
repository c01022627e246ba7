/* Evidence upload from the case page: POST multipart to /api/v1/cases/<id>/evidence/ with a progress bar.
 *
 * The contract (API.md): fields file, kind, title, description, captured_at, location, device; session
 * authentication with the CSRF token in X-CSRFToken; 201 on success; errors are JSON {code, detail,
 * errors?, reasons?} — 400 invalid, 409 refused, 413 too large, 415 type not accepted.
 * Messages come from the form's data-msg-* attributes, so the page's language decides them.
 */
(function () {
  "use strict";

  var KIND_BY_TYPE = [
    [/^image\//, "photo"],
    [/^video\//, "video"],
    [/^audio\//, "audio"],
    [/^application\/pdf$/, "scanned_record"],
  ];

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // The value a datetime-local input takes, in the tablet's local time.
  function localInputValue(date) {
    return (
      date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) +
      "T" + pad(date.getHours()) + ":" + pad(date.getMinutes())
    );
  }

  function formatSize(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function setup(form) {
    var picker = form.querySelector("#upload_file");
    var camera = form.querySelector("#upload_camera");
    var chosen = form.querySelector('[data-role="chosen"]');
    var wrap = form.querySelector('[data-role="progress-wrap"]');
    var bar = form.querySelector('[data-role="progress"]');
    var percent = form.querySelector('[data-role="percent"]');
    var message = form.querySelector('[data-role="message"]');
    var submit = form.querySelector('[data-role="submit"]');
    var cancel = form.querySelector('[data-role="cancel"]');
    var msg = form.dataset;
    var current = null; // the chosen File, from either input
    var xhr = null;

    function show(text, kind) {
      message.textContent = "";
      message.className = "upload-message" + (kind ? " " + kind : "");
      if (text) message.appendChild(document.createTextNode(text));
    }

    function showList(items) {
      var ul = document.createElement("ul");
      ul.className = "reasons";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var detail = document.createElement("span");
        detail.className = "reason-detail";
        detail.textContent = item.detail;
        li.appendChild(detail);
        if (item.article) {
          var cite = document.createElement("cite");
          cite.className = "article";
          cite.textContent = item.article;
          li.appendChild(cite);
        }
        ul.appendChild(li);
      });
      message.appendChild(ul);
    }

    function setProgress(value) {
      var rounded = Math.max(0, Math.min(100, Math.round(value)));
      bar.value = rounded;
      percent.textContent = rounded + "%";
    }

    function busy(on) {
      submit.disabled = on;
      picker.disabled = on;
      camera.disabled = on;
      cancel.hidden = !on;
      form.classList.toggle("is-uploading", on);
    }

    function choose(input, other) {
      if (!input.files || !input.files.length) return;
      current = input.files[0];
      other.value = ""; // one file per upload: the last one chosen wins
      chosen.textContent = current.name + " · " + formatSize(current.size);
      var kind = form.elements.kind;
      KIND_BY_TYPE.some(function (pair) {
        if (pair[0].test(current.type || "")) {
          kind.value = pair[1];
          return true;
        }
        return false;
      });
      var title = form.elements.title;
      if (!title.value) title.value = current.name.replace(/\.[^.]+$/, "");
      var captured = form.elements.captured_at;
      if (captured && !captured.value && current.lastModified) {
        captured.value = localInputValue(new Date(current.lastModified));
      }
      show("");
    }

    picker.addEventListener("change", function () { choose(picker, camera); });
    camera.addEventListener("change", function () { choose(camera, picker); });

    cancel.addEventListener("click", function () {
      if (xhr) xhr.abort();
    });

    function failure(status, body) {
      var text = (body && body.detail) || msg.msgFailed + "（HTTP " + status + "）";
      show(text, "error");
      if (body && body.reasons && body.reasons.length) showList(body.reasons);
      if (body && body.errors) {
        var items = [];
        Object.keys(body.errors).forEach(function (field) {
          var label = form.querySelector('label[for="upload_' + field + '"]');
          [].concat(body.errors[field]).forEach(function (error) {
            items.push({ detail: (label ? label.textContent.replace("*", "") + "：" : "") + error });
          });
        });
        if (items.length) showList(items);
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (xhr) return;
      if (!current) {
        show(msg.msgChoose, "error");
        return;
      }
      var data = new FormData();
      data.append("file", current, current.name);
      ["kind", "title", "description", "location", "device"].forEach(function (name) {
        var field = form.elements[name];
        if (field && field.value.trim()) data.append(name, field.value.trim());
      });
      var captured = form.elements.captured_at;
      if (captured && captured.value) {
        // A datetime-local value is the tablet's local time; send it with its offset, unambiguous.
        var when = new Date(captured.value);
        if (!isNaN(when.getTime())) data.append("captured_at", when.toISOString());
      }

      xhr = new XMLHttpRequest();
      xhr.open("POST", form.dataset.url);
      xhr.setRequestHeader("X-CSRFToken", form.elements.csrfmiddlewaretoken.value);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) setProgress((e.loaded / e.total) * 100);
      };
      xhr.onload = function () {
        var body = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch (ignored) {
          body = null;
        }
        var status = xhr.status;
        xhr = null;
        if (status >= 200 && status < 300) {
          setProgress(100);
          show(msg.msgDone, "ok");
          form.classList.add("is-done");
          // The evidence list and the timeline are rendered by the server: show them afresh.
          window.setTimeout(function () { window.location.reload(); }, 400);
          return;
        }
        busy(false);
        failure(status, body);
      };
      xhr.onerror = function () {
        xhr = null;
        busy(false);
        show(msg.msgNetwork, "error");
      };
      xhr.onabort = function () {
        xhr = null;
        busy(false);
        setProgress(0);
        show(msg.msgCancelled, "");
      };

      wrap.hidden = false;
      setProgress(0);
      busy(true);
      show(msg.msgUploading, "");
      xhr.send(data);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("evidence-upload");
    if (form) setup(form);
  });
})();
