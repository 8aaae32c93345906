#!/usr/bin/env bash
# `make fresh-check`: does the README's quick start work on a truly fresh machine? For Debian 12
# (and Debian 13 when it bootstraps): debootstrap a minimal system (minbase, plus Debian's python3,
# make and git) under .cache/fresh/, give it the host's apt and pip settings (mirrors, proxies,
# certificates, package indexes), clone the committed repository into it, and run there what a
# newcomer types: `make serve` until the site answers on loopback, then `make test` with CI=true.
# Needs root (debootstrap, chroot, mount). Not part of `make test`: it takes many minutes.
#
#   FRESH_SUITES="bookworm"   only Debian 12 (default: "bookworm trixie")
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FRESH=$ROOT/.cache/fresh
SUITES=${FRESH_SUITES:-bookworm trixie}
NEWCOMER_HOME=/srv/newcomer  # the home folder inside each fresh system (the newcomer is its root user)
INSIDE=$NEWCOMER_HOME/guide  # where the clone goes
PORT=8000           # the README's `make serve` address
declare -A NAME=([bookworm]="Debian 12" [trixie]="Debian 13")

if [ "$(id -u)" -ne 0 ]; then
  echo "make fresh-check needs root (debootstrap, chroot and mount): sudo make fresh-check" >&2
  exit 1
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
fi
mkdir -p "$FRESH/debs"

host_codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
site_path=$(sed -n 's|^site_url: *[^/]*//[^/]*\(/.*\)$|\1|p' "$ROOT/mkdocs.yml")
branch=$(git -C "$ROOT" symbolic-ref --quiet --short HEAD || true)

# The host's apt sources, one per line, in either format.
apt_sources() { ls /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; }
# The host's Debian mirror: the first source address that is not the security archive.
mirror=$(apt_sources | xargs -r cat | sed -n -e 's/^URIs: *//p' -e 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) .*/\2/p' \
         | tr ' ' '\n' | grep -v security | head -n 1)
# Settings that say how pip and other clients reach the registries, as environment variables.
passed_env=()
while IFS='=' read -r key _; do
  case "$key" in
    PIP_* | SSL_CERT_* | REQUESTS_CA_BUNDLE | CURL_CA_BUNDLE | GIT_SSL_CAINFO | http_proxy | https_proxy | no_proxy \
      | HTTP_PROXY | HTTPS_PROXY | NO_PROXY | all_proxy | ALL_PROXY) passed_env+=("$key=${!key}") ;;
  esac
done < <(env)
pip_configs=(/etc/pip.conf /etc/xdg/pip "$HOME/.config/pip" "$HOME/.pip")

