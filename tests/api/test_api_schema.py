"""schemathesis against the OpenAPI schema: generated requests, every answer checked against the schema.

Each operation is driven through hypothesis directly (schemathesis' pytest fixture loader does not run
under this pytest). Bounded so `make test` stays fast: a few examples per operation, no shrinking.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from sitroom.api import ApiSettings, create_app
from sitroom.api.tokens import create_token
from sitroom.pipeline import open_store

EXAMPLES_PER_OPERATION = 12
#: OpenAPI cannot say "since not after until" or "latitude within -90..90 inside LAT,LON,KM", so a
#: schema-valid request may rightly get a 422: that one check is left out, every other one runs.
CROSS_FIELD = [schemathesis.checks.positive_data_acceptance]
BOUNDED = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)


def test_api_schema_answers_conform(filled_sqlite: str) -> None:
    with open_store(filled_sqlite) as store:
        secret = create_token(store, "editor", "schemathesis").secret
        app = create_app(store, ApiSettings(dashboard=False))
        schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 17
        for operation in operations:

            @BOUNDED
            @given(case=operation.as_strategy())
            def conforms(case: schemathesis.Case) -> None:
                case.call_and_validate(
                    headers={"Authorization": f"Bearer {secret}"}, excluded_checks=CROSS_FIELD
                )

            try:
                conforms()
            except Exception as error:
                error.add_note(f"operation: {operation.label}")
                raise
