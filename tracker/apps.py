from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Tracker")

    def ready(self) -> None:
        from tracker import checks  # noqa: F401  (registers the production checks)
