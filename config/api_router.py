"""Every app registers its viewsets on this one router under /api/v1/."""

from rest_framework.routers import DefaultRouter

from grids import api as grids_api

router = DefaultRouter()

router.register("areas", grids_api.AreaViewSet, basename="area")
router.register("districts", grids_api.DistrictViewSet, basename="district")
router.register("streets", grids_api.StreetViewSet, basename="street")
router.register("communities", grids_api.CommunityViewSet, basename="community")
router.register("grids", grids_api.GridViewSet, basename="grid")
router.register("compounds", grids_api.CompoundViewSet, basename="compound")
router.register("buildings", grids_api.BuildingViewSet, basename="building")
router.register("units", grids_api.UnitViewSet, basename="unit")
router.register("grid-staff", grids_api.GridStaffViewSet, basename="grid-staff")

from rollups import api as rollups_api  # noqa: E402

router.register("rollups", rollups_api.RollupViewSet, basename="rollup")
router.register("indicators", rollups_api.IndicatorViewSet, basename="indicator")
router.register("targets", rollups_api.TargetViewSet, basename="target")

from projects import api as projects_api  # noqa: E402

projects_api.register(router)

from services import api as services_api  # noqa: E402

services_api.register(router)

from employment import api as employment_api  # noqa: E402

employment_api.register(router)
