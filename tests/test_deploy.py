"""The deployment files under deploy/: they parse, agree with each other, with the settings the worker
reads, with the CLI verbs it has, and with the index mappings the dashboards query."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from worker.config import Settings

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
K8S = DEPLOY / "k8s"
STACK_FILES = (DEPLOY / "docker-compose.yml", DEPLOY / "docker-compose.opensearch.yml")
COMPOSE_FILES = (*STACK_FILES, DEPLOY / "docker-compose.workers.yml")
ENV_EXAMPLE = DEPLOY / ".env.example"
# The index mappings live with the index code; the override lets a branch be checked against another
# checkout's mappings (e.g. DEPLOY_TEST_INDEX_DIR=../index/worker/index) before they are merged.
INDEX_DIR = Path(os.environ.get("DEPLOY_TEST_INDEX_DIR", REPO / "worker" / "index"))
WORKER_IMAGE = "ingest-worker"
SETTING_DEFAULTS = {name: info.default for name, info in Settings.model_fields.items()}
QUEUE = str(SETTING_DEFAULTS.get("queue", "ingest"))  # INGEST_QUEUE: the Redis list KEDA watches
PRIORITY_LISTS = {QUEUE, *(f"{QUEUE}\x06\x16{step}" for step in (3, 6, 9))}


def deploy_files(*suffixes: str) -> list[Path]:
    """Files under deploy/ with one of ``suffixes``, leaving out build output."""
    found = (p for p in DEPLOY.rglob("*") if p.is_file() and p.name.endswith(suffixes))
    return sorted(p for p in found if "target" not in p.relative_to(DEPLOY).parts)


def yaml_documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


def env_example() -> dict[str, str]:
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if line.strip() and not line.lstrip().startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's variable substitution: ``${X}``, ``${X:-default}``, ``${X:?error}`` and ``$$``."""

    def value(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op = match.group("name"), match.group("op")
        if env.get(name):
            return env[name]
        assert op in (":-", "-"), f"${{{name}}} has no default and no value in {ENV_EXAMPLE.name}"
        return match.group("arg") or ""

    return _VARIABLE.sub(value, text)


def compose(path: Path) -> dict[str, Any]:
    """A compose file as `docker compose config` would read it with deploy/.env.example."""
    loaded = yaml.safe_load(interpolate(path.read_text(encoding="utf-8"), env_example()))
    assert isinstance(loaded, dict)
    return loaded


def ingest_services(project: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: svc
        for name, svc in project["services"].items()
        if svc.get("image", "").startswith(WORKER_IMAGE)
    }


def k8s_objects() -> list[dict[str, Any]]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml_documents(path) if "kind" in doc]


def k8s_object(kind: str, name: str) -> dict[str, Any]:
    [found] = [o for o in k8s_objects() if o["kind"] == kind and o["metadata"]["name"] == name]
    return found


def pod_specs() -> Iterator[tuple[str, dict[str, Any]]]:
    for obj in k8s_objects():
        if obj["kind"] in ("Deployment", "StatefulSet", "Job"):
            yield obj["metadata"]["name"], obj["spec"]["template"]["spec"]


def containers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [*spec.get("initContainers", []), *spec["containers"]]


# --- every file parses --------------------------------------------------------------------------


