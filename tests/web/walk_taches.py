"""« Mes documents » for the access walk: a document prepared for the victim structure's
director, which no one else may open, download, cancel, retry or delete."""

from django.utils import timezone

from jalons.taches.models import Tache, TacheStatus

PARAMETERS = {"tache_id": "tache"}
NOT_SCOPED = {
    "taches:list": "the signed-in user's own documents only (tests/taches)",
    "taches:start": "runs a catalogue download as the signed-in user, whose access it "
    "checks (tests/taches)",
}
POST_ONLY = {"taches:cancel", "taches:retry", "taches:delete"}


def make(victim) -> dict:
    tache = Tache.objects.create(
        user=victim["owner"],
        label="Offre de Services 2025 (PDF)",
        path=f"/structures/{victim['structure'].pk}/offre/2025/export.pdf",
        status=TacheStatus.DONE,
        progress=1.0,
        content=b"%PDF-1.7 secret de la victime",
        size=29,
        file_name="offre-de-services-victime-2025.pdf",
        content_type="application/pdf",
        finished_at=timezone.now(),
    )
    return {"tache": tache}
