"""``jalons sauvegarder`` and ``jalons restaurer`` as a user runs them: French output,
a confirmation, a backup of the current state before a restore."""

import pytest

from jalons.cli import main
from jalons.parcours.models import Person
from tests.factories import StructureFactory
from tests.parcours.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.JALONS_MODELS_DIR = tmp_path / "modeles"
    return tmp_path


def test_backup_then_restore_from_the_command_line(data_dir, capsys):
    person = PersonFactory(structure=StructureFactory(), first_name="Awa")
    target = data_dir / "s.tar.gz"
    assert main(["sauvegarder", "--sortie", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Sauvegarde écrite en " in out and str(target) in out
    assert "0 fichier de la boîte à outils" in out and "copiez-la hors du serveur" in out

    assert main(["sauvegarder", "--sortie", str(target)]) == 2
    assert "existe déjà ; ajoutez --remplacer" in capsys.readouterr().err

    assert main(["restaurer", "--essai", str(target)]) == 0
    assert "complète et intacte" in capsys.readouterr().out

    person.first_name = "Changé"
    person.save()
    # No terminal to confirm on: refused, nothing replaced.
    assert main(["restaurer", str(target)]) == 1
    assert "ajoutez --oui" in capsys.readouterr().err
    assert Person.objects.get().first_name == "Changé"

    assert main(["restaurer", "--oui", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Sauvegarde de l'état actuel d'abord" in out and "Restauration terminée" in out
    assert Person.objects.get().first_name == "Awa"
    before = list((data_dir / "sauvegardes").glob("jalons-avant-restauration-*.tar.gz"))
    assert len(before) == 1  # the state just replaced can be restored in its turn


def test_a_wrong_file_gets_a_french_error_and_no_traceback(data_dir, capsys):
    wrong = data_dir / "notes.txt"
    wrong.write_text("pas une sauvegarde")
    assert main(["restaurer", "--oui", str(wrong)]) == 1
    err = capsys.readouterr().err
    assert "« notes.txt » n'est pas une sauvegarde de Jalons lisible" in err
    assert "Traceback" not in err
