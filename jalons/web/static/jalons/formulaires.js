/* Jalons: after a refused submit, the focus goes to the error summary, and each of
   its links moves the focus to the field to correct (docs/accessibilite.md).
   Without this script the summary is still announced (role="alert") and its links
   still lead to the fields. */
(function () {
  "use strict";

  var PREFIX = "Erreur : ";

  function fieldOf(link) {
    var id = decodeURIComponent(link.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function visibleLabelOf(field) {
    var fieldset = field.closest("fieldset");
    if (field.type === "radio" || field.type === "checkbox") {
      if (fieldset && fieldset.querySelector("legend")) {
        return fieldset.querySelector("legend");
      }
    }
    return document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
  }

  function focusField(event) {
    var link = event.target.closest('a[href^="#"]');
    if (!link) return;
    var field = fieldOf(link);
    if (!field) return;
    event.preventDefault();
    // The label (or legend) above the field stays in view with it.
    var label = visibleLabelOf(field);
    (label && label.offsetParent ? label : field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", link.hash);
  }

  function start() {
    var summaries = document.querySelectorAll("[data-error-summary]");
    summaries.forEach(function (summary) {
      summary.addEventListener("click", focusField);
    });
    if (!summaries.length) return;
    if (document.title.indexOf(PREFIX) !== 0) document.title = PREFIX + document.title;
    summaries[0].focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
