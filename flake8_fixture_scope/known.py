"""Fixtures the linter cannot read: pytest's built-ins and well-known plugins."""

from __future__ import annotations

from .model.fixture import Scope

_SESSION = (
    # pytest
    "doctest_namespace pytestconfig record_testsuite_property tmp_path_factory tmpdir_factory "
    # pytest-mock
    "session_mocker "
    # pytest-asyncio
    "unused_tcp_port_factory unused_udp_port_factory event_loop_policy "
    # pytest-django
    "django_db_setup django_db_blocker django_db_modify_db_settings "
    "django_db_modify_db_settings_parallel_suffix django_db_modify_db_settings_tox_suffix "
    "django_db_modify_db_settings_xdist_suffix django_db_use_migrations django_db_keepdb "
    "django_db_createdb django_test_environment live_server "
    # pytest-xdist
    "worker_id testrun_uid "
    # pytest-httpserver, pytest-benchmark
    "httpserver_listen_address make_httpserver"
)
_PACKAGE = "package_mocker"
_MODULE = "module_mocker"
_CLASS = "class_mocker"
_FUNCTION = (
    "cache capsys capteesys capsysbinary capfd capfdbinary caplog monkeypatch recwarn "
    "record_property record_xml_attribute tmp_path tmpdir subtests pytester testdir "
    "mocker unused_tcp_port unused_udp_port "
    "db transactional_db django_db_reset_sequences django_db_serialized_rollback client "
    "async_client admin_client admin_user django_user_model django_username_field rf "
    "async_rf settings mailoutbox django_mail_patch_dns django_mail_dnsname "
    "django_assert_num_queries django_assert_max_num_queries django_capture_on_commit_callbacks "
    "benchmark httpserver"
)

BUILTIN_SCOPES: dict[str, Scope] = {
    name: scope
    for text, scope in (
        (_SESSION, Scope.SESSION),
        (_PACKAGE, Scope.PACKAGE),
        (_MODULE, Scope.MODULE),
        (_CLASS, Scope.CLASS),
        (_FUNCTION, Scope.FUNCTION),
    )
    for name in text.split()
}

# Broad fixtures whose values exist to be changed by tests.
MUTATION_ALLOWED: frozenset[str] = frozenset(
    "doctest_namespace pytestconfig tmp_path_factory tmpdir_factory record_testsuite_property "
    "django_db_blocker unused_tcp_port_factory unused_udp_port_factory".split()
)

# The fixture that fits every scope.
SCOPELESS: frozenset[str] = frozenset({"request"})

# What to use instead of a function-scoped built-in inside a broader fixture (FXS010).
BROAD_ALTERNATIVES: dict[str, str] = {
    "monkeypatch": "use 'with pytest.MonkeyPatch.context() as mp:' inside it",
    "tmp_path": "use tmp_path_factory.mktemp()",
    "tmpdir": "use tmpdir_factory.mktemp()",
    "mocker": "use session_mocker, package_mocker, module_mocker or class_mocker to match",
    "unused_tcp_port": "use unused_tcp_port_factory",
    "unused_udp_port": "use unused_udp_port_factory",
}
