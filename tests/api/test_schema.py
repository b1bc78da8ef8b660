"""schemathesis against the API's own OpenAPI schema, in process (WSGI): no server error and every response
matching its schema, for a bounded number of generated requests per operation (CI stays fast), anonymous and
with an office's token."""
import sys

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.world import make_world, report_fund

EXAMPLES = 12
# Server errors and conformance to the schema. Left out: "a schema-valid request is accepted" (a cursor or a
# region code can be well formed and still unknown: that is a 400 naming the field, by design) and "invalid
# data is rejected" (ninja accepts unknown query parameters, as HTTP clients expect).
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CASES = {"n": 0, "operations": set(), "server_errors": 0}


@pytest.fixture(scope="module", autouse=True)
def _count():
    """Says how many generated requests ran (on the real stderr, past pytest's capture)."""
    yield
    sys.__stderr__.write(f"\nschemathesis: {CASES['n']} generated requests over {len(CASES['operations'])} "
                         f"operations, {CASES['server_errors']} server errors\n")


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: the WSGI handler must not close the test's database connection at the end
    of a request (on PostgreSQL that ends the test's transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    from counterpart.api.tokens import do_create_token

    world = make_world()
    report_fund(world)
    _t, raw = do_create_token(world.users["qingdao"], "fuzz")
    return raw


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_it_answers_every_generated_request_within_its_schema(case, token):
    CASES["n"] += 1
    CASES["operations"].add(case.operation.label)
    headers = {"Accept-Language": "en"}
    if case.method != "GET" or CASES["n"] % 2:
        headers["Authorization"] = f"Bearer {token}"
    response = case.call(headers=headers)
    CASES["server_errors"] += response.status_code >= 500
    case.validate_response(response, checks=CHECKS)
