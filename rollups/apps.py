from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupsConfig(AppConfig):
    name = "rollups"
    verbose_name = _("统计汇总")

    def ready(self) -> None:
        from grids.actions import on_area_change

        from . import registry
        from .actions import rollup_request

        registry.autodiscover()
        # Saves in any domain app schedule an incremental roll-up of the areas they touched.
        on_area_change(lambda area_ids: rollup_request(area_ids=area_ids))
