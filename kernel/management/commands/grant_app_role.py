"""``manage.py grant_app_role``: the least-privilege PostgreSQL role the application connects as.

Run by the owner of the tables (``DATABASE_URL`` set to the owner's, as the compose ``migrate`` service does)
after every ``migrate``; idempotent. The role (``DATABASE_APP_ROLE``, default ``zhifa_app``):

- owns nothing, and is no superuser (so it can neither ``ALTER TABLE … DISABLE TRIGGER`` nor
  ``SET session_replication_role = replica``, which bypass the append-only triggers);
- may SELECT, INSERT, UPDATE and DELETE the application's tables, but only SELECT and INSERT the append-only
  audit tables (``kernel.checkpoint.append_only_tables``) — never UPDATE, DELETE or TRUNCATE them — and only
  SELECT ``django_migrations``;
- may use the sequences.

等保 2.0 GB/T 22239-2019 8.1.4.2 访问控制 (d: 授予管理用户所需的最小权限，实现管理用户的权限分离)
and 8.1.4.3 安全审计 (c).
The password, when ``DATABASE_APP_PASSWORD`` is set, is (re)set on the role; the role is created when missing.
"""

from __future__ import annotations

import os
import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from kernel.checkpoint import append_only_tables

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
READ_ONLY_TABLES = ("django_migrations",)


class Command(BaseCommand):
    help = "创建（或更新）应用连接数据库所用的最小权限角色并授权；在 migrate 之后由表的所有者运行，可重复运行。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--role", help="角色名（默认取 DATABASE_APP_ROLE，即 zhifa_app）")

    def handle(self, *args, role=None, **options) -> None:
        role = role or settings.DATABASE_APP_ROLE
        if connection.vendor != "postgresql":
            raise CommandError("grant_app_role 只用于 PostgreSQL（嵌入式 SQLite 没有数据库角色）。")
        if not ROLE_NAME.match(role):
            raise CommandError(f"角色名 {role!r} 无效：只能用小写字母、数字和下划线，且不以数字开头。")
        password = os.environ.get("DATABASE_APP_PASSWORD", "")
        quoted = connection.ops.quote_name(role)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_database()")
            owner, database = cursor.fetchone()
            if role == owner:
                raise CommandError(f"应用角色 {role} 不能是运行迁移的所有者角色本身。")
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE ROLE {quoted} LOGIN")
                self.stdout.write(f"已创建角色 {role}。")
            if password:
                cursor.execute(f"ALTER ROLE {quoted} PASSWORD %s", [password])
            cursor.execute(f"ALTER ROLE {quoted} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS")
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                "WHERE r.rolname = %s AND c.relnamespace = 'public'::regnamespace ORDER BY 1",
                [role],
            )
            owned = [name for (name,) in cursor.fetchall()]
            if owned:
                raise CommandError(
                    f"应用角色 {role} 不得拥有任何表，但拥有：{'、'.join(owned)}。请改由所有者角色持有。"
                )
            cursor.execute(f"GRANT CONNECT ON DATABASE {connection.ops.quote_name(database)} TO {quoted}")
            cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
            cursor.execute(f"REVOKE CREATE ON SCHEMA public FROM {quoted}")
            cursor.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}")
            cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
            cursor.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {quoted}")
            cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            present = {name for (name,) in cursor.fetchall()}
            append_only = [t for t in append_only_tables() if t in present]
            for table in append_only:
                cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {connection.ops.quote_name(table)} FROM {quoted}")
            for table in READ_ONLY_TABLES:
                if table in present:
                    cursor.execute(f"REVOKE INSERT, UPDATE, DELETE ON {connection.ops.quote_name(table)} FROM {quoted}")
        self.stdout.write(
            self.style.SUCCESS(
                f"角色 {role} 已授权：{len(present)} 张表可读写，其中 {len(append_only)} 张审计表只可追加"
                f"（{'、'.join(append_only)}）。"
            )
        )