@pytest.mark.parametrize("path", deploy_files(".yml", ".yaml"), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_yaml_file_parses_into_mappings(path: Path) -> None:
    documents = yaml_documents(path)
    assert documents
    assert all(isinstance(doc, dict) for doc in documents)


@pytest.mark.parametrize("path", deploy_files(".ndjson"), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_ndjson_line_is_a_saved_object(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        obj = json.loads(line)
        assert {"type", "id", "attributes", "references"} <= obj.keys()
        for key in ("visState", "panelsJSON", "optionsJSON", "uiStateJSON"):
            if key in obj["attributes"]:
                json.loads(obj["attributes"][key])  # nested JSON strings must parse too
        meta = obj["attributes"].get("kibanaSavedObjectMeta")
        if meta:
            json.loads(meta["searchSourceJSON"])


def test_both_saved_object_sets_are_there() -> None:
    names = {str(p.relative_to(DEPLOY)) for p in deploy_files(".ndjson")}
    assert {"kibana/ingest-dashboards.ndjson", "opensearch-dashboards/ingest-dashboards.ndjson"} <= names


# --- docker compose -----------------------------------------------------------------------------


def _compose_unavailable() -> str | None:
    if shutil.which("docker") is None:
        return "no docker CLI on this machine"
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return (
            "the docker CLI here has no compose plugin (`docker compose version` fails; install it with"
            " deploy/tools/install-compose-plugin.sh); the tests below still check the files' structure"
        )
    return None


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_docker_compose_config_accepts_the_file(path: Path) -> None:
    reason = _compose_unavailable()
    if reason:
        pytest.skip(reason)
    command = ["docker", "compose", "--env-file", str(ENV_EXAMPLE), "-f", str(path), "config", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr


def test_every_variable_in_the_env_example_is_used() -> None:
    used = set()
    for path in COMPOSE_FILES:
        used |= {
            m.group("name") for m in _VARIABLE.finditer(path.read_text(encoding="utf-8")) if m.group("name")
        }
    assert set(env_example()) <= used


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_dependencies_exist_and_are_checkable(path: Path) -> None:
    services = compose(path)["services"]
    conditions = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, service in services.items():
        for target, spec in service.get("depends_on", {}).items():
            assert target in services, f"{name} depends on unknown {target}"
            assert spec["condition"] in conditions
            if spec["condition"] == "service_healthy":
                check = services[target].get("healthcheck", {})
                assert check.get("test") and not check.get("disable"), f"{target} has no healthcheck"
            if spec["condition"] == "service_completed_successfully":
                assert services[target].get("restart") == "no", f"{target} is not a one-shot"


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_volumes_are_declared_and_ports_stay_on_loopback(path: Path) -> None:
    project = compose(path)
    for name, service in project["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            assert source.startswith((".", "/")) or source in project["volumes"], f"{name}: {source}"
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"


@pytest.mark.parametrize("path", STACK_FILES, ids=lambda p: p.name)
def test_compose_has_every_role(path: Path) -> None:
    services = ingest_services(compose(path))
    commands = {" ".join(svc["command"][:2]) for svc in services.values()}
    assert {"worker", "beat", "setup-index", "dashboards import"} <= commands
    assert any(c.startswith("serve") for c in commands)
    assert services["beat"]["deploy"]["replicas"] == 1
    assert int(services["worker"]["deploy"]["replicas"]) >= 1
    assert "flower" in compose(path)["services"]


@pytest.mark.parametrize("path", STACK_FILES, ids=lambda p: p.name)
def test_compose_redis_is_persistent_and_never_evicts(path: Path) -> None:
    redis = compose(path)["services"]["redis"]
    command = " ".join(redis["command"])
    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command
    assert any(v.endswith(":/data") for v in redis["volumes"])
    password = env_example()["REDIS_PASSWORD"]
    assert f"--requirepass {password}" in command
    urls = [svc["environment"]["INGEST_REDIS_URL"] for svc in ingest_services(compose(path)).values()]
    urls.append(compose(path)["services"]["flower"]["environment"]["CELERY_BROKER_URL"])
    assert {urlsplit(url).password for url in urls} == {password}


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_workers_outlive_the_hard_time_limit_on_stop(path: Path) -> None:
    worker = compose(path)["services"]["worker"]
    hard_limit = int(
        worker["environment"].get("INGEST_TASK_HARD_TIME_LIMIT_S", SETTING_DEFAULTS["task_hard_time_limit_s"])
    )
    grace = worker["stop_grace_period"]
    assert grace.endswith("s")
    assert int(grace[:-1]) > hard_limit


def test_elasticsearch_compose_runs_with_security_and_the_worker_logs_in() -> None:
    project = compose(STACK_FILES[0])
    assert project["services"]["elasticsearch"]["environment"]["xpack.security.enabled"] == "true"
    password = env_example()["ELASTIC_PASSWORD"]
    for name, service in ingest_services(project).items():
        env = service["environment"]
        assert env["INGEST_SEARCH_USER"] == "elastic", name
        assert env["INGEST_SEARCH_PASSWORD"] == password, name


# --- settings: the names the worker reads --------------------------------------------------------


def compose_settings() -> Iterator[tuple[str, dict[str, str]]]:
    for path in COMPOSE_FILES:
        for name, service in ingest_services(compose(path)).items():
            yield f"{path.name}:{name}", {k: str(v) for k, v in service["environment"].items()}


def k8s_settings() -> dict[str, str]:
    config = k8s_object("ConfigMap", "ingest-settings")["data"]
    secret = k8s_object("Secret", "ingest-secrets")["stringData"]
    return {**config, **secret}


def ingest_variables(values: dict[str, str]) -> dict[str, str]:
    return {k.removeprefix("INGEST_").lower(): v for k, v in values.items() if k.startswith("INGEST_")}


def all_setting_sources() -> list[tuple[str, dict[str, str]]]:
    return [*compose_settings(), ("k8s", k8s_settings())]


@pytest.mark.parametrize(
    ("where", "values"), all_setting_sources(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_every_ingest_variable_is_a_setting_with_a_valid_value(where: str, values: dict[str, str]) -> None:
    variables = ingest_variables(values)
    unknown = set(variables) - set(Settings.model_fields)
    assert not unknown, f"{where}: the worker reads no INGEST_{sorted(unknown)}"
    settings = Settings.model_validate(variables)  # strings, converted as from the environment
    assert settings.redis_url == variables["redis_url"]


@pytest.mark.parametrize(
    ("where", "values"), all_setting_sources(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_required_settings_are_set_and_point_at_services(where: str, values: dict[str, str]) -> None:
    variables = ingest_variables(values)
    required = {name for name, info in Settings.model_fields.items() if info.is_required()}
    # The defaults name 127.0.0.1, which inside a container or pod is the container itself.
    assert required | {"redis_url", "search_url"} <= set(variables), where
    for name in ("redis_url", "search_url"):
        host = urlsplit(variables[name]).hostname
        assert host not in (None, "127.0.0.1", "localhost"), f"{where}: {name}={variables[name]}"


def test_ingest_containers_in_k8s_take_their_settings_from_the_configmap_and_secret() -> None:
    for name, spec in pod_specs():
        for container in containers(spec):
            if container["image"] != WORKER_IMAGE:
                continue
            sources = {next(iter(s)): next(iter(s.values()))["name"] for s in container["envFrom"]}
            assert sources == {"configMapRef": "ingest-settings", "secretRef": "ingest-secrets"}, name
            assert all(e["name"].startswith("INGEST_") is False for e in container.get("env", [])), name


# --- the CLI verbs the deployment runs ------------------------------------------------------------


def deployed_commands() -> set[tuple[str, ...]]:
    commands = {
        tuple(svc["command"]) for path in COMPOSE_FILES for svc in ingest_services(compose(path)).values()
    }
    for _name, spec in pod_specs():
        commands |= {tuple(c["args"]) for c in containers(spec) if c["image"] == WORKER_IMAGE}
    return {tuple(arg.replace("$(KIBANA_URL)", "http://kibana:5601") for arg in cmd) for cmd in commands}


@pytest.mark.parametrize("command", sorted(deployed_commands()), ids=" ".join)
def test_every_deployed_command_is_an_ingest_verb_with_those_options(command: tuple[str, ...]) -> None:
    # --help is eager, but click still refuses an unknown verb or option before printing it.
    ingest = Path(sys.executable).with_name("ingest")
    result = subprocess.run(
        [str(ingest), *command, "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


# --- the image ----------------------------------------------------------------------------------


def test_dockerfile_builds_a_wheel_and_runs_it_as_non_root_with_a_healthcheck() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in text
    stages = re.findall(r"^FROM \S+ AS (\w+)", text, flags=re.MULTILINE)
    assert stages == ["build", "runtime"]
    assert "pip wheel" in text.split("AS runtime")[0]
    user = re.findall(r"^USER (\S+)", text, flags=re.MULTILINE)
    assert user
    assert user[-1].split(":")[0] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*inspect ping", text, flags=re.MULTILINE | re.DOTALL)
    assert 'inspect ping --destination \\"ingest@$(hostname)\\"' in text


def test_hadolint_finds_nothing_in_the_dockerfile() -> None:
    hadolint = Path(sys.executable).with_name("hadolint")
    command = [str(hadolint), "--no-color", str(DEPLOY / "Dockerfile")]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# --- Kubernetes -----------------------------------------------------------------------------------


def test_kustomization_lists_every_manifest() -> None:
    [kustomization] = yaml_documents(K8S / "kustomization.yaml")
    manifests = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == manifests
    assert {i["name"] for i in kustomization["images"]} == {WORKER_IMAGE}


def test_kubectl_kustomize_builds_the_manifests_into_the_namespace() -> None:
    if shutil.which("kubectl") is None:
        pytest.skip("no kubectl on this machine: `kubectl kustomize` cannot build deploy/k8s here")
    result = subprocess.run(
        ["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    built = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    assert len(built) == len(k8s_objects()) - 1  # the Kustomization itself is not an object
    assert all(doc["metadata"].get("namespace") == "ingest" for doc in built if doc["kind"] != "Namespace")
    images = {
        c["image"]
        for doc in built
        if "template" in doc.get("spec", {})
        for c in containers(doc["spec"]["template"]["spec"])
    }
    assert "registry.example.com/ingest-worker:0.1.0" in images
    assert WORKER_IMAGE not in images


def test_every_container_has_requests_and_a_memory_limit() -> None:
    for name, spec in pod_specs():
        for container in containers(spec):
            resources = container["resources"]
            assert {"cpu", "memory"} <= resources["requests"].keys(), name
            assert "memory" in resources["limits"], name


def test_ingest_pods_run_as_non_root() -> None:
    for name, spec in pod_specs():
        if any(c["image"] == WORKER_IMAGE for c in containers(spec)):
            assert spec["securityContext"]["runAsNonRoot"] is True, name
            assert spec["securityContext"]["runAsUser"] != 0, name


def test_worker_terminates_gracefully_and_is_live_only_if_it_answers_a_ping() -> None:
    spec = k8s_object("Deployment", "ingest-worker")["spec"]["template"]["spec"]
    hard_limit = int(k8s_settings()["INGEST_TASK_HARD_TIME_LIMIT_S"])
    assert spec["terminationGracePeriodSeconds"] > hard_limit
    [worker] = spec["containers"]
    probe = " ".join(worker["livenessProbe"]["exec"]["command"])
    assert "worker.celery_app inspect ping" in probe
    assert "ingest@$HOSTNAME" in probe


def test_beat_is_a_single_replica_that_never_overlaps() -> None:
    spec = k8s_object("Deployment", "ingest-beat")["spec"]
    assert spec["replicas"] == 1
    assert spec["strategy"]["type"] == "Recreate"


def test_api_service_reaches_the_api_pods() -> None:
    deployment = k8s_object("Deployment", "ingest-api")["spec"]
    service = k8s_object("Service", "ingest-api")["spec"]
    labels = deployment["template"]["metadata"]["labels"]
    assert service["selector"].items() <= labels.items()
    [api] = deployment["template"]["spec"]["containers"]
    port_names = {p["name"] for p in api["ports"]}
    assert {p["targetPort"] for p in service["ports"]} <= port_names
    assert api["readinessProbe"]["httpGet"]["path"] == "/healthz"


def test_keda_scales_the_worker_on_every_list_of_the_queue() -> None:
    scaled = k8s_object("ScaledObject", "ingest-worker")["spec"]
    assert scaled["scaleTargetRef"]["name"] == k8s_object("Deployment", "ingest-worker")["metadata"]["name"]
    assert scaled["minReplicaCount"] >= 1
    triggers = scaled["triggers"]
    assert {t["type"] for t in triggers} == {"redis"}
    assert {t["metadata"]["listName"] for t in triggers} == PRIORITY_LISTS
    redis_host = urlsplit(k8s_settings()["INGEST_REDIS_URL"]).hostname
    for trigger in triggers:
        assert trigger["metadata"]["address"].split(".")[0] == redis_host
        assert int(trigger["metadata"]["listLength"]) > 0


def test_k8s_redis_keeps_an_append_only_file_on_a_volume_and_never_evicts() -> None:
    config = k8s_object("ConfigMap", "redis-config")["data"]["redis.conf"].splitlines()
    assert "appendonly yes" in config
    assert "maxmemory-policy noeviction" in config
    statefulset = k8s_object("StatefulSet", "redis")["spec"]
    [claim] = statefulset["volumeClaimTemplates"]
    [redis] = statefulset["template"]["spec"]["containers"]
    assert {"name": claim["metadata"]["name"], "mountPath": "/data"} in redis["volumeMounts"]


# --- dashboards against the index mappings --------------------------------------------------------

DATE_TYPES = {"date", "date_nanos"}
TERMS_TYPES = {"keyword", "constant_keyword", "boolean", "integer", "long", "short", "byte"}
SORT_TYPES = DATE_TYPES | TERMS_TYPES | {"float", "double"}


def flatten(properties: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Field name -> mapping type, with multi-fields as ``name.sub`` and objects recursed into."""
    fields: dict[str, str] = {}
    for name, spec in properties.items():
        full = prefix + name
        fields[full] = spec.get("type", "object")
        fields |= flatten(spec.get("properties", {}), full + ".")
        fields |= {f"{full}.{sub}": sub_spec["type"] for sub, sub_spec in spec.get("fields", {}).items()}
    return fields


def mappings_by_index() -> dict[str, dict[str, str]]:
    """Field types of what the data views point at: the read alias and the URL-status index."""
    template = json.loads((INDEX_DIR / "template.json").read_text(encoding="utf-8"))
    urls = json.loads((INDEX_DIR / "url_status.json").read_text(encoding="utf-8"))
    return {
        str(SETTING_DEFAULTS["read_alias"]): flatten(template["template"]["mappings"]["properties"]),
        str(SETTING_DEFAULTS["url_status_index"]): flatten(urls["mappings"]["properties"]),
    }


def saved_objects(flavour_dir: str) -> dict[str, dict[str, Any]]:
    lines = (DEPLOY / flavour_dir / "ingest-dashboards.ndjson").read_text(encoding="utf-8").splitlines()
    return {obj["id"]: obj for obj in map(json.loads, lines)}


def fields_of(obj: dict[str, Any], objects: dict[str, dict[str, Any]]) -> dict[str, str]:
    [ref] = [r for r in obj["references"] if r["type"] == "index-pattern"]
    return mappings_by_index()[objects[ref["id"]]["attributes"]["title"]]


FLAVOUR_DIRS = ("kibana", "opensearch-dashboards")


@pytest.mark.parametrize("flavour_dir", FLAVOUR_DIRS)
def test_data_views_point_at_mapped_indices_with_a_date_time_field(flavour_dir: str) -> None:
    objects = saved_objects(flavour_dir)
    views = [o for o in objects.values() if o["type"] == "index-pattern"]
    assert {v["attributes"]["timeFieldName"] for v in views} == {"published", "last_attempt"}
    for view in views:
        fields = mappings_by_index()[view["attributes"]["title"]]
        assert fields[view["attributes"]["timeFieldName"]] in DATE_TYPES


@pytest.mark.parametrize("flavour_dir", FLAVOUR_DIRS)
def test_every_chart_aggregates_a_field_of_a_suitable_type(flavour_dir: str) -> None:
    objects = saved_objects(flavour_dir)
    charts = [o for o in objects.values() if o["type"] == "visualization"]
    assert len(charts) == 7
    for chart in charts:
        fields = fields_of(chart, objects)
        for agg in json.loads(chart["attributes"]["visState"])["aggs"]:
            if agg["type"] == "date_histogram":
                assert fields[agg["params"]["field"]] in DATE_TYPES, chart["id"]
            elif agg["type"] == "terms":
                assert fields[agg["params"]["field"]] in TERMS_TYPES, chart["id"]
            else:
                assert agg["type"] == "count", chart["id"]


@pytest.mark.parametrize("flavour_dir", FLAVOUR_DIRS)
def test_queries_name_mapped_fields(flavour_dir: str) -> None:
    objects = saved_objects(flavour_dir)
    for obj in objects.values():
        if obj["type"] not in ("visualization", "search"):
            continue
        source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        for field in re.findall(r"([\w.]+)\s*:", source["query"]["query"]):
            assert fields_of(obj, objects)[field] in TERMS_TYPES, f"{obj['id']}: {field}"


@pytest.mark.parametrize("flavour_dir", FLAVOUR_DIRS)
def test_saved_search_shows_mapped_columns_sorted_by_a_sortable_field(flavour_dir: str) -> None:
    objects = saved_objects(flavour_dir)
    [search] = [o for o in objects.values() if o["type"] == "search"]
    fields = fields_of(search, objects)
    assert set(search["attributes"]["columns"]) <= fields.keys()
    assert search["attributes"]["sort"] == [["published", "desc"]]
    for field, _direction in search["attributes"]["sort"]:
        assert fields[field] in SORT_TYPES


@pytest.mark.parametrize("flavour_dir", FLAVOUR_DIRS)
def test_dashboard_panels_resolve_to_objects_in_the_file(flavour_dir: str) -> None:
    objects = saved_objects(flavour_dir)
    [dashboard] = [o for o in objects.values() if o["type"] == "dashboard"]
    panels = json.loads(dashboard["attributes"]["panelsJSON"])
    references = {r["name"]: r for r in dashboard["references"]}
    targets = set()
    for panel in panels:
        name = panel["panelRefName"]
        if flavour_dir == "kibana":  # Kibana 8 prefixes the reference name with the panel index
            name = f"{panel['panelIndex']}:{name}"
        ref = references[name]
        assert objects[ref["id"]]["type"] == ref["type"]
        targets.add(ref["id"])
    shown = {o["id"] for o in objects.values() if o["type"] in ("visualization", "search")}
    assert targets == shown
    for obj in objects.values():
        for ref in obj["references"]:
            assert objects[ref["id"]]["type"] == ref["type"], obj["id"]
