"""API shapes of the employment app. Read serializers only present; write serializers only check the input's
shape and types (the rules live in the models and run in the actions). A placed person's name and ID digits
appear only in `PlacementSerializer`, served to signed-in officials of the area."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from grids.serializers import AreaRefSerializer, VersionedUpdateSerializer

from .models import JobFair, JobPosting, JobStation, MonthlyAchievement, Placement, StartupProject, Training

STATION_FIELDS = [
    "name",
    "address",
    "hours",
    "opened",
    "has_window",
    "has_job_board",
    "has_gig_corner",
    "has_livestream",
    "has_startup_class",
    "is_demonstration",
    "provincially_recognised",
    "recognition",
]


class StationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobStation
        fields = ["id", "name"]
        read_only_fields = fields


# ---------------------------------------------------------------- reads


class JobStationSerializer(serializers.ModelSerializer):
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    district = AreaRefSerializer(read_only=True, allow_null=True)
    open_postings = serializers.IntegerField(read_only=True, help_text=_("在招岗位信息条数"))

    class Meta:
        model = JobStation
        fields = ["id", *STATION_FIELDS, "community", "street", "district", "open_postings", "version"]
        read_only_fields = fields


class JobPostingSerializer(serializers.ModelSerializer):
    station = StationRefSerializer(read_only=True)
    community = AreaRefSerializer(read_only=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)

    class Meta:
        model = JobPosting
        fields = [
            "id",
            "station",
            "community",
            "employer",
            "title",
            "positions",
            "wage_min",
            "wage_max",
            "published",
            "closed",
            "channel",
            "channel_display",
            "version",
        ]
        read_only_fields = fields


class JobFairSerializer(serializers.ModelSerializer):
    station = StationRefSerializer(read_only=True)
    community = AreaRefSerializer(read_only=True)

    class Meta:
        model = JobFair
        fields = ["id", "station", "community", "name", "held_on", "employers", "positions", "intents", "version"]
        read_only_fields = fields


class TrainingSerializer(serializers.ModelSerializer):
    station = StationRefSerializer(read_only=True)
    community = AreaRefSerializer(read_only=True)

    class Meta:
        model = Training
        fields = [
            "id",
            "station",
            "community",
            "course",
            "starts_on",
            "ends_on",
            "trainees",
            "stable_employed",
            "version",
        ]
        read_only_fields = fields


class StartupProjectSerializer(serializers.ModelSerializer):
    station = StationRefSerializer(read_only=True)
    community = AreaRefSerializer(read_only=True)

    class Meta:
        model = StartupProject
        fields = ["id", "station", "community", "name", "supported_on", "jobs_created", "version"]
        read_only_fields = fields


class PlacementSerializer(serializers.ModelSerializer):
    """Personal data: only for signed-in officials, scoped to their areas."""

    station = StationRefSerializer(read_only=True)
    community = AreaRefSerializer(read_only=True)

    class Meta:
        model = Placement
        fields = [
            "id",
            "station",
            "community",
            "posting",
            "person_name",
            "id_tail",
            "employer",
            "job_title",
            "placed_on",
            "version",
        ]
        read_only_fields = fields


class MonthlyAchievementSerializer(serializers.ModelSerializer):
    community = AreaRefSerializer(read_only=True)
    street = AreaRefSerializer(read_only=True, allow_null=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    month = serializers.DateField(format="%Y-%m", read_only=True, help_text=_("月份，如 2025-03"))

    class Meta:
        model = MonthlyAchievement
        fields = [
            "id",
            "community",
            "street",
            "category",
            "category_display",
            "month",
            "achieved",
            "note",
            "version",
        ]
        read_only_fields = fields


# ---------------------------------------------------------------- writes


class JobStationCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobStation
        fields = [*STATION_FIELDS, "community"]


class JobStationUpdateSerializer(VersionedUpdateSerializer):
    """The community is fixed once created (its records carry it)."""

    class Meta:
        model = JobStation
        fields = [*STATION_FIELDS, "version"]


POSTING_FIELDS = ["employer", "title", "positions", "wage_min", "wage_max", "published", "closed", "channel"]


class JobPostingCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobPosting
        fields = ["station", *POSTING_FIELDS]


class JobPostingUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = JobPosting
        fields = [*POSTING_FIELDS, "version"]


class JobFairCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobFair
        fields = ["station", "name", "held_on", "employers", "positions", "intents"]


class JobFairUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = JobFair
        fields = ["name", "held_on", "employers", "positions", "intents", "version"]


class TrainingCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Training
        fields = ["station", "course", "starts_on", "ends_on", "trainees", "stable_employed"]


class TrainingUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = Training
        fields = ["course", "starts_on", "ends_on", "trainees", "stable_employed", "version"]


class StartupProjectCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = StartupProject
        fields = ["station", "name", "supported_on", "jobs_created"]


class StartupProjectUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = StartupProject
        fields = ["name", "supported_on", "jobs_created", "version"]


# The model upper-cases an ID tail before checking it ("123x" → "123X"), so the serializer leaves the check to it.
ID_TAIL_CHECKED_BY_THE_MODEL: dict[str, dict[str, list]] = {"id_tail": {"validators": []}}


class PlacementCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Placement
        fields = ["station", "posting", "person_name", "id_tail", "employer", "job_title", "placed_on"]
        extra_kwargs = ID_TAIL_CHECKED_BY_THE_MODEL


class PlacementUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = Placement
        fields = ["posting", "person_name", "id_tail", "employer", "job_title", "placed_on", "version"]
        extra_kwargs = ID_TAIL_CHECKED_BY_THE_MODEL


class MonthlyAchievementCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = MonthlyAchievement
        fields = ["community", "category", "month", "achieved", "note"]


class MonthlyAchievementUpdateSerializer(VersionedUpdateSerializer):
    """Community, category and month identify the report; a correction changes the figure."""

    class Meta:
        model = MonthlyAchievement
        fields = ["achieved", "note", "version"]
