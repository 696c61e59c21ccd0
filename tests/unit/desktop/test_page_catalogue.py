"""The page catalogue: every page it names exists, is a Page, and travels in the bundle."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from desktop.pages import GROUPS, PAGES, Page
from desktop.session import NOTARY, ROLES

ROOT = Path(__file__).resolve().parents[3]


def test_every_page_of_the_catalogue_is_a_page_with_a_unique_id_shortcut_and_known_group(qapp):
    ids = [spec.id for spec in PAGES]
    assert len(set(ids)) == len(ids)
    # a shortcut may serve two pages no one operator sees together (the notary's and the counter's Ctrl+2), never
    # two pages of one operator: an office is a counter office (counter, cashier) or a notary office (notary), so
    # nobody holds the notary role with another (and the window keeps the first page's shortcut if someone did)
    for count in range(1, len(ROLES) + 1):
        for roles in combinations(ROLES, count):
            if NOTARY in roles and len(roles) > 1:
                continue
            visible = [s for s in PAGES if s.shortcut and (s.roles is None or s.roles & set(roles))]
            shortcuts = [s.shortcut for s in visible]
            assert len(set(shortcuts)) == len(shortcuts), (roles, shortcuts)
    for spec in PAGES:
        assert issubclass(spec.page_class(), Page), spec.target
        assert spec.group in GROUPS
        assert spec.title().strip()
        assert (ROOT / "resources" / "icons" / f"{spec.icon}.svg").is_file(), spec.icon


def test_the_bundle_takes_the_page_modules_it_cannot_see_imported():
    """Pages are imported by name on first show, which PyInstaller's analysis cannot follow."""
    spec_text = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("desktop.ui")' in spec_text
    assert all(spec.target.startswith("desktop.ui.") for spec in PAGES)
