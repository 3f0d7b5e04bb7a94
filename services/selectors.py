"""Reads of the community services for the residents' pages and the API: public facts only (where, when open,
what it costs, delivery, counts), never a person. Every function costs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear

from grids import selectors as grid_selectors
from grids.models import PATH_FIELDS, Area, Compound, Level

from .indicators import communities_covered
from .models import (
    Canteen,
    CanteenMonth,
    CanteenMonthCorrection,
    CanteenPrice,
    CanteenStatus,
    Facility,
    FacilityKind,
    PriceGroup,
    SmallWish,
    VolunteerHours,
    VolunteerTeam,
)

RECENT_MONTHS = 12


PRICE_ORDER = Case(
    When(group=PriceGroup.STANDARD, then=Value(0)), When(group=PriceGroup.SENIOR, then=Value(1)), default=Value(2)
)


def prices_prefetch() -> Prefetch:
    """Prices as a resident reads them: the standard price, seniors by age band, then the other groups."""
    return Prefetch("prices", queryset=CanteenPrice.objects.order_by(PRICE_ORDER, "min_age", "group"))


def canteens(rows: QuerySet | None = None) -> QuerySet:
    """Canteens (all, or `rows`) with their places and prices (one query plus one for all their prices)."""
    rows = Canteen.objects.all() if rows is None else rows
    return rows.select_related("community", "street", "district").prefetch_related(prices_prefetch())


def canteen_figures() -> QuerySet:
    """Monthly figures with their canteen and corrections (one query plus one for all corrections)."""
    return CanteenMonth.objects.select_related("canteen", "community", "street").prefetch_related(
        Prefetch("corrections", queryset=CanteenMonthCorrection.objects.order_by("corrected_at", "pk"))
    )


def price_summary(canteen: Canteen) -> dict[str, Any]:
    """The standard price and the cheapest discount, from the prefetched prices (no query)."""
    prices = list(canteen.prices.all())
    standard = next((p for p in prices if p.group == "standard"), None)
    discounts = sorted((p for p in prices if p.group != "standard"), key=lambda p: p.price)
    return {"standard": standard, "cheapest": discounts[0] if discounts else None, "prices": prices}


def _serves(community: Area) -> Exists:
    return Exists(Canteen.serves.through.objects.filter(canteen_id=OuterRef("pk"), area_id=community.pk))


def canteens_for_community(community: Area) -> QuerySet:
    """Open canteens for a resident of `community`: those in it or serving it first, then the rest of its
    street (one query plus the prices)."""
    return (
        canteens()
        .filter(status=CanteenStatus.OPEN)
        .annotate(serves_here=_serves(community))
        .filter(Q(community=community) | Q(serves_here=True) | Q(street_id=community.street_id))
        .annotate(
            nearness=Case(
                When(community=community, then=Value(0)),
                When(serves_here=True, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("nearness", "name")
    )


def canteens_in_area(area: Area) -> QuerySet:
    """Open canteens anywhere in `area` (a district, street or community), by street and name."""
    return canteens(Canteen.objects.in_area(area)).filter(status=CanteenStatus.OPEN).order_by("street__code", "name")


def canteen_months(canteen: Canteen) -> list[CanteenMonth]:
    """The canteen's latest monthly figures with how often each was corrected (one query)."""
    return list(
        CanteenMonth.objects.filter(canteen=canteen)
        .annotate(n_corrections=Count("corrections"))
        .order_by("-month")[:RECENT_MONTHS]
    )


def find_community(q: str) -> tuple[Area | None, Compound | None]:
    """The community a resident means by a compound or community name (or its pinyin): the first match."""
    compound = grid_selectors.search_compounds(q).first()
    if compound is not None:
        return compound.community, compound
    area = next((a for a in grid_selectors.search_areas(q) if a.level == Level.COMMUNITY), None)
    return area, None


