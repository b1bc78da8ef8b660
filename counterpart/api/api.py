"""/api/v1/: one NinjaAPI, its routers, its docs from the swagger-ui files that django-ninja ships
(ninja/static/ninja, served by whitenoise: nothing from a CDN)."""
from ninja.openapi.docs import Swagger

from counterpart.api import read, records, reports
from counterpart.api.core import CounterpartAPI, TokenAuth, anonymous, install_handlers

DESCRIPTION = """Counterpart's open data: pairings, the indicator catalogue, every figure with its source, ledger
records and their two-sided confirmation, reports and assessment.

Anonymous requests read what the public pages show (confirmed figures). A personal token, made on the account
page (/accounts/tokens/), is sent as `Authorization: Bearer cpt_…` and reads and writes what its owner may on
the pages. Errors are `{"errors": [{"field": "amount", "message": "…"}]}` in the language of `Accept-Language`
(Chinese by default). Lists are pages in id order: pass the `next` value back as `cursor`."""

api = CounterpartAPI(title="Counterpart API", version="1", description=DESCRIPTION, urls_namespace="api",
                     auth=[TokenAuth(), anonymous], docs=Swagger())
install_handlers(api)
api.add_router("", read.router)
api.add_router("", records.router)
api.add_router("", reports.router)
