"""Every change officials make in the admin is in the record's history: who, when, what changed."""

from django.urls import reverse

from tests.factories import CompoundFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url


def history_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def test_the_history_page_lists_who_changed_what(client, street_official, community):
    compound = CompoundFactory(community=community, name="盛景园", households=500, address="")
    client.force_login(street_official)
    form = client.get(change_url(compound))
    client.post(change_url(compound), admin_form_data(form, households="480", address="龙山街道8号"))

    response = client.get(history_url(compound))

    content = response.content.decode()
    assert response.status_code == 200
    assert "longshan" in content
    latest = compound.history.first()
    assert latest.history_user == street_official
    changes = {
        c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record, excluded_fields=["version"]).changes
    }
    assert changes == {"households": (500, 480), "address": ("", "龙山街道8号")}


def test_the_history_page_shows_the_change_not_the_version_counter(client, street_official, community):
    compound = CompoundFactory(community=community, households=500)
    client.force_login(street_official)
    client.post(change_url(compound), admin_form_data(client.get(change_url(compound)), households="480"))

    response = client.get(history_url(compound))

    record = next(r for r in response.context["page_obj"] if getattr(r, "history_delta_changes", None))
    assert [str(c["field"]) for c in record.history_delta_changes] == ["户数"]
    assert [(c["old"], c["new"]) for c in record.history_delta_changes] == [("500", "480")]


def test_another_streets_history_is_refused(client, street_official, other_community):
    theirs = CompoundFactory(community=other_community)
    client.force_login(street_official)

    assert client.get(history_url(theirs)).status_code == 403
