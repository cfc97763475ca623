# Start Redis and PostgreSQL on 127.0.0.1 for the tests that need real servers and export
# FARMWATCH_TEST_REDIS_URL / FARMWATCH_TEST_PG_URL. Missing binaries → the tests skip.
start_services() {
  if command -v redis-server >/dev/null 2>&1; then
    redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --logfile /tmp/farmwatch-redis.log && export FARMWATCH_TEST_REDIS_URL=redis://127.0.0.1:6390/0 \
      && echo "ci: redis on 127.0.0.1:6390"
  fi
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$pgbin" ] && id postgres >/dev/null 2>&1; then
    local dir=/tmp/farmwatch-pg
    rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
    if runuser -u postgres -- "$pgbin/initdb" -D "$dir/data" -A trust -U postgres >/tmp/farmwatch-pg-init.log 2>&1 \
      && runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
           -o "-p 5439 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
      runuser -u postgres -- "$pgbin/createdb" -h 127.0.0.1 -p 5439 -U postgres farmwatch_test
      export FARMWATCH_TEST_PG_URL=postgresql://postgres@127.0.0.1:5439/farmwatch_test
      echo "ci: postgresql on 127.0.0.1:5439"
    else
      echo "ci: could not start postgresql; its tests will skip"
    fi
  fi
}
