"""The apps of ``jalons`` import each other in one direction only: no cycle, and each app
imports only apps of its own layer or of lower layers (docs/architecture.md).

The graph is read from the source with ``ast`` (no import is run): every ``import`` and
``from … import`` of every module of ``jalons/<app>/`` except migrations, including
imports inside functions and under ``if TYPE_CHECKING``, relative imports, and
``import_module("jalons.…")`` / ``import_string("jalons.…")`` with a written name.
A model of another app named by its label (``"structures.Structure"``, ``apps.get_model``)
is not an import.
"""

from __future__ import annotations

import ast
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "jalons"
DOCS = ROOT / "docs" / "architecture.md"

# Bottom to top. An app may import the apps of its layer and of the layers below it.
# The same table, with the reason of each layer, is in docs/architecture.md.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("moteur de règles", ("rules",)),
    ("socle", ("audit", "taches", "backups")),
    ("comptes et accès", ("accounts",)),
    ("pages communes", ("web",)),
    ("structures", ("structures",)),
    ("parcours", ("parcours",)),
    (
        "satellites du parcours",
        ("contrats", "pass_iae", "orientations", "formation", "competences", "missions"),
    ),
    ("documents et accompagnement", ("documents", "accompagnement")),
    ("échanges et indicateurs", ("echanges", "indicateurs")),
    ("publications", ("offre", "observatoire")),
    ("entrées", ("demo", "cli")),
]
LAYER_OF = {app: index for index, (_, apps) in enumerate(LAYERS) for app in apps}
DYNAMIC_IMPORTS = {"import_module", "import_string"}


@dataclass(frozen=True)
class Use:
    path: str  # relative to jalons/
    line: int


def apps() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())


