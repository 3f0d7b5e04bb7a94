"""Helpers for driving the admin through the test client as a browser would, and a check that they do."""

from typing import Any

from django import forms
from django.urls import reverse

from tests.factories import BuildingFactory, CompoundFactory


def _field_values(form: forms.BaseForm) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            value = ""
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = str(value)
    return data


def admin_form_data(response, **changes: Any) -> dict[str, Any]:
    """The POST body the admin change/add form in `response` sends when submitted unchanged, with
    `changes` applied. Inline fields use their full names (`buildings-0-households`); a change of None
    drops the key (unticks a checkbox). Includes the version field and the inline management forms."""
    context = response.context
    data = _field_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_field_values(formset.management_form))
        for form in formset.forms:
            data.update(_field_values(form))
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_helper_posts_an_unchanged_form_that_the_admin_accepts(client, superuser, community):
    compound = CompoundFactory(community=community, name="盛景园")
    BuildingFactory(compound=compound, name="1号楼")
    client.force_login(superuser)

    data = admin_form_data(client.get(change_url(compound)))
    response = client.post(change_url(compound), data)

    assert response.status_code == 302
    assert data["buildings-TOTAL_FORMS"] == "1"
    assert data["buildings-0-name"] == "1号楼"
