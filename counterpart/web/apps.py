from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "counterpart.web"
    label = "web"
    verbose_name = _("web")

    def ready(self):
        from counterpart.web import cache

        cache.connect()
