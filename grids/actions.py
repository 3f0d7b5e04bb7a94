"""Writes to the hierarchy. The admin, the API and the importers call these; each checks the
caller's scope before and after the change, validates with full_clean() and saves in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar, cast

from django.contrib.auth.models import Group
from django.db import models, transaction

from .models import Area, Building, Compound, GridStaff, InCommunity, OfficialArea, Unit, ensure_can_manage
from .roles import OFFICIALS_GROUP

M = TypeVar("M", bound=models.Model)

_after_change_hooks: list[Any] = []


def on_area_change(hook: Any) -> Any:
    """Register `hook(area_ids)` to run after commit when records in those areas changed (roll-ups use it)."""
    _after_change_hooks.append(hook)
    return hook


def areas_changed(area_ids: set[int]) -> None:
    """Tell the registered hooks, after commit, that records in these areas changed."""
    ids = {i for i in area_ids if i}
    if ids:
        for hook in _after_change_hooks:
            transaction.on_commit(partial(hook, ids))


def touched_areas(obj: models.Model) -> set[int]:
    """The areas whose figures a record counts in: its path (city … grid), and an area itself."""
    ids = set()
    for field in ("city", "district", "street", "community", "grid"):
        value = getattr(obj, f"{field}_id", None)
        if value:
            ids.add(value)
    if isinstance(obj, Area) and obj.pk:
        ids.add(obj.pk)
    return ids


def scoped_save(*, user: Any, instance: M) -> M:
    """The save every app's actions end with: the caller must manage the record where it was and where it goes
    (PermissionDenied otherwise), full_clean(), copy the area path, save, and tell the roll-ups after commit."""
    before: set[int] = set()
    if instance.pk:
        stored = type(instance)._base_manager.filter(pk=instance.pk).first()
        if stored is not None:
            ensure_can_manage(user, stored)
            before = touched_areas(stored)
    instance.full_clean()
    # Where the record ends up must be in scope too: no moving a compound into another street.
    if isinstance(instance, Area):
        instance.copy_path_from(instance.parent, including_self=True)
    elif isinstance(instance, InCommunity) and instance.community_id:
        instance.copy_path_from(instance.community, including_self=True)
    ensure_can_manage(user, instance if not isinstance(instance, Area) or instance.pk else instance.parent)
    instance.save()
    areas_changed(before | touched_areas(instance))
    return instance


@transaction.atomic
def area_save(*, user: Any, area: Area) -> Area:
    return scoped_save(user=user, instance=area)


@transaction.atomic
def compound_save(*, user: Any, compound: Compound) -> Compound:
    return scoped_save(user=user, instance=compound)


@transaction.atomic
def building_save(*, user: Any, building: Building) -> Building:
    return scoped_save(user=user, instance=building)


@transaction.atomic
def unit_save(*, user: Any, unit: Unit) -> Unit:
    return scoped_save(user=user, instance=unit)


@transaction.atomic
def grid_staff_save(*, user: Any, staff: GridStaff) -> GridStaff:
    return scoped_save(user=user, instance=staff)


# How each model is written: its save action, and for models whose deletion has rules, its delete action. Other
# apps add theirs with `register_record_actions` (their actions modules, imported by their AppConfig.ready), so the
# generic writers (ScopedAdmin, ActionViewSet, ScopedModelResource) write every model through its own action.
SAVE_ACTIONS: dict[type[models.Model], Callable[[Any, Any], Any]] = {
    Area: lambda user, obj: area_save(user=user, area=obj),
    Compound: lambda user, obj: compound_save(user=user, compound=obj),
    Building: lambda user, obj: building_save(user=user, building=obj),
    Unit: lambda user, obj: unit_save(user=user, unit=obj),
    GridStaff: lambda user, obj: grid_staff_save(user=user, staff=obj),
}
DELETE_ACTIONS: dict[type[models.Model], Callable[..., None]] = {}


def register_record_actions(
    *,
    save: dict[type[models.Model], Callable[[Any, Any], Any]],
    delete: dict[type[models.Model], Callable[..., None]] | None = None,
) -> None:
    """Add an app's per-model actions: `save` maps a model to `fn(user, obj)`, `delete` to `fn(user=, instance=)`
    (models without one are deleted by `scoped_delete`)."""
    SAVE_ACTIONS.update(save)
    DELETE_ACTIONS.update(delete or {})


def record_save(*, user: Any, instance: M) -> M:
    """Dispatch to the entity's save action (used by the generic admin, API and importer code)."""
    # Only None while the model class itself is being built, never for an instance.
    model = cast("type[models.Model]", instance._meta.concrete_model)
    return SAVE_ACTIONS[model](user, instance)


def record_delete(*, user: Any, instance: models.Model) -> None:
    """Dispatch to the entity's delete action, or `scoped_delete` when deleting it has no rules of its own."""
    model = cast("type[models.Model]", instance._meta.concrete_model)
    DELETE_ACTIONS.get(model, scoped_delete)(user=user, instance=instance)


@transaction.atomic
def scoped_delete(*, user: Any, instance: models.Model) -> None:
    """The delete every app's delete actions end with: scope check, delete, tell the roll-ups after commit."""
    ensure_can_manage(user, instance)
    touched = touched_areas(instance)
    instance.delete()
    areas_changed(touched)


@transaction.atomic
def official_create(
    *, username: str, password: str | None, areas: list[Area], email: str = "", full_name: str = ""
) -> Any:
    """An official's staff account in the officials group, responsible for `areas`."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username, defaults={"email": email})
    user.is_staff = True
    if full_name:
        user.first_name = full_name
    if password:
        user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=OFFICIALS_GROUP)[0])
    for area in areas:
        OfficialArea.objects.get_or_create(user=user, area=area)
    user.__dict__.pop("_official_area_ids", None)  # read afresh (grids.models.user_area_ids keeps them)
    return user
