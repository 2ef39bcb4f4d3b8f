"""PostgreSQL: the application connects as a role that owns nothing.

The owner (the role that runs `migrate`) owns every table; the application's login role
(`autentika_app` by default) gets only SELECT, INSERT, UPDATE and DELETE on tables and USAGE on
sequences, on the audit log only SELECT and INSERT, and on the audit chain's head only SELECT
(the insert's trigger moves it, migration 0006; the role locks it through
`core_auditchainhead_lock()`, the one function it may EXECUTE). A role that owns nothing cannot
TRUNCATE, ALTER, DROP or DISABLE TRIGGER, so the append-only trigger and the hash chain stay in
force against the application itself. Default privileges give tables created by later
migrations the same grants. `manage.py db_roles` runs these statements as the owner.
"""

import re

from django.db import connection

DEFAULT_APP_ROLE = "autentika_app"
# The audit log: append only.
APPEND_ONLY_TABLES = ("core_auditevent", "core_auditcheckpoint")
# What the running application only reads: the audit chain's head is moved by the event
# table's INSERT trigger alone (migration 0006).
READ_ONLY_TABLES = ("django_migrations", "core_auditchainhead")
# SECURITY DEFINER functions the application calls (owned by the owner).
APP_FUNCTIONS = ("core_auditchainhead_lock()",)
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def role_name_check(role: str) -> str:
    if not _ROLE_NAME.match(role):
        raise ValueError(f"Nama peran PostgreSQL tidak sah: {role!r}")
    return role


def app_role_statements(*, role: str, schema: str, owner: str) -> list[str]:
    """The GRANT/REVOKE statements for `role`, to be run by `owner` (idempotent)."""
    quote = connection.ops.quote_name
    app, owner_q, schema_q = quote(role_name_check(role)), quote(owner), quote(schema)
    statements = [
        f"GRANT CONNECT ON DATABASE {quote(connection.settings_dict['NAME'])} TO {app}",
        f"GRANT USAGE ON SCHEMA {schema_q} TO {app}",
        f"REVOKE CREATE ON SCHEMA {schema_q} FROM {app}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema_q} FROM {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema_q} TO {app}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema_q} FROM {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema_q} TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} IN SCHEMA {schema_q} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} IN SCHEMA {schema_q} "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]
    revoked = {
        "UPDATE, DELETE, TRUNCATE": APPEND_ONLY_TABLES,
        "INSERT, UPDATE, DELETE, TRUNCATE": READ_ONLY_TABLES,
    }
    for privileges, tables in revoked.items():
        statements += [
            f"REVOKE {privileges} ON {schema_q}.{quote(table)} FROM {app}" for table in tables
        ]
    for function in APP_FUNCTIONS:  # PUBLIC's right comes back with a restored dump
        statements += [
            f"REVOKE EXECUTE ON FUNCTION {schema_q}.{function} FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION {schema_q}.{function} TO {app}",
        ]
    return statements


def app_role_ensure(*, role: str, password: str | None) -> list[str]:
    """Create (or update) the login role and grant it exactly the application's rights; run
    as the owner of the tables. Returns the statements run (without the password)."""
    quote = connection.ops.quote_name
    role_name_check(role)
    done = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        owner, schema = cursor.fetchone()
        if role == owner:
            raise ValueError("Peran aplikasi harus berbeda dari pemilik tabel.")
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        exists = cursor.fetchone() is not None
        if not exists:
            statement = (
                f"CREATE ROLE {quote(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                "NOREPLICATION NOBYPASSRLS"
            )
            cursor.execute(statement)
            done.append(statement)
        if password:
            cursor.execute(f"ALTER ROLE {quote(role)} LOGIN PASSWORD %s", [password])
            done.append(f"ALTER ROLE {quote(role)} LOGIN PASSWORD '…'")
        for statement in app_role_statements(role=role, schema=schema, owner=owner):
            cursor.execute(statement)
            done.append(statement)
    return done
