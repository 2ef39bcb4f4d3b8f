import pytest


@pytest.fixture
def dispose(sumut, demo_user):
    """Dispose a case one level down as the named holder."""

    def step(case, username, to_code, **extra):
        from autentika.cases.services import case_dispose

        values = {"instruction": "proses", "urgency": "segera"}
        values.update(extra)
        return case_dispose(
            case=case,
            actor=demo_user(username),
            to_position=sumut.positions.get(code=to_code),
            **values,
        )

    return step
