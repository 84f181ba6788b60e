"""schemathesis over the whole REST API as an authenticated agency admin: 0 server errors.

Every operation of the app's own OpenAPI schema gets a few generated requests (the suite runs
on both databases, so the count stays modest); each answer must be no server error and, where
documented, match its response schema.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from daiyun.domain.agency import Role, User
from daiyun.entrypoints.web.app import create_app
from daiyun.services.accounts.logins import create_token
from tests.integration.web_world import START, World

EXAMPLES_PER_OPERATION = 8


def test_no_request_makes_the_api_fail_with_a_server_error(world: World) -> None:
    token, _ = create_token(
        world.daiyun.unit_of_work(),
        User("admin", "admin", Role.ADMIN, None),
        login="admin",
        name="schemathesis",
        now=START,
    )
    app = create_app(world.daiyun, world.clock)
    headers = {"Authorization": f"Bearer {token}"}
    # The description is behind the login too (issue 16, point 7).
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(
                headers=headers, checks=[not_a_server_error, response_schema_conformance]
            )

        call()
    # 22, issue 5's 14 (statements, payments, imports, audit…), issue 6's 13 (listings,
    # promotions, ad spend), the brand's catalogue upload and R-S7's excused delays and
    # penalty payments, and issue 19's return requests (POST one, GET the list); issue 19's
    # shipping breaches, stockouts, mis-shipments and stock (4 GETs), issue 20's reports (list,
    # make, one) and the brand's own data export (1)
    assert len(operations) == 62
