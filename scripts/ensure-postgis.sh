#!/usr/bin/env bash
# Ensures a local PostgreSQL 15 + PostGIS 3 with a login role and database for the tests and local runs.
#
# Idempotent: installs the Debian packages only when missing, starts cluster 15/main only when it is down,
# creates the role and database only when missing, and keeps the role's password in sync with the one in
# use (LCP_PG_PASSWORD, else the password file, else a newly generated one stored in the password file).
#
# Environment (all optional):
#   LCP_PG_USER           role name                 (default lcp)
#   LCP_PG_DB             database name             (default lcp_test)
#   LCP_PG_PASSWORD       role password             (default: read from / generated into the password file)
#   LCP_PG_PASSWORD_FILE  password file, mode 600   (default $HOME/.config/lcp/pg_password)
#
#   LCP_PG_URL            an existing PostGIS (jdbc:postgresql://host:port/db) to use instead: nothing is
#                         installed or started; the tests connect with LCP_PG_USER and LCP_PG_PASSWORD or
#                         LCP_PG_PASSWORD_FILE
#
# Installs and starts Debian's PostGIS only when LCP_PG_URL is unset and the user is root (apt-get,
# pg_ctlcluster, runuser); as another user without LCP_PG_URL it stops with one line saying how to provide
# a database. Prints one line with host, port, database and user; never the password. Passwords reach psql
# through standard input, never through the command line.
set -euo pipefail

if [[ -n "${LCP_PG_URL:-}" ]]; then
  [[ "$LCP_PG_URL" == jdbc:postgresql://* ]] \
    || { echo "ensure-postgis: Cannot use LCP_PG_URL=$LCP_PG_URL: not a jdbc:postgresql:// URL" >&2; exit 1; }
  [[ -n "${LCP_PG_PASSWORD:-}" || -s "${LCP_PG_PASSWORD_FILE:-$HOME/.config/lcp/pg_password}" ]] \
    || { echo "ensure-postgis: Cannot use LCP_PG_URL=$LCP_PG_URL: set LCP_PG_PASSWORD or LCP_PG_PASSWORD_FILE (user ${LCP_PG_USER:-lcp})" >&2; exit 1; }
  echo "PostGIS given: url=$LCP_PG_URL user=${LCP_PG_USER:-lcp} (LCP_PG_URL; nothing installed)"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "ensure-postgis: Cannot set up PostGIS as $(id -un) (not root): set LCP_PG_URL=jdbc:postgresql://host:5432/db, LCP_PG_USER and LCP_PG_PASSWORD or LCP_PG_PASSWORD_FILE for an existing PostGIS, or run as root to install Debian's" >&2
  exit 1
fi

readonly PG_VERSION=15
readonly PG_CLUSTER=main
readonly PG_HOST=127.0.0.1
readonly PG_USER="${LCP_PG_USER:-lcp}"
readonly PG_DB="${LCP_PG_DB:-lcp_test}"
readonly PASSWORD_FILE="${LCP_PG_PASSWORD_FILE:-$HOME/.config/lcp/pg_password}"

fail() {
  echo "ensure-postgis: $*" >&2
  exit 1
}

[[ "$PG_USER" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "Cannot use LCP_PG_USER: '$PG_USER' is not a lower-case SQL identifier"
[[ "$PG_DB" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "Cannot use LCP_PG_DB: '$PG_DB' is not a lower-case SQL identifier"

# 1. Packages: postgresql-15-postgis-3 pulls in postgresql-15 (and creates cluster 15/main) when missing.
if [[ ! -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" \
   || ! -f "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_VERSION-postgis-3"
fi

# 2. Cluster: create it if the package install did not (e.g. create_main_cluster=false), start it if down.
if ! pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" >/dev/null 2>&1 \
   || [[ -z "$(pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" 2>/dev/null)" ]]; then
  pg_createcluster "$PG_VERSION" "$PG_CLUSTER"
fi
if [[ "$(pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" | awk '{print $4}')" != online ]]; then
  # exit code 2 means "already running" (a race with another starter); anything else is a real failure
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start || [[ $? == 2 ]] || fail "Cannot start cluster $PG_VERSION/$PG_CLUSTER; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
fi
PG_PORT="$(pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" | awk '{print $3}')"

# 3. Password: env, else file, else generate into the file (mode 600, directory 700).
if [[ -n "${LCP_PG_PASSWORD:-}" ]]; then
  password="$LCP_PG_PASSWORD"
elif [[ -s "$PASSWORD_FILE" ]]; then
  password="$(head -n 1 "$PASSWORD_FILE")"
else
  mkdir -p "$(dirname "$PASSWORD_FILE")"
  chmod 700 "$(dirname "$PASSWORD_FILE")"
  password="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
  (umask 077 && printf '%s\n' "$password" >"$PASSWORD_FILE")
fi
[[ -f "$PASSWORD_FILE" ]] && chmod 600 "$PASSWORD_FILE"

psql_as_postgres() {
  # -X: ignore ~/.psqlrc; cd / so runuser does not complain about root's working directory
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@")
}

# psql \set value inside single quotes: double each quote and each backslash
quoted_password="${password//\\/\\\\}"
quoted_password="${quoted_password//\'/\'\'}"

# 4. Role and database (psql :'var' / :"var" quote the values; the password only travels on stdin).
psql_as_postgres -d postgres <<SQL
\set role_name '$PG_USER'
\set db_name '$PG_DB'
\set role_password '$quoted_password'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role_name') AS need_role \gset
\if :need_role
CREATE ROLE :"role_name" LOGIN;
\endif
ALTER ROLE :"role_name" WITH LOGIN PASSWORD :'role_password';
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db_name') AS need_db \gset
\if :need_db
CREATE DATABASE :"db_name" OWNER :"role_name";
\endif
SQL

# 5. PostGIS in that database, as superuser.
PGOPTIONS="-c client_min_messages=warning" psql_as_postgres -d "$PG_DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null

echo "PostGIS ready: host=$PG_HOST port=$PG_PORT db=$PG_DB user=$PG_USER url=jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB"
