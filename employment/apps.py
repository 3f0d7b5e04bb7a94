from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    name = "employment"
    verbose_name = _("就业")

    def ready(self) -> None:
        from grids import sections

        from . import actions, selectors  # noqa: F401  (actions register how each model is saved: grids.actions)

        sections.menu_link(url_name="employment:index", label=_("就业"), icon="briefcase", order=40)
        sections.area_section(
            template="employment/includes/area_section.html", context=selectors.area_section, order=40
        )
