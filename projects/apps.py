from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("改造与燃气项目")

    def ready(self) -> None:
        # The actions register how each model is saved and deleted (grids.actions.register_record_actions); the
        # residents' pages register their sections on the grids pages and their menu links.
        from . import actions, views  # noqa: F401
