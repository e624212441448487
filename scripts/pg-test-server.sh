#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL cluster for dataguard's tests and
# prints its connection URL on stdout, so callers can write:
#
#   export DATAGUARD_TEST_PG_URL="$(scripts/pg-test-server.sh)"
#
# Idempotent: a cluster already answering on the port is reused; one whose data
# directory exists is started again. `scripts/pg-test-server.sh stop` stops it
# and removes its directory. PostgreSQL refuses to run as root, so under root
# the cluster runs as the `postgres` user (created by Debian's postgresql
# package). Settings (environment):
#   DATAGUARD_PG_PORT  TCP port on 127.0.0.1 (default 54329)
#   DATAGUARD_PG_DIR   cluster directory (default /tmp/dataguard-pg-$PORT)
#   DATAGUARD_PG_FSYNC on|off (default on: benchmarks then measure real commits)
set -euo pipefail

port="${DATAGUARD_PG_PORT:-54329}"
dir="${DATAGUARD_PG_DIR:-/tmp/dataguard-pg-${port}}"
fsync="${DATAGUARD_PG_FSYNC:-on}"
database="dataguard_test"

bin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "${candidate}/initdb" ]; then bin="${candidate}"; break; fi
done
if [ -z "${bin}" ] && command -v initdb >/dev/null 2>&1; then
  bin="$(dirname "$(command -v initdb)")"
fi
if [ -z "${bin}" ]; then
  echo "pg-test-server: PostgreSQL binaries not found (apt-get install -y postgresql)" >&2
  exit 1
fi

# Run a PostgreSQL binary as a non-root user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-start}" = "stop" ]; then
  if [ -f "${dir}/data/PG_VERSION" ]; then
    as_owner "${bin}/pg_ctl" -D "${dir}/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "${dir}"
  exit 0
fi

url="postgres://postgres@127.0.0.1:${port}/${database}"

ready() { "${bin}/pg_isready" -q -h 127.0.0.1 -p "${port}"; }

if ! ready; then
  if [ ! -f "${dir}/data/PG_VERSION" ]; then
    rm -rf "${dir}"
    mkdir -p "${dir}"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "${dir}"; fi
    as_owner "${bin}/initdb" -D "${dir}/data" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"${dir}/initdb.log" 2>&1 || {
      cat "${dir}/initdb.log" >&2
      exit 1
    }
  fi
  as_owner "${bin}/pg_ctl" -D "${dir}/data" -l "${dir}/server.log" -w -t 60 start \
    -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${fsync} -c max_connections=200" \
    >/dev/null || {
    cat "${dir}/server.log" >&2
    exit 1
  }
fi

exists="$("${bin}/psql" -h 127.0.0.1 -p "${port}" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '${database}'")"
if [ "${exists}" != "1" ]; then
  "${bin}/psql" -h 127.0.0.1 -p "${port}" -U postgres -d postgres -qc \
    "CREATE DATABASE ${database}" >/dev/null
fi
echo "${url}"
