# Sourced by scripts/run and scripts/test: make sure .venv exists and holds this
# checkout of bridges (with the given extras), rebuilding it when pyproject.toml
# has changed since it was made. Needs only python3 (3.11+) and pip.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

bridges_venv() {
    local flavour="$1" extras="$2"
    local want
    want="$("$PYTHON" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$ROOT/pyproject.toml")"
    if [ -d "$VENV" ] && [ "$(cat "$VENV/.bridges-pyproject" 2>/dev/null)" != "$want" ]; then
        echo "bridges: pyproject.toml changed; rebuilding .venv" >&2
        rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        echo "bridges: creating .venv (first run only)" >&2
        "$PYTHON" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
        echo "$want" > "$VENV/.bridges-pyproject"
    fi
    if [ ! -f "$VENV/.bridges-$flavour" ]; then
        echo "bridges: installing bridges${extras} into .venv" >&2
        "$VENV/bin/python" -m pip install --quiet --editable "$ROOT$extras" >&2
        touch "$VENV/.bridges-$flavour"
    fi
}
