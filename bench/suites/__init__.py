"""One module per figure group of issue #17; each has `run(context) -> list[Figure]`."""

SUITES = [
    "issuing",
    "procedure",
    "batch",
    "importing",
    "serving",
    "first_visits",
    "commands",
    "sqlite_wait",
    "scale",
]
