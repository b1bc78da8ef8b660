"""Deployment settings: production by default, no start without a key, and `check --deploy` clean with the
documented production settings (docs/production.env.example)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "production.env.example"


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE",
                        "COUNTERPART_SIGNS_NOTHING")}
    for line in EXAMPLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            assert name and name == name.strip() and "=" in line, line
            env[name] = value
    env.update({"SECRET_KEY": "x" * 20 + "-production-like-key-" + "y" * 30, "DATABASE_URL":
                f"sqlite:///{tmp_path / 'db.sqlite3'}", "COUNTERPART_VAR": str(tmp_path),
                "IMPORTS_DIR": str(tmp_path / "imports"), "DJANGO_SETTINGS_MODULE": "counterpart.settings"})
    env.update(extra)
    return env


def counterpart(env, *args):
    return subprocess.run([sys.executable, "-m", "counterpart.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


def test_the_example_file_is_one_name_value_a_line():
    for line in EXAMPLE.read_text().splitlines():
        assert not line or line.startswith("#") or (line.count("=") >= 1 and " " not in line.split("=")[0])


def test_check_deploy_with_the_documented_production_settings_gives_no_warning(tmp_path):
    out = counterpart(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_check_deploy_warns_without_them(tmp_path):
    env = production_env(tmp_path, SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", SECURE_HSTS_SECONDS="0")
    out = counterpart(env, "check", "--deploy", "--fail-level", "WARNING")
    assert out.returncode == 1 and "W008" in out.stderr + out.stdout and "W012" in out.stderr + out.stdout


def test_debug_is_off_unless_asked_for(tmp_path):
    env = production_env(tmp_path)
    env.pop("DEBUG")
    out = subprocess.run([sys.executable, "-c", ("import django; django.setup(); from django.conf import settings; "
                          "print(settings.DEBUG)")], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.parametrize("how", ["wsgi", "command"])
def test_nothing_starts_without_a_secret_key_when_debug_is_off(tmp_path, how):
    env = production_env(tmp_path)
    env.pop("SECRET_KEY")
    if how == "wsgi":  # what gunicorn imports: the worker fails to boot, so gunicorn stops
        out = subprocess.run([sys.executable, "-c", "import counterpart.wsgi"], capture_output=True, text=True,
                             env=env, cwd=ROOT, timeout=120)
        assert out.returncode != 0 and "SECRET_KEY is not set" in out.stderr
    else:
        out = counterpart(env, "check")
        assert out.returncode == 1 and "SECRET_KEY is not set" in out.stderr and "Traceback" not in out.stderr


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_an_inline_script_or_handler():
    import re

    offenders = []
    for path in (ROOT / "counterpart").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_idle_timeout_and_password_validators_are_configured():
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
            "NumericPasswordValidator"} <= set(names)
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_SECONDS
