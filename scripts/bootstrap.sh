#!/usr/bin/env bash
# Makes Node.js 22+ and pnpm 10 available, installing Node 24 and pnpm 10 from
# the npm registry into a local prefix when the machine's Node is older.
#
#   source scripts/bootstrap.sh   # installs if needed and puts the prefix first on PATH
#   bash scripts/bootstrap.sh     # installs if needed and prints the PATH line to use
#
# The prefix defaults to ~/.local/node24; set AGENTCORE_NODE_PREFIX to change it.

agentcore_bootstrap() {
  local prefix="${AGENTCORE_NODE_PREFIX:-$HOME/.local/node24}"
  local min_node=22 want_pnpm=10

  node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
  pnpm_major() { "${1:-pnpm}" --version 2>/dev/null | cut -d. -f1 || echo 0; }

  if command -v node >/dev/null 2>&1 && [ "$(node_major)" -ge "$min_node" ] &&
    command -v pnpm >/dev/null 2>&1 && [ "$(pnpm_major)" = "$want_pnpm" ]; then
    echo "bootstrap: node $(node --version) and pnpm $(pnpm --version) already present; nothing to do."
    return 0
  fi

  if [ ! -x "$prefix/bin/node" ] || [ "$(node_major "$prefix/bin/node")" -lt "$min_node" ] ||
    [ ! -x "$prefix/bin/pnpm" ] || [ "$(pnpm_major "$prefix/bin/pnpm")" != "$want_pnpm" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "bootstrap: npm not found. Install any Node.js with npm first, then rerun this script." >&2
      return 1
    fi
    echo "bootstrap: installing node@24 and pnpm@$want_pnpm into $prefix from the npm registry..."
    npm install --global --prefix "$prefix" --no-fund --no-audit "node@24" "pnpm@$want_pnpm" || {
      echo "bootstrap: npm install of node@24 and pnpm@$want_pnpm into $prefix failed; see the npm output above." >&2
      return 1
    }
  fi

  case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) export PATH="$prefix/bin:$PATH" ;;
  esac
  hash -r 2>/dev/null || true
  echo "bootstrap: using node $("$prefix/bin/node" --version) and pnpm $("$prefix/bin/pnpm" --version) from $prefix/bin."
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  agentcore_bootstrap
  echo "To use them in this shell: export PATH=\"${AGENTCORE_NODE_PREFIX:-$HOME/.local/node24}/bin:\$PATH\""
else
  agentcore_bootstrap
fi
