// Progress page of a background document: reads its state every second and updates
// the progress bar, the step and the buttons; when the document is ready, shows the
// download link and moves the focus to it. Without JavaScript the page offers a
// link « Actualiser l'avancement » (no timed refresh: RGAA, criterion 13.1).
(function () {
  "use strict";
  var box = document.getElementById("tache");
  if (!box) return;
  if (box.dataset.finished === "oui") {
    // Just finished while the page was open: the focus goes to the download link.
    var link = document.getElementById("tache-telecharger");
    if (link && !link.closest("[hidden]") && /[?&]pret=1/.test(window.location.search)) {
      link.focus();
    }
    return;
  }
  var bar = document.getElementById("tache-avancement");
  var percent = document.getElementById("tache-pourcentage");
  var text = document.getElementById("tache-texte");
  var status = document.getElementById("tache-etat");
  var ready = document.getElementById("tache-pret");
  var failures = 0;

  function poll() {
    fetch(box.dataset.stateUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        failures = 0;
        bar.value = state.pourcentage;
        bar.textContent = state.pourcentage + " %";
        percent.textContent = state.pourcentage + " %";
        text.textContent = state.etape || "…";
        status.textContent = state.libelle;
        if (!state.termine) {
          window.setTimeout(poll, 1000);
        } else if (state.telechargement) {
          // The page again, with the file size and the keep-until date; focus on the link.
          ready.hidden = false;
          window.location.replace(window.location.pathname + "?pret=1");
        } else {
          window.location.reload();  // failure, cancellation: the page says what to do
        }
      })
      .catch(function () {
        failures += 1;
        text.textContent = "Connexion au serveur perdue, nouvel essai…";
        window.setTimeout(poll, Math.min(10000, 1000 * (failures + 1)));
      });
  }
  window.setTimeout(poll, 1000);
})();