def districts_with_canteens() -> QuerySet:
    """Districts that have open canteens, with how many (one query)."""
    inner = (
        Canteen.objects.filter(status=CanteenStatus.OPEN, district_id=OuterRef("pk"))
        .order_by()
        .values("district_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Area.objects.filter(level=Level.DISTRICT)
        .annotate(n_canteens=Subquery(inner, output_field=IntegerField()))
        .filter(n_canteens__gt=0)
        .select_related("parent")
        .order_by("code")
    )


def children_canteen_counts(area: Area) -> list[tuple[Area, int]]:
    """The area's children (streets of a district, communities of a street) with their open canteens (two
    queries)."""
    if area.level >= Level.COMMUNITY:
        return []
    column = f"{PATH_FIELDS[area.level]}_id"
    counts = dict(
        Canteen.objects.filter(status=CanteenStatus.OPEN)
        .in_area(area)
        .order_by()
        .values_list(column)
        .annotate(n=Count("pk"))
        .values_list(column, "n")
    )
    return [(child, counts.get(child.pk, 0)) for child in Area.objects.filter(parent=area).order_by("code")]


# ---------------------------------------------------------------------------------------------------------------
# The section on the area pages
# ---------------------------------------------------------------------------------------------------------------


def latest_year(rows: QuerySet, *fields: str) -> dict[str, Any]:
    """The totals of `fields` over the latest calendar year that has monthly rows (one query): residents and
    leaders read "2025: 36,000 meals", not an empty current year."""
    found = (
        rows.order_by()
        .annotate(year=ExtractYear("month"))
        .values("year")
        .annotate(**{f: Sum(f) for f in fields})
        .order_by("-year")
        .first()
    )
    return found or {"year": None, **dict.fromkeys(fields, 0)}


def area_counts(area: Area) -> dict[str, Any]:
    """What a street, district or city offers, counted (seven queries)."""
    open_q = Q(status=CanteenStatus.OPEN)
    canteen_figures = Canteen.objects.in_area(area).aggregate(
        canteens=Count("pk", filter=open_q),
        seats=Sum("seats", filter=open_q),
        delivering=Count("pk", filter=open_q & Q(delivers=True)),
        registered_seniors=Sum("registered_seniors", filter=open_q),
    )
    communities = Area.objects.filter(level=Level.COMMUNITY).in_area(area)
    covered = communities_covered().in_area(area).count()
    meals = latest_year(CanteenMonth.objects.in_area(area), "meals_served", "deliveries")
    facilities = Facility.objects.in_area(area).aggregate(
        study_rooms=Count("pk", filter=Q(kind=FacilityKind.STUDY_ROOM)),
        books=Sum("books"),
        other_facilities=Count("pk", filter=~Q(kind=FacilityKind.STUDY_ROOM)),
    )
    teams = VolunteerTeam.objects.in_area(area).aggregate(teams=Count("pk"), volunteers=Sum("volunteers"))
    hours = latest_year(VolunteerHours.objects.in_area(area), "hours")
    return {
        **{k: v or 0 for k, v in canteen_figures.items()},
        "communities": communities.count(),
        "covered": covered,
        "meals_year": meals["year"],
        "meals": meals["meals_served"] or 0,
        "deliveries": meals["deliveries"] or 0,
        **{k: v or 0 for k, v in facilities.items()},
        **{k: v or 0 for k, v in teams.items()},
        "hours_year": hours["year"],
        "hours": hours["hours"] or 0,
    }


def community_services(community: Area) -> dict[str, Any]:
    """A community's services as its residents look them up (six queries)."""
    wishes = SmallWish.objects.filter(community=community).aggregate(
        posted=Count("pk"),
        claimed=Count("pk", filter=Q(claimed_on__isnull=False)),
        fulfilled=Count("pk", filter=Q(fulfilled_on__isnull=False)),
    )
    teams = list(VolunteerTeam.objects.filter(community=community).order_by("name"))
    hours = latest_year(VolunteerHours.objects.filter(community=community), "hours")
    return {
        "canteens": list(canteens_for_community(community).filter(Q(community=community) | Q(serves_here=True))),
        "facilities": list(
            Facility.objects.filter(community=community).order_by(
                Case(When(kind=FacilityKind.STUDY_ROOM, then=Value(0)), default=Value(1)), "kind", "name"
            )
        ),
        "teams": teams,
        "volunteers": sum(t.volunteers for t in teams),
        "hours_year": hours["year"],
        "hours": hours["hours"] or 0,
        "wishes": wishes,
    }


def area_services(area: Area) -> dict[str, Any] | None:
    """The services section of an area page: a community's services listed, a larger area's counted. None
    when there is nothing to show."""
    if area.level == Level.COMMUNITY:
        data = community_services(area)
        if not (data["canteens"] or data["facilities"] or data["teams"] or data["wishes"]["posted"]):
            return None
        return {"community": area, **data}
    if area.level > Level.COMMUNITY:
        return None
    counts = area_counts(area)
    if not (counts["canteens"] or counts["study_rooms"] or counts["other_facilities"] or counts["teams"]):
        return None
    return {"area": area, "counts": counts, "children": children_canteen_counts(area)}
