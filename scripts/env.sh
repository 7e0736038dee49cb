# Sourced by the scripts: puts the installed tools first on PATH and keeps trunk off the network.
LPCHAT_TOOLS_DIR="${LPCHAT_TOOLS_DIR:-$HOME/.cache/lpchat-tools}"
export PATH="$LPCHAT_TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export LPCHAT_AXE="${LPCHAT_AXE:-$LPCHAT_TOOLS_DIR/node_modules/axe-core/axe.min.js}"
