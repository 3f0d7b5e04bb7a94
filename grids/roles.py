"""The officials' role: a Django group carrying model permissions; *where* they may act comes from
OfficialArea scoping, not from the group."""

from typing import Any

OFFICIALS_GROUP = "officials"

# Apps whose records officials keep; every model in them is editable by officials within their areas.
OFFICIAL_APPS = ("grids", "projects", "services", "employment")
# Models in those apps officials only read (who is responsible for what is set by administrators).
READ_ONLY_MODELS = {"officialarea"}
# Further permissions by app label.
EXTRA_PERMISSIONS = {
    "rollups": ["view_indicatorvalue", "view_target", "add_target", "change_target", "delete_target"],
}


def ensure_roles(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, _ = Group.objects.get_or_create(name=OFFICIALS_GROUP)
    editable = Q(content_type__app_label__in=OFFICIAL_APPS) & ~Q(content_type__model__startswith="historical")
    read_only = Q(content_type__model__in=READ_ONLY_MODELS) & ~Q(codename__startswith="view_")
    extra = Q(pk__in=[])
    for app_label, codenames in EXTRA_PERMISSIONS.items():
        extra |= Q(content_type__app_label=app_label, codename__in=codenames)
    wanted = set(Permission.objects.filter((editable & ~read_only) | extra).values_list("pk", flat=True))
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)
