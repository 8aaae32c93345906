#!/usr/bin/env bash
# The system packages the guide needs, installed when missing; `make` runs this before it makes
# .venv, so `make serve` and `make test` are all a newcomer types. Everything else comes from
# requirements.lock (Python wheels, including the PDF and QR readers the tests use).
#
#   scripts/setup-system.sh build   what `make serve` and `make build` need
#   scripts/setup-system.sh test    that, plus what the tests need (a browser, fonts, git)
#
# On Debian or Ubuntu it runs apt-get: as root directly, otherwise through sudo. If neither works it
# stops, before any build or test, with the exact command to run.
set -euo pipefail

what=${1:-build}
case "$what" in build | test) ;; *) echo "usage: $0 build|test" >&2; exit 2 ;; esac
python=${PYTHON:-python3}

missing=()
need_package() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || missing+=("$1"); }
need_command() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "Not Debian or Ubuntu, so system packages are not checked. The build needs Pango, HarfBuzz and"
  echo "DejaVu fonts (for WeasyPrint's PDF handouts); the tests also need git, Chromium (or set CHROME_PATH)"
  echo "and Liberation fonts."
  exit 0
fi

# Python's venv module (Debian ships it apart, as python3-venv) to make .venv.
"$python" -c "import ensurepip, venv" >/dev/null 2>&1 || missing+=(python3-venv)
# WeasyPrint, for the PDF handouts: Pango, HarfBuzz's subsetter and DejaVu Sans, which every PDF embeds.
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  need_package "$package"
done

if [ "$what" = test ]; then
  need_command git git  # scripts/checks.py lists the files to check with git
  # A browser for tests/browser/ (postbuild/chromium.py looks in the same places), unless CHROME_PATH
  # is set or a Chromium or Chrome is there (GitHub's runners have Chrome): Debian's
  # chromium-headless-shell, the tests' quickest Chromium, where apt has it, else chromium.
  if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium-headless-shell >/dev/null 2>&1 \
     && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
     && ! command -v google-chrome >/dev/null 2>&1; then
    if apt-cache show chromium-headless-shell >/dev/null 2>&1; then
      missing+=(chromium-headless-shell)
    else
      missing+=(chromium)
    fi
  fi
  # Arial-metric fonts, so pages lay out in tests as on a reader's machine (chromium only recommends them).
  need_package fonts-liberation
  # Playwright's own Node.js (in its wheel), which drives the browser, links against libatomic.
  need_package libatomic1
fi

[ ${#missing[@]} -eq 0 ] && exit 0

install=(apt-get install -y -q --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
  run=(sudo)
else
  echo "Missing system packages: ${missing[*]}. Install them, then run make again:" >&2
  echo "  sudo apt-get update && sudo ${install[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
if ! { "${run[@]}" apt-get update -q && "${run[@]}" env DEBIAN_FRONTEND=noninteractive "${install[@]}"; }; then
  echo "Installing system packages failed. Run this, then make again:" >&2
  echo "  sudo apt-get update && sudo ${install[*]}" >&2
  exit 1
fi