unmount_under() {  # every mount below $1, deepest first
  local target=$1 point
  awk -v t="$target/" 'index($2 "/", t) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r point; do
    umount "$point" 2>/dev/null || umount -l "$point"
  done
}
stop_processes_in() {  # whatever still runs inside the fresh system (a server, a browser) was started here
  local target=$1 proc
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$target" ] && kill -KILL "${proc#/proc/}" 2>/dev/null || true
  done
}
current=""
cleanup() { if [ -n "$current" ]; then stop_processes_in "$current"; unmount_under "$current"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM  # exit runs the cleanup above

copy_in() {  # copy a host file or folder to the same place in the fresh system
  local source=$1 target=$2 inside=${3:-$1}
  [ -e "$source" ] || return 0
  mkdir -p "$(dirname "$target$inside")"
  cp -a "$source" "$(dirname "$target$inside")/"
}

give_settings() {  # the host's apt and pip settings, certificates and name resolution
  local target=$1 suite=$2 file path
  rm -f "$target/etc/apt/sources.list"
  for file in $(apt_sources); do
    mkdir -p "$target/etc/apt/sources.list.d"
    sed "s/\b$host_codename\b/$suite/g" "$file" > "$target/etc/apt/sources.list.d/$(basename "$file")"
  done
  for file in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
    [ -f "$file" ] && grep -qiE 'acquire|proxy' "$file" && copy_in "$file" "$target"
  done
  for file in /etc/resolv.conf /etc/hosts /etc/ssl/certs/ca-certificates.crt /usr/local/share/ca-certificates; do
    copy_in "$file" "$target"
  done
  for file in "${pip_configs[@]}"; do copy_in "$file" "$target" "${file/#$HOME/$NEWCOMER_HOME}"; done
  # Local folders those settings name (a wheel folder, a local index): shown read-only, as they are.
  # A folder two levels down is shown whole (/opt/index for /opt/index/simple: its pages link to
  # files beside it).
  for path in $( { find "${pip_configs[@]}" -type f -exec cat {} + 2>/dev/null || true; printf '%s\n' "${passed_env[@]}"; } \
                 | grep -oE '(file://)?/[^ ",;]+' | sed 's|^file://||' | sort -u); do
    case "$path" in /etc/* | /usr/* | /proc/* | /sys/* | /dev/*) copy_in "$path" "$target" ;; *)
      path=$(echo "$path" | sed 's|^\(/[^/]*/[^/]*\)/.*|\1|')
      if [ -d "$path" ] && ! mountpoint -q "$target$path"; then
        mkdir -p "$target$path" && mount --bind -o ro "$path" "$target$path"
      elif [ -f "$path" ]; then copy_in "$path" "$target"; fi ;;
    esac
  done
}

# What runs inside: the README's two commands, as a newcomer types them.
read -r -d '' NEWCOMER <<EOF || true
set -u
cd $INSIDE
start=\$SECONDS
setsid make serve > $NEWCOMER_HOME/serve.log 2>&1 &
server=\$!
answered=no
while kill -0 \$server 2>/dev/null && [ \$((SECONDS - start)) -lt 1800 ]; do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT$site_path', timeout=5)" 2>/dev/null; then
    answered=yes; break
  fi
  sleep 2
done
kill -TERM -- -\$server 2>/dev/null; wait \$server 2>/dev/null
echo "make serve: site answered on 127.0.0.1:$PORT: \$answered (after \$((SECONDS - start)) s)"
[ \$answered = yes ] || { tail -n 30 $NEWCOMER_HOME/serve.log; exit 1; }
start=\$SECONDS
CI=true make test > $NEWCOMER_HOME/test.log 2>&1; status=\$?
echo "make test (CI=true): exit \$status after \$((SECONDS - start)) s: \$(grep -E '(passed|failed|error)' $NEWCOMER_HOME/test.log | tail -n 1)"
[ \$status -eq 0 ] || { grep -E '^(FAILED|ERROR)' $NEWCOMER_HOME/test.log | head -n 10; tail -n 3 $NEWCOMER_HOME/test.log; }
exit \$status
EOF

check_suite() {
  local suite=$1 target=$FRESH/$1 started=$SECONDS
  echo "== ${NAME[$suite]:-$suite} ($suite)"
  current=$target
  stop_processes_in "$target"; unmount_under "$target"
  rm -rf --one-file-system "$target"
  if ! debootstrap --variant=minbase --include=python3,make,git --cache-dir="$FRESH/debs" \
       "$suite" "$target" "$mirror" > "$FRESH/$suite-debootstrap.log" 2>&1; then
    echo "debootstrap failed (log: .cache/fresh/$suite-debootstrap.log):"; tail -n 5 "$FRESH/$suite-debootstrap.log"
    return 1
  fi
  echo "debootstrap: $(chroot "$target" python3 --version), $(chroot "$target" make --version | head -n 1), $((SECONDS - started)) s"
  give_settings "$target" "$suite"
  mount -t proc proc "$target/proc"
  mount --rbind /sys "$target/sys" && mount --make-rslave "$target/sys"
  mount --rbind /dev "$target/dev" && mount --make-rslave "$target/dev"
  git clone --quiet ${branch:+--branch "$branch"} "$ROOT" "$target$INSIDE"
  echo "cloned $(git -C "$target$INSIDE" log -1 --format='%h %s')"
  local status=0
  chroot "$target" /usr/bin/env -i HOME="$NEWCOMER_HOME" LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${passed_env[@]}" \
    bash -c "$NEWCOMER" || status=$?
  cp "$target$NEWCOMER_HOME/serve.log" "$FRESH/$suite-serve.log" 2>/dev/null || true
  cp "$target$NEWCOMER_HOME/test.log" "$FRESH/$suite-test.log" 2>/dev/null || true
  stop_processes_in "$target"; unmount_under "$target"; current=""
  echo "${NAME[$suite]:-$suite}: $([ $status -eq 0 ] && echo PASSED || echo FAILED) in $((SECONDS - started)) s (logs: .cache/fresh/$suite-*.log)"
  return $status
}

if python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), timeout=1)" 2>/dev/null; then
  echo "Something already listens on 127.0.0.1:$PORT, which the fresh systems share: stop it first." >&2
  exit 1
fi
summary=()
for suite in $SUITES; do
  if check_suite "$suite"; then summary+=("${NAME[$suite]:-$suite}: passed"); else summary+=("${NAME[$suite]:-$suite}: FAILED"); fi
done
echo "== fresh-check, $((SECONDS / 60)) min $((SECONDS % 60)) s"
printf '%s\n' "${summary[@]}"
[[ "${summary[*]}" != *FAILED* ]]
