"""A folder is written whole or not at all, interrupted or not."""

import pytest

from jalons.rules.folders import FolderNotEmpty, written_whole


def test_the_new_folder_takes_the_place_of_the_old_only_at_the_end(tmp_path):
    target = tmp_path / "donnees"
    target.mkdir()
    (target / "ancien.csv").write_text("a\n")
    with written_whole(target, replace=True) as tmp:
        (tmp / "nouveau.csv").write_text("b\n")
        assert (target / "ancien.csv").exists()  # still the old one while writing
    assert sorted(p.name for p in target.iterdir()) == ["nouveau.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["donnees"]


def test_an_interruption_leaves_the_target_untouched_and_no_temporary_folder(tmp_path):
    target = tmp_path / "donnees"
    target.mkdir()
    (target / "ancien.csv").write_text("a\n")
    with pytest.raises(KeyboardInterrupt), written_whole(target, replace=True) as tmp:
        (tmp / "nouveau.csv").write_text("b\n")
        raise KeyboardInterrupt
    assert sorted(p.name for p in target.iterdir()) == ["ancien.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["donnees"]


def test_a_folder_with_files_is_kept_without_replace_and_a_file_always(tmp_path):
    full = tmp_path / "plein"
    full.mkdir()
    (full / "x.csv").write_text("x\n")
    with pytest.raises(FolderNotEmpty), written_whole(full):
        pass
    a_file = tmp_path / "fichier"
    a_file.write_text("x")
    with pytest.raises(FolderNotEmpty), written_whole(a_file, replace=True):
        pass
    assert (full / "x.csv").read_text() == "x\n" and a_file.read_text() == "x"


def test_an_absent_target_is_created_with_its_parents(tmp_path):
    target = tmp_path / "a" / "b"
    with written_whole(target) as tmp:
        (tmp / "t.csv").write_text("t\n")
    assert (target / "t.csv").exists()
