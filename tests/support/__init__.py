"""Plain helpers and constants the tests share, imported where used (the shared fixtures are
in tests/fixtures/, a plugin package every test meets; no test imports a conftest)."""
