"""Settings come from the environment; a bad value stops the service with the variable's name."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import env

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECURE_SSL_REDIRECT"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **environment},
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "not-a-url"),
        ("DATABASE_URL", "mysql://root@localhost/tracker"),
        ("CELERY_BROKER_URL", "amqp://guest@localhost//"),
        ("MAX_DOCUMENT_BYTES", "twenty"),
    ],
)
def test_bad_environment_value_fails_at_start_naming_the_variable(variable, value):
    result = run_manage("check", **{variable: value})
    assert result.returncode == 1
    assert result.stderr.startswith(f"Configuration error: {variable}=")
    assert "Traceback" not in result.stderr


def test_database_url_forms_are_understood(monkeypatch):
    monkeypatch.setenv("X_DB", "postgres://postgres@127.0.0.1:5432/tracker")
    config = env.env_database("X_DB", "sqlite:///unused")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["HOST"], config["PORT"], config["NAME"]) == (
        "postgres", "127.0.0.1", 5432, "tracker",
    )
    monkeypatch.setenv("X_DB", "sqlite:////tmp/tracker.sqlite3")
    assert env.env_database("X_DB", "")["NAME"] == "/tmp/tracker.sqlite3"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("FALSE", False)])
def test_booleans_accept_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env.env_bool("X_FLAG", not expected) is expected


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/tracker",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        SECRET_KEY="a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="tracker.example.org",
        DEBUG="false",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_deploy_check_refuses_the_embedded_defaults():
    result = run_manage("check", "--deploy", DEBUG="false")
    assert result.returncode == 1
    for check_id in ("tracker.E001", "tracker.E002", "tracker.E003"):
        assert check_id in result.stderr


def test_dev_superuser_refuses_outside_the_embedded_default():
    result = run_manage(
        "dev_superuser",
        DATABASE_URL="sqlite:////tmp/tracker-never-created.sqlite3",
    )
    assert result.returncode == 1
    assert "only runs with the embedded default" in result.stderr


def test_dutch_is_the_default_language(settings):
    assert settings.LANGUAGE_CODE == "nl-be"
    assert settings.TIME_ZONE == "Europe/Brussels"
    assert settings.USE_TZ is True
    assert "en" in dict(settings.LANGUAGES)
