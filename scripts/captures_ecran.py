"""Screenshots of pages of a running Jalons, to look at them as a user would.

Usage: uv run python scripts/captures_ecran.py URL_DE_BASE EMAIL DOSSIER CHEMIN [CHEMIN ...]
(the demo password is used). Needs Debian's chromium (/usr/bin/chromium).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from jalons.demo import DEMO_PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    base, email, folder, *paths = sys.argv[1:]
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page.goto(f"{base}/connexion/")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_load_state()
        for index, path in enumerate(paths):
            page.goto(f"{base}{path}")
            name = out / f"{index:02d}{path.replace('/', '_')}.png"
            page.screenshot(path=str(name), full_page=True)
            print(name)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
