"""`python manage.py load_demo`: the demo district from the seed reports; running it again changes nothing."""

import os
import time
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from grids import demo

# Each app's demo: a module with `load_demo() -> grids.demo.LoadReport` and optionally `summary_lines()`, run in
# this order (an app's data builds on the ones before it).
DEMO_MODULES = ["grids.demo", "projects.demo", "services.demo", "employment.demo"]


class Command(BaseCommand):
    help = "载入示例数据：朝阳市双塔区（9个街道、57个社区、702个网格及网格人员）及新闻中提到的其他地区；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-official",
            action="store_true",
            help="不创建示例官员账号 longshan（生产环境从不创建）。",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        modules = [import_module(name) for name in DEMO_MODULES]
        changed = 0
        with transaction.atomic():  # all or nothing: a failing app's demo leaves no half-loaded district
            for module in modules:
                report = module.load_demo()
                changed += report.changed
                for line in report.lines():
                    self.stdout.write(line)
        if not changed:
            self.stdout.write(_("示例数据已是最新，未作任何更改。"))
        for module in modules:
            for line in getattr(module, "summary_lines", list)():
                self.stdout.write(line)
        self.stdout.write(_("用时 %(seconds).1f 秒。") % {"seconds": time.monotonic() - started})

        production = str(getattr(settings, "SETTINGS_MODULE", "")).endswith("production")
        if options["no_official"] or production:
            return
        password = os.environ.get("DEMO_PASSWORD") or demo.DEMO_OFFICIAL_PASSWORD
        _user, created = demo.ensure_demo_official(password=password)
        shown = _("环境变量 DEMO_PASSWORD 的值") if os.environ.get("DEMO_PASSWORD") else password
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    _("示例官员账号已创建，负责龙山街道：在 /admin/ 用用户名 %(username)s、密码 %(password)s 登录。")
                    % {"username": demo.DEMO_OFFICIAL_USERNAME, "password": shown}
                )
            )
        else:
            self.stdout.write(
                _("示例官员账号 %(username)s 已存在（负责龙山街道），密码未改动；在 /admin/ 登录。")
                % {"username": demo.DEMO_OFFICIAL_USERNAME}
            )
