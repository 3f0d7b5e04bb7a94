"""Other apps add sections to the area and compound pages and links to the menu through grids.sections;
a section with nothing to show for a page is left out."""

import copy

import pytest

from grids import sections


@pytest.fixture
def section_templates(settings, tmp_path, monkeypatch):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "section.html").write_text('<section id="extra">{{ data.headline }}</section>')
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates
    monkeypatch.setattr(sections, "AREA_SECTIONS", [])
    monkeypatch.setattr(sections, "COMPOUND_SECTIONS", [])
    monkeypatch.setattr(sections, "MENU_LINKS", [])


def test_an_area_section_shows_on_the_areas_it_has_something_for(client, section_templates, street, community):
    sections.area_section(
        template="extra/section.html",
        context=lambda area: {"headline": f"{area.name}的改造"} if area.pk == community.pk else None,
    )

    community_page = client.get(f"/areas/{community.code}/").content.decode()
    street_page = client.get(f"/areas/{street.code}/").content.decode()

    assert '<section id="extra">光大社区的改造</section>' in community_page
    assert 'id="extra"' not in street_page


def test_compound_sections_come_in_their_order_and_register_once(client, section_templates, community):
    from tests.factories import CompoundFactory

    compound = CompoundFactory(community=community, name="盛景园")
    second = {"template": "extra/section.html", "context": lambda c: {"headline": "second"}, "order": 20}
    sections.compound_section(**second)
    sections.compound_section(template="extra/section.html", context=lambda c: {"headline": "first"}, order=10)
    sections.compound_section(**second)

    html = client.get(f"/compounds/{compound.pk}/").content.decode()

    assert html.count('id="extra"') == 2
    assert html.index(">first<") < html.index(">second<")


def test_a_menu_link_appears_in_the_header_and_footer(client, section_templates, db):
    sections.menu_link(url_name="grids:search", label="挂图作战看板", icon="fire")

    html = client.get("/").content.decode()

    assert html.count("挂图作战看板") == 2  # the header link and the footer link
    assert "bi-fire" in html