def _imported_modules(tree: ast.AST, module: list[str], is_package: bool):
    """(dotted name as a list, line) of every import of a module, absolute or relative."""
    package = module if is_package else module[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split("."), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            if target == ["jalons"]:  # from jalons import rules, web
                for alias in node.names:
                    yield ["jalons", alias.name], node.lineno
            else:
                yield target, node.lineno
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                name in DYNAMIC_IMPORTS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield first.value.split("."), node.lineno


def import_graph() -> dict[tuple[str, str], list[Use]]:
    """(importing app, imported app) -> where, for every import between two apps."""
    known = set(apps())
    edges: dict[tuple[str, str], list[Use]] = defaultdict(list)
    for app in sorted(known):
        for path in sorted((PACKAGE / app).rglob("*.py")):
            relative = path.relative_to(PACKAGE)
            if "migrations" in relative.parts:
                continue
            module = ["jalons", *relative.with_suffix("").parts]
            is_package = module[-1] == "__init__"
            if is_package:
                module = module[:-1]
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for target, line in _imported_modules(tree, module, is_package):
                if target[0] == "jalons" and len(target) > 1 and target[1] in known - {app}:
                    edges[(app, target[1])].append(Use(relative.as_posix(), line))
    return dict(edges)


def strongly_connected(nodes, successors) -> list[list[str]]:
    """Tarjan's algorithm: the groups of apps that reach one another."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in successors[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            groups.append(sorted(group))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return groups


def shortest_cycle(start: str, group: set[str], successors) -> list[str]:
    """The shortest path start → … → start inside the group (breadth first)."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(successors[node] & group):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    raise AssertionError(f"{start} is in no cycle")  # pragma: no cover


def where(uses: list[Use], limit: int = 4) -> str:
    """« jalons/a/b.py:3,9, jalons/a/c.py:12 », at most ``limit`` files."""
    lines = defaultdict(list)
    for use in uses:
        lines[use.path].append(str(use.line))
    files = [f"jalons/{path}:{','.join(numbers)}" for path, numbers in lines.items()]
    more = f" et {len(files) - limit} autre(s) fichier(s)" if len(files) > limit else ""
    return ", ".join(files[:limit]) + more


def test_the_reader_sees_every_kind_of_import():
    source = """
import jalons.rules.engine
from jalons import web
from ..structures.models import Structure
from . import selectors

def later():
    from jalons.parcours.models import Person
    return import_module("jalons.offre.builder"), apps.get_model("contrats", "Contract")
"""
    found = _imported_modules(ast.parse(source), ["jalons", "audit", "views"], False)
    assert [".".join(target) for target, _line in found] == [
        "jalons.rules.engine",
        "jalons.web",
        "jalons.structures.models",
        "jalons.audit",
        "jalons.parcours.models",
        "jalons.offre.builder",
    ]


def test_every_app_has_a_layer():
    missing = [app for app in apps() if app not in LAYER_OF]
    unknown = sorted(set(LAYER_OF) - set(apps()))
    counts = Counter(app for _, group in LAYERS for app in group)
    twice = sorted(app for app, count in counts.items() if count > 1)
    assert not missing, (
        f"Application(s) sans couche : {', '.join(missing)}. Ajoutez-la à LAYERS dans "
        "tests/test_architecture.py et au tableau des couches de docs/architecture.md, "
        "dans la couche la plus basse d'où ses imports ne montent pas."
    )
    assert not unknown, f"LAYERS cite des applications qui n'existent plus : {', '.join(unknown)}."
    assert not twice, f"Application(s) dans deux couches : {', '.join(twice)}."


def test_no_import_cycle_between_apps():
    edges = import_graph()
    successors = defaultdict(set)
    for source, target in edges:
        successors[source].add(target)
    cycles = []
    for group in strongly_connected(apps(), successors):
        if len(group) < 2:
            continue
        seen = set()
        lines = [f"Applications qui s'importent en boucle : {', '.join(group)}."]
        for start in group:
            cycle = shortest_cycle(start, set(group), successors)
            key = frozenset(pairwise(cycle))
            if key in seen:
                continue
            seen.add(key)
            lines.append("  Cycle : " + " → ".join(cycle))
            for source, target in pairwise(cycle):
                lines.append(f"    {source} → {target} : {where(edges[(source, target)])}")
        cycles.append("\n".join(lines))
    assert not cycles, (
        "Les applications de jalons ne doivent pas s'importer en boucle : retirez un import "
        "de chaque cycle, celui qui monte dans les couches de docs/architecture.md.\n"
        + "\n".join(cycles)
    )


def test_apps_import_only_their_layer_or_lower_layers():
    upward = []
    for (source, target), uses in sorted(import_graph().items()):
        if source not in LAYER_OF or target not in LAYER_OF:
            continue  # test_every_app_has_a_layer says it
        if LAYER_OF[target] > LAYER_OF[source]:
            upward.append(
                f"  {source} (couche {LAYER_OF[source]}, {LAYERS[LAYER_OF[source]][0]}) importe "
                f"{target} (couche {LAYER_OF[target]}, {LAYERS[LAYER_OF[target]][0]}) : "
                f"{where(uses)}"
            )
    assert not upward, (
        "Une application n'importe que les applications de sa couche ou des couches en "
        "dessous (docs/architecture.md). Ces imports montent :\n"
        + "\n".join(upward)
        + "\nDescendez le code partagé dans la couche qui convient, nommez un modèle par son "
        "libellé (« structures.Structure ») ou passez par la relation qui y mène, ou bien "
        "laissez l'application du dessus appeler celle du dessous."
    )


def test_the_documentation_shows_the_same_layers():
    """docs/architecture.md has one row per layer: | n | name | `app`, `app` | …"""
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|([^|]*)\|", line)
        if match:
            rows[int(match[1])] = (match[2], tuple(re.findall(r"`([a-z_]+)`", match[3])))
    expected = {index: (name, group) for index, (name, group) in enumerate(LAYERS)}
    assert rows == expected, (
        "Le tableau des couches de docs/architecture.md (| n° | couche | applications |) "
        "doit reprendre LAYERS de tests/test_architecture.py, dans le même ordre."
    )
