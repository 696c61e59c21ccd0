"""The page catalogue: every page it names exists, is a Page, and travels in the bundle."""

from __future__ import annotations

from pathlib import Path

from desktop.pages import GROUPS, PAGES, Page

ROOT = Path(__file__).resolve().parents[3]


def test_every_page_of_the_catalogue_is_a_page_with_a_unique_id_shortcut_and_known_group(qapp):
    ids = [spec.id for spec in PAGES]
    shortcuts = [spec.shortcut for spec in PAGES if spec.shortcut]
    assert len(set(ids)) == len(ids)
    assert len(set(shortcuts)) == len(shortcuts)
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
