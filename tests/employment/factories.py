"""factory_boy factories of the employment app, on top of the hierarchy's (tests/factories.py)."""

import datetime as dt

import factory

from employment.models import (
    JobFair,
    JobPosting,
    JobStation,
    MonthlyAchievement,
    Placement,
    StartupProject,
    TargetCategory,
    Training,
)
from tests.factories import CommunityFactory


class JobStationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobStation

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"光大社区“舒心就业”驿站{n}")
    opened = dt.date(2025, 1, 1)
    is_demonstration = True


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    station = factory.SubFactory(JobStationFactory)
    employer = factory.Sequence(lambda n: f"朝阳家政服务有限公司{n}")
    title = "家政服务员"
    positions = 2
    wage_min = 3000
    wage_max = 4500
    published = dt.date(2025, 3, 1)


class JobFairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobFair

    station = factory.SubFactory(JobStationFactory)
    name = factory.Sequence(lambda n: f"芝麻招聘第{n}场")
    held_on = dt.date(2025, 4, 10)
    employers = 12
    positions = 90
    intents = 4


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    station = factory.SubFactory(JobStationFactory)
    course = "母婴护理"
    starts_on = dt.date(2025, 5, 6)
    ends_on = dt.date(2025, 5, 20)
    trainees = 40
    stable_employed = 8


class StartupProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StartupProject

    station = factory.SubFactory(JobStationFactory)
    name = factory.Sequence(lambda n: f"葫芦烙画工作室{n}")
    supported_on = dt.date(2025, 6, 1)
    jobs_created = 20


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    station = factory.SubFactory(JobStationFactory)
    person_name = "赵秀英"
    id_tail = "123X"
    employer = "朝阳家政服务有限公司"
    job_title = "家政服务员"
    placed_on = dt.date(2025, 3, 20)


class MonthlyAchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyAchievement

    community = factory.SubFactory(CommunityFactory)
    category = TargetCategory.NEW_URBAN_JOBS
    month = dt.date(2025, 1, 1)
    achieved = 100
