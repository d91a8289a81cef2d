"""The deployment files agree with the code and with each other, so a container or service
set up as the README says is checked by the health check it expects and never restart-loops
on a configuration error. (hadolint lints the Dockerfile itself in .ci/run.)"""

import re
import tomllib
from pathlib import Path

import yaml

from bot.cli import EXIT_CONFIG
from bot.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def dockerfile_env() -> dict[str, str]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    [env_line] = [line for line in text.splitlines() if line.startswith("ENV ")]
    return dict(pair.split("=", 1) for pair in env_line.split()[1:])


def test_the_container_health_check_asks_the_port_the_container_serves_and_publishes():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    port = dockerfile_env()["MAGBOT_METRICS_PORT"]
    assert re.search(rf"^EXPOSE {port}$", text, re.M)
    assert 'CMD ["python", "-m", "bot.observability.healthcheck"]' in text
    assert dockerfile_env()["MAGBOT_METRICS_HOST"] == "0.0.0.0"  # reachable through the port map
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    [mapping] = compose["services"]["magbot"]["ports"]
    assert mapping.endswith(f":{port}")
    assert mapping.startswith("127.0.0.1:")  # no authentication: this host only


def test_the_data_volume_holds_the_database():
    database = Path(dockerfile_env()["MAGBOT_DATABASE"])
    assert 'VOLUME ["/data"]' in (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert database.parent == Path("/data")
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert compose["services"]["magbot"]["volumes"] == ["magbot-data:/data"]
    assert "magbot-data" in compose["volumes"]


def test_the_service_does_not_restart_on_a_configuration_error():
    unit = (ROOT / "deploy" / "magbot.service").read_text(encoding="utf-8")
    assert f"\nRestartPreventExitStatus={EXIT_CONFIG}\n" in unit
    assert "\nRestart=on-failure\n" in unit
    assert "\nEnvironment=MAGBOT_DATABASE=%S/magbot/magbot.sqlite3\n" in unit
    assert "\nStateDirectory=magbot\n" in unit


def test_the_env_example_sets_only_settings_the_bot_reads():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = re.findall(r"^#? ?([A-Z_]+)=", example, re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "DISCORD_TOKEN" in names
    for name in names:
        assert f"`{name}`" in readme, f"{name} is not in the README's settings table"


def test_the_service_hands_the_token_over_as_a_credential_the_bot_reads(tmp_path):
    unit = (ROOT / "deploy" / "magbot.service").read_text(encoding="utf-8")
    [credential] = re.findall(r"^LoadCredential=([a-z_]+):/etc/magbot/\1$", unit, re.M)
    assert "DISCORD_TOKEN=" not in unit
    (tmp_path / credential).write_text("the-token\n")
    assert load_settings({"CREDENTIALS_DIRECTORY": str(tmp_path)}).require_token() == "the-token"


def test_the_compose_service_runs_locked_down_with_the_token_as_a_secret():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["magbot"]
    assert service["read_only"] is True
    assert [mount.split(":")[0] for mount in service["tmpfs"]] == ["/tmp"]
    assert service["cap_drop"] == ["ALL"]
    assert service["security_opt"] == ["no-new-privileges:true"]
    assert service["mem_limit"]
    assert service["pids_limit"] > 0
    assert service["logging"]["options"]["max-size"]
    assert int(service["logging"]["options"]["max-file"]) > 1
    assert service["secrets"] == ["discord_token"]
    assert service["environment"]["DISCORD_TOKEN_FILE"] == "/run/secrets/discord_token"
    assert compose["secrets"]["discord_token"]["file"] == "./secrets/discord_token"


def test_databases_and_secrets_stay_out_of_commits_and_the_image():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"*.sqlite3*", "*.bak", ".env", "secrets/"} <= set(ignored)
    context = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert {"**/*.sqlite3*", "**/*.bak", ".env", "secrets"} <= set(context)


def test_the_image_installs_every_dependency_from_the_hashed_lock_file():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes" in dockerfile
    assert "-r /tmp/requirements.lock" in dockerfile
    assert "pip install --no-cache-dir --no-deps /wheels/*.whl" in dockerfile
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {
        re.sub(r"[-_.]+", "-", name).lower()
        for name in re.findall(r"^([A-Za-z0-9_.-]+)==\S+ \\\n\s+--hash=sha256:", lock, re.M)
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        name = re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement)[0]).lower()
        assert name in pinned, f"{name} is not in requirements.lock: run pip-compile again"
