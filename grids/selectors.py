"""Reads for the residents' pages: public figures only, never a person (GridStaff stays out of here).

Every list is aggregated in SQL: the counts of a row come from correlated subqueries on the copied
ancestor columns (`district_id`, `street_id`, `community_id`), so a page costs the same few queries
whatever the number of rows.
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import PATH_FIELDS, Area, Building, Compound, Level

# How many search hits a page shows; residents refine the query rather than page through.
SEARCH_LIMIT = 30


def _per_row(qs: QuerySet, column: str, aggregate: Count | Sum) -> Coalesce:
    """`aggregate` over `qs` rows whose `column` is the outer area, as one correlated subquery."""
    inner = qs.filter(**{column: OuterRef("pk")}).order_by().values(column).annotate(v=aggregate).values("v")
    return Coalesce(Subquery(inner, output_field=IntegerField()), Value(0))


def with_counts(areas: QuerySet, level: int) -> QuerySet:
    """Annotate areas of one `level` (city..community) with what lies below them.

    Adds `n_streets`, `n_communities`, `n_grids` (those below the level), `n_compounds`, `n_households`.
    """
    column = f"{PATH_FIELDS[level - 1]}_id"
    annotations = {}
    for attr, lower in (("n_streets", Level.STREET), ("n_communities", Level.COMMUNITY), ("n_grids", Level.GRID)):
        if lower > level:
            annotations[attr] = _per_row(Area.objects.filter(level=lower), column, Count("pk"))
    annotations["n_compounds"] = _per_row(Compound.objects.all(), column, Count("pk"))
    annotations["n_households"] = _per_row(Compound.objects.all(), column, Sum("households"))
    return areas.annotate(**annotations)


def district_list() -> QuerySet:
    """All districts with their counts, for the home page (one query)."""
    return with_counts(Area.objects.filter(level=Level.DISTRICT), Level.DISTRICT).select_related("parent")


def public_areas() -> QuerySet:
    """Areas that have a public page: every level above the grid."""
    return Area.objects.filter(level__lt=Level.GRID)


def area_ancestors(obj: Area | Compound) -> list[Area]:
    """The areas an area or compound lies in, top down, for its breadcrumbs (one query, none at the top).

    Read from the copied ancestor columns, so no walk up the tree.
    """
    ids = [getattr(obj, f"{field}_id") for field in PATH_FIELDS if getattr(obj, f"{field}_id", None)]
    if not ids:
        return []
    return list(Area.objects.filter(pk__in=ids).order_by("level").only("pk", "name", "code", "level", "kind"))


def area_children(area: Area) -> QuerySet:
    """The area's children with their counts (one query).

    Grids have no count of their own below them; for a community they show buildings and households.
    """
    children = Area.objects.filter(parent=area).order_by("code")
    if area.level < Level.COMMUNITY:
        return with_counts(children, area.level + 1)
    return children.annotate(
        n_buildings=_per_row(Building.objects.all(), "grid_id", Count("pk")),
        n_households=_per_row(Building.objects.all(), "grid_id", Sum("households")),
    )


def community_compounds(community: Area) -> QuerySet:
    """A community's compounds with their number of buildings (one query)."""
    return (
        Compound.objects.filter(community=community)
        .annotate(n_buildings=_per_row(Building.objects.all(), "compound_id", Count("pk")))
        .order_by("name")
    )


def public_compounds() -> QuerySet:
    """Compounds for the compound page; the places they lie in come from `area_ancestors`."""
    return Compound.objects.all()


def compound_buildings(compound: Compound) -> QuerySet:
    """The compound's buildings with their grid's name and number of units (one query)."""
    return compound.buildings.select_related("grid").annotate(n_units=Count("units")).order_by("name")


def normalize_query(q: str) -> str:
    return " ".join(q.split())[:50]


def _pinyin_key(q: str) -> str:
    """'Sheng Jing Yuan', "sheng'jing" → 'shengjingyuan'."""
    return "".join(ch for ch in q.lower() if ch.isascii() and ch.isalnum())


def _name_or_pinyin(q: str) -> Q:
    match = Q(name__icontains=q)
    key = _pinyin_key(q)
    if key:
        match |= Q(initials__startswith=key) | Q(pinyin__startswith=key)
        if len(key) >= 3:
            match |= Q(pinyin__contains=key)
    return match


def search_compounds(q: str) -> QuerySet:
    """Compounds whose name contains `q`, or whose pinyin or pinyin initials start with it (one query)."""
    q = normalize_query(q)
    if not q:
        return Compound.objects.none()
    return (
        Compound.objects.filter(_name_or_pinyin(q))
        .select_related("community", "street")
        .order_by("name")[:SEARCH_LIMIT]
    )


def search_areas(q: str) -> QuerySet:
    """Districts, streets and communities matching `q` like compounds do (one query)."""
    q = normalize_query(q)
    if not q:
        return Area.objects.none()
    return (
        public_areas()
        .filter(level__gt=Level.CITY)
        .filter(_name_or_pinyin(q))
        .select_related("parent")
        .order_by("level", "name")[:SEARCH_LIMIT]
    )
