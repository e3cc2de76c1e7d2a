"""Each role opens the pages it reaches by following links from the home page, on
records of every app (the access walk's victim): no page repeats an id, and every
``aria-describedby`` names an element of the page. Each form of those pages is then
submitted empty: every refused field is tied to its error message (issue 13)."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.factories import MembershipFactory, UserFactory
from tests.web.html_checks import read_page
from tests.web.test_url_walk import victim  # noqa: F401 - the records of every app

# Not pages: downloads, sign-out, the technical admin (Django's own pages).
SKIPPED = re.compile(
    r"^/(static|admin|deconnexion)/|\.(pdf|csv|xlsx|docx|odt|json|zip|svg|txt)$|/telecharger/"
)
# One address per page kind is enough: the template is what is checked.
MAX_PAGES = 400


def same_site_links(html: str, base: str) -> list[str]:
    links = []
    for href in re.findall(r'\bhref="([^"#]+)"', html):
        url = urlsplit(urljoin(base, href.replace("&amp;", "&")))
        if url.netloc in ("", "testserver") and not SKIPPED.search(url.path):
            links.append(url.path + (f"?{url.query}" if url.query else ""))
    return links


def forms_to_submit(html: str) -> bool:
    """The page has a form posted to itself with at least one field to fill."""
    for attrs, body in re.findall(r"<form\b([^>]*)>(.*?)</form>", html, re.S):
        if 'method="post"' not in attrs or "action=" in attrs:
            continue
        if re.search(r"<(textarea|select)\b|<input\b(?![^>]*type=\"hidden\")", body):
            return True
    return False


def release(response) -> None:
    """Let the test client close a streamed file (a download) the way a server would.

    Calling ``close()`` ourselves would fire ``request_finished`` with Django's
    ``close_old_connections`` listening: on PostgreSQL that closes the connection of
    the test's transaction under our feet. The client already closed every other
    response."""
    if response.streaming:
        for _ in response.streaming_content:
            pass


def crawl(client, user, *, submit: bool) -> tuple[dict[str, str], list[str]]:
    """(view name → first address opened, problems) for this user."""
    client.force_login(user)
    seen_views: dict[str, str] = {}
    queue, queued, problems = deque(["/"]), {"/"}, []
    while queue and len(seen_views) < MAX_PAGES:
        address = queue.popleft()
        try:
            view = resolve(urlsplit(address).path).view_name
        except Resolver404:
            continue
        if view in seen_views:
            continue
        response = client.get(address)
        if response.status_code in (301, 302):
            target = response["Location"]
            if target not in queued and not SKIPPED.search(urlsplit(target).path):
                queued.add(target)
                queue.appendleft(target)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            release(response)
            continue
        seen_views[view] = address
        html = response.content.decode()
        problems += [f"{address} : {p}" for p in read_page(html).problems()]
        if submit and forms_to_submit(html):
            refused = client.post(urlsplit(address).path, {})
            if refused.status_code == 200 and "text/html" in refused.get("Content-Type", ""):
                page = read_page(refused.content.decode())
                problems += [f"{address} (envoi vide) : {p}" for p in page.problems()]
            release(refused)
        for link in same_site_links(html, address):
            if link not in queued:
                queued.add(link)
                queue.append(link)
    client.logout()
    return seen_views, problems


@pytest.fixture
def roles(victim):  # noqa: F811
    structure = victim["structure"]
    superuser = UserFactory(is_staff=True, is_superuser=True)
    return {
        "direction": (victim["owner"], True),
        "CIP": (victim["membership"].user, True),
        "encadrant": (MembershipFactory(structure=structure, encadrant=True).user, False),
        "lecture seule": (MembershipFactory(structure=structure, lecture=True).user, False),
        "équipe du réseau": (victim["network_owner"], True),
        "agent de la DDETS": (victim["ddets_owner"], True),
        "administrateur de la plateforme": (superuser, False),
    }


def test_no_page_reached_by_any_role_repeats_an_id_or_misses_a_described_element(roles, client):
    problems, reached = [], {}
    for label, (user, submit) in roles.items():
        seen, found = crawl(client, user, submit=submit)
        reached[label] = seen
        problems += [f"{label} – {p}" for p in found]
    # The crawl does reach the pages of each space (it is not stopped at the home page).
    assert {"structures:home", "parcours:person", "offre:detail"} <= set(reached["direction"])
    assert "parcours:person" in reached["encadrant"]
    assert "structures:network" in reached["équipe du réseau"]
    assert "offre:ddets_detail" in reached["agent de la DDETS"]
    assert len(reached["direction"]) > 60
    assert not problems, "\n".join(problems)
