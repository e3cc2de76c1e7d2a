"""Every URL of the project, opened by people who must not see another structure's data.

The walk enumerates the URL patterns themselves, so a page added later is covered
without editing this file: a pattern whose parameters the walk cannot fill, or that
is neither scoped nor declared public below, makes the test fail.

An app adds its own parameters and records in a module ``tests/web/walk_<app>.py``
defining ``PARAMETERS`` ({url parameter: victim key}), optionally ``NOT_SCOPED``
({url name: reason}) and ``make(victim: dict) -> dict`` (records of the victim
structure, by victim key) and ``POST_ONLY`` (names of actions that refuse GET).
"""

import importlib
import os
import pkgutil
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.factories import (
    AnnexeFactory,
    DdetsFactory,
    DdetsMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    StructureFactory,
    UserFactory,
)
from tests.parcours.factories import (
    ClientFactory,
    ContractFactory,
    OrientationFactory,
    ParcoursFactory,
    PassFactory,
)

# Pages that show no structure's data, with the reason they are open.
NOT_SCOPED = {
    "web:home": "the signed-in user's own spaces",
    "web:accessibility": "static text",
    "web:health": "database status only, no data",
    "accounts:login": "sign-in page",
    "accounts:logout": "sign-out",
    "accounts:account": "the signed-in user's own account",
    "accounts:password_change": "the signed-in user's own password",
    "accounts:password_reset": "public by design",
    "accounts:password_reset_done": "public by design",
    "accounts:password_reset_confirm": "the token is the credential",
    "accounts:password_reset_complete": "public by design",
    "accounts:invitation": "the token is the credential (tested in test_invitations)",
    "structures:switch": "only accepts the user's own structures (tested below)",
}

# URL parameters and the victim's object that fills them.
SCOPED_PARAMETERS = {
    "structure_id": "structure",
    "annexe_id": "annexe",
    "membership_id": "membership",
    "invitation_id": "invitation",
    "network_id": "network",
    "ddets_id": "ddets",
    "person_id": "person",
    "parcours_id": "parcours",
    "contract_id": "contract",
    "orientation_id": "orientation",
    "pass_id": "pass_iae",
    "client_id": "client",
}
# Pages that, for the walk's records, lead their owner to another page by design:
# « Embaucher » from an orientation already tied to a person opens the new pathway.
OWNER_REDIRECTS = {"orientations:hire": "parcours:parcours_create"}
# Parameters that are not records: a valid value.
LITERAL_PARAMETERS = {"months": 3, "year": 2025, "quarter": 1}

PLUGINS = [
    importlib.import_module(f"tests.web.{m.name}")
    for m in pkgutil.iter_modules([os.path.dirname(__file__)])
    if m.name.startswith("walk_")
]
# POST-only actions: the owners' check opens the other pages with GET.
POST_ONLY: set[str] = set()
for plugin in PLUGINS:
    SCOPED_PARAMETERS.update(plugin.PARAMETERS)
    NOT_SCOPED.update(getattr(plugin, "NOT_SCOPED", {}))
    POST_ONLY.update(getattr(plugin, "POST_ONLY", set()))

# Admin pages: only platform administrators; everyone else is sent to sign in.
ADMIN_PARAMETERS = {
    "app_label": "structures",
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "url": "structures/structure/",
}


