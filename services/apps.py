from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("社区服务")

    def ready(self) -> None:
        from grids import sections

        from . import actions, selectors  # noqa: F401  (actions register how each model is saved: grids.actions)

        # A community page lists its canteens, facilities, volunteer teams and small wishes; a street's or
        # district's page counts them. The header links to the canteen finder.
        sections.area_section(template="services/includes/area_services.html", context=selectors.area_services)
        sections.menu_link(url_name="services:canteens", label=_("附近食堂"), icon="cup-hot", order=50)
