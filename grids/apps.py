from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GridsConfig(AppConfig):
    name = "grids"
    verbose_name = _("区域与网格")

    def ready(self) -> None:
        from .roles import ensure_roles

        # Roles are data the code relies on; keep them in step after every migrate.
        post_migrate.connect(ensure_roles, dispatch_uid="grids.ensure_roles")
