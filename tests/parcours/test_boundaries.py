"""parcours owns people, pathways, hours, exits and follow-ups; the apps around it add
their sections, events, « À faire » items, columns and pages through
``jalons.parcours.extensions`` (issue 14, point 1). parcours never imports them, and
contrats never imports pass_iae, which sits above it (``jalons.contrats.extensions``).

Read from the source with ``ast``: every import, including those inside functions, and
every module named in a call (``import_module("jalons.…")``, ``include("jalons.…")``).
"""

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PACKAGE = Path(__file__).resolve().parents[2] / "jalons"
ABOVE_PARCOURS = (
    "contrats",
    "accompagnement",
    "orientations",
    "pass_iae",
    "formation",
    "missions",
    "competences",
)


def imported_apps(app: str) -> dict[str, list[str]]:
    """{app of jalons: [where]} for every module of ``jalons/<app>/`` but migrations."""
    found: dict[str, list[str]] = {}
    for path in sorted((PACKAGE / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        where = str(path.relative_to(PACKAGE))
        for node in ast.walk(ast.parse(path.read_text(), filename=where)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: inside the app itself
                    continue
                names = [node.module or ""]
                if node.module == "jalons":  # from jalons import contrats
                    names = [f"jalons.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Call):  # import_module("jalons.…"), include("…")
                names = [
                    name
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    for name in re.findall(r"\bjalons\.\w+", arg.value)
                ]
            for name in names:
                parts = name.split(".")
                if parts[0] == "jalons" and len(parts) > 1 and parts[1] != app:
                    found.setdefault(parts[1], []).append(f"{where}:{node.lineno}")
    return found


def test_the_reader_sees_real_imports_and_lazy_ones():
    """The reader itself: contrats imports parcours (at the top and in ready())."""
    uses = imported_apps("contrats")["parcours"]
    assert any(u.startswith("contrats/apps.py:") for u in uses)
    assert any(u.startswith("contrats/views.py:") for u in uses)


@pytest.mark.parametrize("above", ABOVE_PARCOURS)
def test_parcours_imports_no_app_above_it(above):
    assert imported_apps("parcours").get(above, []) == []


def test_contrats_does_not_import_pass_iae_which_sits_above_it():
    assert imported_apps("contrats").get("pass_iae", []) == []


def test_pass_iae_does_not_import_the_apps_that_use_it():
    uses = imported_apps("pass_iae")
    assert [app for app in ("missions", "competences", "accompagnement") if app in uses] == []


# Templates ---------------------------------------------------------------------------

TEMPLATES = PACKAGE / "parcours" / "templates"
URL_TAG = re.compile(r"""{%\s*url\s+['"]([\w:]+)['"]""")
INCLUDE_TAG = re.compile(r"""{%\s*(?:include|extends)\s+['"]([\w/.-]+)['"]""")


def views_by_name(resolver=None, namespace=""):
    """{full URL name: module of its view}."""
    found = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            found.update(views_by_name(pattern, ns))
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            found[f"{namespace}:{pattern.name}".strip(":")] = view.__module__
    return found


def test_the_templates_of_parcours_link_only_to_its_own_pages_and_templates():
    """The pages that other apps add to the person's file keep their names in the
    namespace « parcours »; parcours's templates name none of them: the buttons, cards
    and sections come from the apps' contributions."""
    views = views_by_name()
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        where = path.relative_to(TEMPLATES)
        for name in URL_TAG.findall(text):
            app = views[name].split(".")[1]
            if app in ABOVE_PARCOURS:
                problems.append(f"{where}: {name} ({views[name]})")
        for template in INCLUDE_TAG.findall(text):
            if template.split("/")[0] in ABOVE_PARCOURS:
                problems.append(f"{where}: {template}")
    assert problems == []


def test_the_pages_added_to_the_file_keep_their_names_and_paths():
    from django.urls import reverse

    served_by = views_by_name()
    for name, path, module in (
        (
            "contract_create",
            "/structures/1/personnes/2/parcours/3/contrats/nouveau/",
            "jalons.contrats.views",
        ),
        (
            "contract_edit",
            "/structures/1/personnes/2/contrats/3/modifier/",
            "jalons.contrats.views",
        ),
        (
            "orientation_edit",
            "/structures/1/personnes/2/orientations/3/modifier/",
            "jalons.orientations.views",
        ),
        ("pass_edit", "/structures/1/personnes/2/pass/3/modifier/", "jalons.pass_iae.views"),
        (
            "pass_prolongation",
            "/structures/1/personnes/2/pass/3/prolongation/",
            "jalons.pass_iae.views",
        ),
        (
            "accompaniment_create",
            "/structures/1/personnes/2/accompagnement/nouveau/",
            "jalons.accompagnement.views",
        ),
        (
            "training_create",
            "/structures/1/personnes/2/formation/nouvelle/",
            "jalons.formation.views",
        ),
    ):
        args = [int(n) for n in re.findall(r"\d+", path)]
        assert reverse(f"parcours:{name}", args=args) == path
        assert served_by[f"parcours:{name}"] == module
