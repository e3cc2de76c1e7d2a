import os
import stat

from jalons.cli._files import write_atomically


def test_a_written_file_gets_ordinary_permissions_not_those_of_a_temporary_file(tmp_path):
    previous = os.umask(0o022)
    try:
        target = tmp_path / "offre.pdf"
        write_atomically(target, b"%PDF")
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"%PDF"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["offre.pdf"]  # no temporary left


def test_text_is_written_in_utf8_and_replaces_the_previous_file(tmp_path):
    target = tmp_path / "etat.csv"
    target.write_text("ancien")
    write_atomically(target, "Département;Été\n")
    assert target.read_text(encoding="utf-8") == "Département;Été\n"
