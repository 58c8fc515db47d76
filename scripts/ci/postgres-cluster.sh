#!/usr/bin/env bash
# Throwaway PostgreSQL 15 + PostGIS 3 cluster for the server tests (sourced by .ci/run, or run by
# hand: `source scripts/ci/postgres-cluster.sh`). Installs postgresql-15-postgis-3 when missing,
# runs initdb in a temporary folder, starts it on a free loopback port (unix socket in the same
# folder) and exports TEST_DATABASE_URL. `stop_test_cluster` stops it and removes the folder;
# callers trap it on EXIT.
PG_BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PG_BIN/initdb" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null
fi
# initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
TEST_PG_DIR=$(mktemp -d /tmp/shanshui-pg.XXXXXX)
chmod 755 "$TEST_PG_DIR"
[ "$(id -u)" = 0 ] && chown postgres "$TEST_PG_DIR"
TEST_PG_PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
as_owner "$PG_BIN/initdb" -D "$TEST_PG_DIR/data" -U shanshui --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $TEST_PG_PORT -k $TEST_PG_DIR -c fsync=off" start >/dev/null
as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$TEST_PG_PORT" -U shanshui shanshui_test
export TEST_DATABASE_URL="postgres://shanshui@127.0.0.1:$TEST_PG_PORT/shanshui_test"
export TEST_PG_DIR TEST_PG_PORT
stop_test_cluster() {
  as_owner "$PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$TEST_PG_DIR"
}
