import pytest
from django.urls import reverse

from jalons.audit.models import AuditEntry
from jalons.competences.catalogue import catalogue
from jalons.competences.models import ProfessionalTitle, Skill, SkillBlock

pytestmark = pytest.mark.django_db


def test_every_catalogue_title_names_its_source_and_a_verification_tag():
    titles = catalogue()
    assert len(titles) >= 5
    for title in titles.values():
        assert title.source_label and title.source_url.startswith("https://")
        assert title.verification in {"V", "S", "I"}
        assert title.blocks and all(block.skills for block in title.blocks)


def test_a_supervisor_imports_a_title_with_its_blocks_and_skills(client, structure, member):
    client.force_login(member(encadrant=True))
    url = reverse("competences:title_import", args=[structure.pk])
    page = client.get(url + "?titre=agent-proprete-hygiene")
    assert page.status_code == 200
    assert "Agent de propreté et d&#x27;hygiène" in page.content.decode()
    response = client.post(url, {"key": "agent-proprete-hygiene"})
    assert response.status_code == 302
    title = ProfessionalTitle.objects.get(structure=structure)
    source = catalogue()["agent-proprete-hygiene"]
    assert title.name == source.name and title.verification == source.verification
    assert title.source_url == source.source_url
    assert title.blocks.count() == len(source.blocks)
    assert Skill.objects.filter(block__title=title).count() == source.skill_count
    assert AuditEntry.objects.filter(structure=structure, object_id=str(title.pk)).exists()


def test_importing_the_same_title_twice_is_refused_in_french(client, structure, member):
    client.force_login(member())
    url = reverse("competences:title_import", args=[structure.pk])
    client.post(url, {"key": "agent-magasinier"})
    response = client.post(url, {"key": "agent-magasinier"})
    assert response.status_code == 200
    assert "Choisissez un titre de la liste." in response.content.decode()
    assert ProfessionalTitle.objects.filter(structure=structure).count() == 1


def test_the_referential_is_edited_title_block_and_skill(client, structure, member):
    client.force_login(member(cip=True))
    response = client.post(
        reverse("competences:title_create", args=[structure.pk]),
        {"name": "Ouvrier maraîcher", "source_label": "Référentiel interne"},
    )
    title = ProfessionalTitle.objects.get(structure=structure, name="Ouvrier maraîcher")
    assert response["Location"] == reverse("competences:title", args=[structure.pk, title.pk])
    client.post(
        reverse("competences:block_create", args=[structure.pk, title.pk]),
        {"code": "B1", "name": "Cultiver"},
    )
    block = SkillBlock.objects.get(title=title)
    client.post(
        reverse("competences:skill_create", args=[structure.pk, block.pk]),
        {"name": "Semer et repiquer"},
    )
    skill = Skill.objects.get(block=block)
    client.post(
        reverse("competences:skill_edit", args=[structure.pk, skill.pk]),
        {"name": "Semer, repiquer et pailler"},
    )
    skill.refresh_from_db()
    assert skill.name == "Semer, repiquer et pailler"
    page = client.get(reverse("competences:title", args=[structure.pk, title.pk]))
    assert "Semer, repiquer et pailler" in page.content.decode()
    duplicate = client.post(
        reverse("competences:title_create", args=[structure.pk]), {"name": "Ouvrier maraîcher"}
    )
    assert "Un titre porte déjà cet intitulé" in duplicate.content.decode()


def test_read_only_members_see_the_referential_but_cannot_edit_it(client, structure, member):
    client.force_login(member(lecture=True))
    page = client.get(reverse("competences:referential", args=[structure.pk]))
    assert page.status_code == 200
    assert "Importer ce titre" not in page.content.decode()
    response = client.post(
        reverse("competences:title_import", args=[structure.pk]), {"key": "agent-magasinier"}
    )
    assert response.status_code == 403
    assert not ProfessionalTitle.objects.exists()
