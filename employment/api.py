"""REST endpoints of the employment app under /api/v1/.

Stations, postings, fairs, trainings, startups and monthly achievements are public to read (no person in
them); placements name people and are served only to signed-in officials, only in their own areas (a record
outside them is a 404). Writes need a token or a session and go through employment.actions (scope and
full_clean): 400 naming the field, 403 outside the caller's areas with nothing changed, 409 on a stale copy.
Annual targets are the roll-ups' `/api/v1/targets/` (set by the level above); achieved, target and completion
per area and year are in `/api/v1/rollups/?indicator=employment_new_urban_jobs&period=2024`.
"""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import permissions
from rest_framework.routers import BaseRouter

from grids.api import ActionViewSet, write_schema

from . import selectors
from .filters import (
    JobFairFilter,
    JobPostingFilter,
    JobStationFilter,
    MonthlyAchievementFilter,
    PlacementFilter,
    StartupProjectFilter,
    TrainingFilter,
)
from .models import JobFair, JobPosting, JobStation, MonthlyAchievement, Placement, StartupProject, Training
from .serializers import (
    JobFairCreateSerializer,
    JobFairSerializer,
    JobFairUpdateSerializer,
    JobPostingCreateSerializer,
    JobPostingSerializer,
    JobPostingUpdateSerializer,
    JobStationCreateSerializer,
    JobStationSerializer,
    JobStationUpdateSerializer,
    MonthlyAchievementCreateSerializer,
    MonthlyAchievementSerializer,
    MonthlyAchievementUpdateSerializer,
    PlacementCreateSerializer,
    PlacementSerializer,
    PlacementUpdateSerializer,
    StartupProjectCreateSerializer,
    StartupProjectSerializer,
    StartupProjectUpdateSerializer,
    TrainingCreateSerializer,
    TrainingSerializer,
    TrainingUpdateSerializer,
)


@write_schema(JobStationSerializer, JobStationCreateSerializer, JobStationUpdateSerializer)
class JobStationViewSet(ActionViewSet):
    """Community job stations (舒心就业驿站) with the number of their open postings.
    `?near_compound=<id>`: the stations of a resident's street, their own community's first."""

    queryset = JobStation.objects.all()
    read_serializer_class = JobStationSerializer
    create_serializer_class = JobStationCreateSerializer
    update_serializer_class = JobStationUpdateSerializer
    filterset_class = JobStationFilter
    ordering_fields = ["name", "opened"]

    def get_queryset(self) -> QuerySet:
        return selectors.stations(postings=0)  # "open" is as of today, so built per request


@write_schema(JobPostingSerializer, JobPostingCreateSerializer, JobPostingUpdateSerializer)
class JobPostingViewSet(ActionViewSet):
    """Job postings published by the stations; `?open=true` lists those still open today."""

    queryset = JobPosting.objects.select_related("station", "community").order_by("-published", "pk")
    read_serializer_class = JobPostingSerializer
    create_serializer_class = JobPostingCreateSerializer
    update_serializer_class = JobPostingUpdateSerializer
    filterset_class = JobPostingFilter
    ordering_fields = ["published", "positions", "wage_max"]


@write_schema(JobFairSerializer, JobFairCreateSerializer, JobFairUpdateSerializer)
class JobFairViewSet(ActionViewSet):
    """Small job fairs (芝麻招聘): positions offered and intents reached."""

    queryset = JobFair.objects.select_related("station", "community").order_by("-held_on", "pk")
    read_serializer_class = JobFairSerializer
    create_serializer_class = JobFairCreateSerializer
    update_serializer_class = JobFairUpdateSerializer
    filterset_class = JobFairFilter
    ordering_fields = ["held_on", "positions", "intents"]


@write_schema(TrainingSerializer, TrainingCreateSerializer, TrainingUpdateSerializer)
class TrainingViewSet(ActionViewSet):
    """On-demand trainings (点单培训): trainees and how many found stable work afterwards."""

    queryset = Training.objects.select_related("station", "community").order_by("-starts_on", "pk")
    read_serializer_class = TrainingSerializer
    create_serializer_class = TrainingCreateSerializer
    update_serializer_class = TrainingUpdateSerializer
    filterset_class = TrainingFilter
    ordering_fields = ["starts_on", "trainees"]


@write_schema(StartupProjectSerializer, StartupProjectCreateSerializer, StartupProjectUpdateSerializer)
class StartupProjectViewSet(ActionViewSet):
    """Startups supported by the stations and the jobs they created."""

    queryset = StartupProject.objects.select_related("station", "community").order_by("-supported_on", "pk")
    read_serializer_class = StartupProjectSerializer
    create_serializer_class = StartupProjectCreateSerializer
    update_serializer_class = StartupProjectUpdateSerializer
    filterset_class = StartupProjectFilter
    ordering_fields = ["supported_on", "jobs_created"]


@write_schema(PlacementSerializer, PlacementCreateSerializer, PlacementUpdateSerializer)
class PlacementViewSet(ActionViewSet):
    """People placed through a station: personal data, only for signed-in officials and only in their own
    areas. A record outside the caller's areas is not even readable, so it is a 404."""

    queryset = Placement.objects.none()  # the real one depends on the caller: get_queryset
    permission_classes = [permissions.IsAuthenticated]
    read_serializer_class = PlacementSerializer
    create_serializer_class = PlacementCreateSerializer
    update_serializer_class = PlacementUpdateSerializer
    filterset_class = PlacementFilter
    ordering_fields = ["placed_on"]

    def get_queryset(self) -> QuerySet:
        return Placement.objects.for_user(self.request.user).select_related("station", "community")


@write_schema(MonthlyAchievementSerializer, MonthlyAchievementCreateSerializer, MonthlyAchievementUpdateSerializer)
class MonthlyAchievementViewSet(ActionViewSet):
    """Monthly achievements per community and target category (月调度); the roll-ups sum them into quarters
    and years and set them against the annual targets."""

    queryset = MonthlyAchievement.objects.select_related("community", "street").order_by(
        "-month", "community__code", "category"
    )
    read_serializer_class = MonthlyAchievementSerializer
    create_serializer_class = MonthlyAchievementCreateSerializer
    update_serializer_class = MonthlyAchievementUpdateSerializer
    filterset_class = MonthlyAchievementFilter
    ordering_fields = ["month", "achieved"]


def register(router: BaseRouter) -> None:
    router.register("job-stations", JobStationViewSet, basename="job-station")
    router.register("job-postings", JobPostingViewSet, basename="job-posting")
    router.register("job-fairs", JobFairViewSet, basename="job-fair")
    router.register("trainings", TrainingViewSet, basename="training")
    router.register("startup-projects", StartupProjectViewSet, basename="startup-project")
    router.register("placements", PlacementViewSet, basename="placement")
    router.register("employment-achievements", MonthlyAchievementViewSet, basename="employment-achievement")
