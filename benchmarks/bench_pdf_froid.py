"""Time of the first PDF in a new process (WeasyPrint and fonts loading), then the next.

Usage, after ``benchmarks/bench_pages.py`` has filled the database:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jalons_bench \
        uv run python benchmarks/bench_pdf_froid.py
"""

import os
import time


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalons.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from jalons.accounts.models import User
    from jalons.parcours.models import Person

    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(email="bench@exemple.org"))
    person = Person.objects.first()
    url = reverse("documents:cv", args=[person.structure_id, person.pk])
    for label in ("premier PDF du processus", "PDF suivant"):
        start = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200
        print(f"{label} : {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