def iter_named_patterns(resolver=None, namespace="", prefix=""):
    """(full name or None, parameter names, full route) of every URL pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            yield from iter_named_patterns(
                pattern, f"{namespace}:{ns}".strip(":") if ns else namespace, route
            )
        elif isinstance(pattern, URLPattern):
            params = sorted(pattern.pattern.regex.groupindex)
            if namespace == "admin":
                yield f"admin:{pattern.name or route}", params, route
                continue
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else None
            yield name, params, route


@pytest.fixture
def victim(db):
    network = NetworkFactory()
    structure = StructureFactory()
    structure.networks.add(network)
    owner = MembershipFactory(structure=structure).user
    ddets = DdetsFactory(departements=[structure.departement_id])
    parcours = ParcoursFactory(person__structure=structure, sorti=True)
    person = parcours.person
    client = ClientFactory(structure=structure)
    records = {
        "person": person,
        "parcours": parcours,
        "contract": ContractFactory(parcours=parcours),
        "orientation": OrientationFactory(person=person),
        "pass_iae": PassFactory(person=person),
        "client": client,
        "structure": structure,
        "annexe": AnnexeFactory(structure=structure),
        "membership": MembershipFactory(structure=structure, cip=True),
        "invitation": InvitationFactory(structure=structure),
        "network": network,
        "ddets": ddets,
        "owner": owner,
        "network_owner": NetworkMembershipFactory(network=network).user,
        "ddets_owner": DdetsMembershipFactory(ddets=ddets).user,
    }
    for plugin in PLUGINS:
        if hasattr(plugin, "make"):
            records.update(plugin.make(records))
    # The observatory pages show published editions: publish them, as each night.
    import datetime as dt

    from jalons.observatoire.publishing import publish_demo

    publish_demo(today=dt.date.today())
    return records


def outsiders(victim):
    """People who must be refused on the victim's pages, with the scopes that are theirs.

    The staff of the victim structure's own network and the agent of its own DDETS
    open their network or DDETS page, but never the structure's pages.
    """
    other_structure = StructureFactory()
    return {
        "direction d'une autre structure": (MembershipFactory(structure=other_structure).user, ()),
        "CIP d'une autre structure": (
            MembershipFactory(structure=other_structure, cip=True).user,
            (),
        ),
        "équipe du réseau de la structure": (
            NetworkMembershipFactory(network=victim["network"]).user,
            ("network",),
        ),
        "agent de la DDETS de la structure": (
            DdetsMembershipFactory(ddets=victim["ddets"]).user,
            ("ddets",),
        ),
        "équipe d'un autre réseau": (NetworkMembershipFactory().user, ()),
        "agent d'une autre DDETS": (
            DdetsMembershipFactory(ddets=DdetsFactory(departements=["62"])).user,
            (),
        ),
        "utilisateur sans rattachement": (UserFactory(), ()),
    }


def scope_of(url: str) -> str:
    return (
        "network"
        if url.startswith("/reseaux/")
        else "ddets"
        if url.startswith("/ddets/")
        else "structure"
    )


def scoped_urls(victim):
    urls, problems = [], []
    for name, params, route in iter_named_patterns():
        if name is None:
            problems.append(f"unnamed URL pattern {route!r}: name it and cover it here")
            continue
        if name.startswith("admin:"):
            continue
        if name in NOT_SCOPED:
            continue
        unknown = [p for p in params if p not in SCOPED_PARAMETERS and p not in LITERAL_PARAMETERS]
        if not params or unknown:
            problems.append(
                f"{name} ({route}): parameters {unknown or 'none'} unknown to the access "
                "walk; add them to SCOPED_PARAMETERS or, if the page shows no structure "
                "data, to NOT_SCOPED with the reason"
            )
            continue
        kwargs = {
            p: LITERAL_PARAMETERS[p] if p in LITERAL_PARAMETERS else victim[SCOPED_PARAMETERS[p]].pk
            for p in params
        }
        urls.append((name, reverse(name, kwargs=kwargs)))
    assert not problems, "\n".join(problems)
    return urls


def admin_urls():
    urls = [
        ("admin (catch-all)", "/admin/structures/structure/1/"),
        ("admin (unknown)", "/admin/x/"),
    ]
    for name, params, route in iter_named_patterns():
        if name.startswith("admin:") and "/" not in name:
            kwargs = {p: ADMIN_PARAMETERS[p] for p in params}
            urls.append((name, reverse(name, kwargs=kwargs)))
        elif name.startswith("admin:"):
            assert route.startswith("admin/"), route
    return urls


def test_the_walk_finds_the_structure_pages(victim):
    names = {name for name, _ in scoped_urls(victim)}
    assert {"structures:home", "structures:annexe_edit", "audit:structure_log"} <= names


def test_every_scoped_page_is_refused_to_other_structures_networks_and_ddets(victim, client):
    urls = scoped_urls(victim)
    failures = []
    for label, (user, own_scopes) in outsiders(victim).items():
        client.force_login(user)
        for name, url in urls:
            if scope_of(url) in own_scopes:
                continue
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code not in (403, 404, 405):
                    failures.append(
                        f"{label}: {method.upper()} {url} ({name}) → {response.status_code}"
                    )
                elif response.status_code in (403, 404):
                    assert "Traceback" not in response.content.decode()
        client.logout()
    assert not failures, "\n".join(failures)


def test_every_scoped_page_is_refused_to_anonymous_visitors(victim, client):
    for name, url in scoped_urls(victim):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 405), (name, method)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("accounts:login")), name


def test_the_owners_do_open_their_pages(victim, client):
    """The refusals above are not a broken page: each owner gets a 200."""
    owners = {
        "structure": victim["owner"],
        "network": victim["network_owner"],
        "ddets": victim["ddets_owner"],
    }
    for name, url in scoped_urls(victim):
        if name.endswith("_cancel") or name in POST_ONLY:
            continue  # POST-only action, tested with its own page
        client.force_login(owners[scope_of(url)])
        response = client.get(url)
        if name in OWNER_REDIRECTS:  # the page sends its owner on, to a page that opens
            target = resolve(urlsplit(response["Location"]).path).view_name
            assert (response.status_code, target) == (302, OWNER_REDIRECTS[name]), name
            response = client.get(response["Location"])
        assert response.status_code == 200, (name, url, response.status_code)


def test_admin_pages_are_refused_to_everyone_but_platform_administrators(victim, client):
    urls = admin_urls()
    assert len(urls) > 20
    for user in [victim["owner"], victim["network_owner"], victim["ddets_owner"]]:
        client.force_login(user)
        for name, url in urls:
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (name, url, response.status_code)
            if response.status_code == 302:
                location = response["Location"]
                assert location == reverse("admin:index") or location.startswith(
                    (reverse("accounts:login"), reverse("admin:login"))
                ), (name, url, location)


def test_the_admin_sign_in_is_the_common_sign_in_page_with_its_lock_out(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_switching_to_another_structure_is_refused(victim, client):
    intruder = MembershipFactory().user
    client.force_login(intruder)
    response = client.post(reverse("structures:switch"), {"structure": victim["structure"].pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert client.session.get("structure_courante") != victim["structure"].pk


def test_home_and_account_pages_do_not_show_other_structures(victim, client):
    intruder = MembershipFactory().user
    client.force_login(intruder)
    for url in (reverse("web:home"), reverse("accounts:account")):
        response = client.get(url, follow=True)
        assert victim["structure"].name not in response.content.decode()
