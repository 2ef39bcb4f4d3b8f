# The benchmarks reuse the test suite's fixtures: the demo office and real election data.
from tests.conftest import demo_user, sumut  # noqa: F401
from tests.letters.conftest import at_drafter, election, official  # noqa: F401
from tests.results.conftest import dpr_decision, dpr_election, ri  # noqa: F401
