#!/usr/bin/env bash
# Run several dashboard processes behind nginx, with cookie-based session affinity.
#
#   PORT=8080 bash scripts/serve_replicas.sh        # front end on http://127.0.0.1:8080
#   bash scripts/serve_replicas.sh                  # front end on a free port (printed)
#
# Environment (all optional):
#   PORT      front port nginx listens on (127.0.0.1); empty or 0 = a free port
#   REPLICAS  number of app processes, 2..9 (default 2), each on a free 127.0.0.1 port
#   DATA      data file, passed to every replica as KPI_DATA
#   SEEDS     seed folder, passed to every replica as KPI_SEEDS
#   PYTHON    interpreter with streamlit (default .venv/bin/python, else python3)
#   NGINX_BIN nginx binary (default: nginx on PATH, else /usr/sbin/nginx). Not "NGINX": nginx
#             itself reads an NGINX variable (inherited sockets), so it is removed for nginx.
#   WORK_DIR  folder for the generated nginx.conf, pid file, logs and nginx temp files
#             (default: a new temp dir, removed on exit; a given folder is kept)
#
# Works as a non-root user: nothing is written outside WORK_DIR (nginx gets -p/-e/-c and its
# temp paths there; no `user` directive). Everything is stopped on exit, SIGINT or SIGTERM.
# Prints "front http://127.0.0.1:<port>", "replica <name> http://127.0.0.1:<port>" and
# "work_dir <path>" lines, then "ready" once nginx accepts connections.
# See docs/deploy.md for the reasoning and a TLS configuration for a real deployment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# DATA/SEEDS/WORK_DIR may be relative to the caller's directory; the replicas run in $ROOT.
absolute() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
if [ -n "${DATA:-}" ]; then DATA="$(absolute "$DATA")"; fi
if [ -n "${SEEDS:-}" ]; then SEEDS="$(absolute "$SEEDS")"; fi
if [ -n "${WORK_DIR:-}" ]; then WORK_DIR="$(absolute "$WORK_DIR")"; fi
case "${PYTHON:-}" in */*) PYTHON="$(absolute "$PYTHON")" ;; esac
cd "$ROOT"

if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
NGINX="${NGINX_BIN:-$(command -v nginx || true)}"
[ -n "$NGINX" ] || NGINX=/usr/sbin/nginx
if [ ! -x "$NGINX" ]; then
  echo "serve_replicas: nginx not found (apt-get install nginx, or set NGINX_BIN=/path/to/nginx)" >&2
  exit 2
fi
REPLICAS="${REPLICAS:-2}"
case "$REPLICAS" in
  [2-9]) ;;
  *) echo "serve_replicas: REPLICAS must be 2..9, not '$REPLICAS'" >&2; exit 2 ;;
esac

if [ -n "${WORK_DIR:-}" ]; then
  mkdir -p "$WORK_DIR"
  WORK_DIR="$(cd "$WORK_DIR" && pwd)"
  OWN_WORK_DIR=0
else
  WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kpi-replicas.XXXXXX")"
  OWN_WORK_DIR=1
fi

# Free TCP ports on 127.0.0.1 (the kernel picks them; all sockets stay open until all are picked
# so the ports differ).
free_ports() {
  "$PYTHON" - "$1" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# 0 when http://127.0.0.1:$1$2 answers 200 within one second.
http_ok() {
  "$PYTHON" - "$1" "$2" <<'EOF'
import sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}{sys.argv[2]}", timeout=1) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)
EOF
}

NAMES=()
PORTS=()
PIDS=()
NGINX_PID=""
STOPPING=0

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local status=$?
  [ "$STOPPING" = 1 ] && return
  STOPPING=1
  trap '' INT TERM
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true  # fast shutdown; workers follow the master
  fi
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  # Give everybody 10 s, then SIGKILL whatever is left (only our own children).
  local waited=0
  for pid in $NGINX_PID "${PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ "$OWN_WORK_DIR" = 1 ]; then
    rm -rf "$WORK_DIR"
  else
    echo "serve_replicas: logs kept in $WORK_DIR" >&2
  fi
  echo "serve_replicas: stopped" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- ports -------------------------------------------------------------------------------
read -r -a PORTS <<<"$(free_ports "$REPLICAS")"
FRONT_PORT="${PORT:-}"
if [ -z "$FRONT_PORT" ] || [ "$FRONT_PORT" = 0 ]; then
  FRONT_PORT="$(free_ports 1)"
fi
for i in $(seq 1 "$REPLICAS"); do NAMES+=("r$i"); done

# --- replicas ----------------------------------------------------------------------------
export STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
if [ -n "${DATA:-}" ]; then export KPI_DATA="$DATA"; fi
if [ -n "${SEEDS:-}" ]; then export KPI_SEEDS="$SEEDS"; fi
for i in "${!NAMES[@]}"; do
  "$PYTHON" dashboard/serve.py --address 127.0.0.1 --port "${PORTS[$i]}" \
    --server.fileWatcherType none \
    >"$WORK_DIR/replica-${NAMES[$i]}.log" 2>&1 &
  PIDS+=("$!")
  echo "replica ${NAMES[$i]} http://127.0.0.1:${PORTS[$i]} pid $! log $WORK_DIR/replica-${NAMES[$i]}.log"
done

# nginx starts only when every replica answers its health endpoint (nginx open source has
# no active health checks, so this is the one place where health is checked up front).
deadline=$((SECONDS + 90))
for i in "${!NAMES[@]}"; do
  until http_ok "${PORTS[$i]}" /_stcore/health; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      echo "serve_replicas: replica ${NAMES[$i]} exited; its log:" >&2
      tail -n 30 "$WORK_DIR/replica-${NAMES[$i]}.log" >&2 || true
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "serve_replicas: replica ${NAMES[$i]} not healthy after 90 s" >&2
      exit 1
    fi
    sleep 0.3
  done
  echo "replica ${NAMES[$i]} healthy"
done

# --- nginx configuration -----------------------------------------------------------------
mkdir -p "$WORK_DIR/tmp"
CONF="$WORK_DIR/nginx.conf"
{
  cat <<EOF
# Generated by scripts/serve_replicas.sh; everything lives under $WORK_DIR.
daemon off;
master_process on;
worker_processes 1;
pid $WORK_DIR/nginx.pid;
error_log $WORK_DIR/error.log warn;

events {
    worker_connections 1024;
}

http {
    default_type application/octet-stream;
    client_body_temp_path $WORK_DIR/tmp/body;
    proxy_temp_path $WORK_DIR/tmp/proxy;
    fastcgi_temp_path $WORK_DIR/tmp/fastcgi;
    uwsgi_temp_path $WORK_DIR/tmp/uwsgi;
    scgi_temp_path $WORK_DIR/tmp/scgi;
    server_tokens off;

    # One line per request; \$upstream_addr names the replica (websockets are logged when
    # they close).
    log_format replicas '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                        'route=\$kpi_route upstream=\$upstream_addr '
                        'rt=\$request_time urt=\$upstream_response_time';
    access_log $WORK_DIR/access.log replicas;

    # WebSocket: pass the client's Upgrade header on, and "Connection: upgrade" only then.
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      close;
    }

    # Session affinity: the kpi_route cookie names a replica. A browser without a valid one
    # gets a replica picked at random per request id, and a cookie that keeps it there.
    split_clients "\${request_id}" \$kpi_new_route {
EOF
  share=$((10000 / REPLICAS))
  for i in "${!NAMES[@]}"; do
    if [ "$i" -lt $((REPLICAS - 1)) ]; then
      printf '        %d.%02d%% %s;\n' $((share / 100)) $((share % 100)) "${NAMES[$i]}"
    else
      printf '        * %s;\n' "${NAMES[$i]}"
    fi
  done
  valid="$(IFS='|'; echo "${NAMES[*]}")"
  cat <<EOF
    }
    map \$cookie_kpi_route \$kpi_route {
        "~^($valid)\$" \$cookie_kpi_route;
        default        \$kpi_new_route;
    }
    map \$cookie_kpi_route \$kpi_route_cookie {
        "~^($valid)\$" "";
        default        "kpi_route=\$kpi_new_route; Path=/; HttpOnly; SameSite=Lax";
    }

EOF
  # One upstream group per route: its replica first, the others as backups. Passive health
  # checks: a replica that refuses connections is skipped for fail_timeout and the request
  # goes to a backup (that browser then starts a new Streamlit session there).
  for i in "${!NAMES[@]}"; do
    echo "    upstream kpi_${NAMES[$i]} {"
    echo "        server 127.0.0.1:${PORTS[$i]} max_fails=1 fail_timeout=10s;"
    for j in "${!NAMES[@]}"; do
      [ "$j" = "$i" ] || echo "        server 127.0.0.1:${PORTS[$j]} backup;"
    done
    echo "    }"
  done
  cat <<EOF

    server {
        listen 127.0.0.1:$FRONT_PORT;
        server_name localhost;

        add_header Set-Cookie \$kpi_route_cookie always;  # empty when the cookie is valid

        proxy_http_version 1.1;
        proxy_set_header Host \$http_host;  # with the port: Streamlit compares it with Origin
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$connection_upgrade;
        proxy_connect_timeout 2s;
        proxy_next_upstream error timeout http_502 http_503 http_504;

        location / {
            proxy_pass http://kpi_\$kpi_route;
        }

        # The session's WebSocket: one long-lived connection per browser tab.
        location /_stcore/stream {
            proxy_pass http://kpi_\$kpi_route;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
        }

        # nginx's own liveness (the replicas' /_stcore/health is proxied like any path).
        location = /nginx-health {
            access_log off;
            default_type text/plain;
            return 200 "ok\n";
        }
    }
}
EOF
} >"$CONF"

# -p: prefix for relative paths; -e: the error log nginx opens before it reads the config
# (else the compiled-in /var/log/nginx/error.log, not writable for a normal user).
env -u NGINX "$NGINX" -t -q -p "$WORK_DIR/" -e "$WORK_DIR/error.log" -c "$CONF"
env -u NGINX "$NGINX" -p "$WORK_DIR/" -e "$WORK_DIR/error.log" -c "$CONF" &
NGINX_PID=$!
until http_ok "$FRONT_PORT" /nginx-health; do
  if ! kill -0 "$NGINX_PID" 2>/dev/null; then
    echo "serve_replicas: nginx exited; $WORK_DIR/error.log:" >&2
    tail -n 30 "$WORK_DIR/error.log" >&2 || true
    exit 1
  fi
  sleep 0.2
done
echo "front http://127.0.0.1:$FRONT_PORT"
echo "work_dir $WORK_DIR"
echo "ready"

# --- supervise -----------------------------------------------------------------------------
# Runs until a signal arrives or nginx exits. A replica that dies is reported and left to
# nginx's passive checks (its browsers move to a backup); when none is left, stop.
declare -A REPORTED=()
while kill -0 "$NGINX_PID" 2>/dev/null; do
  alive=0
  for i in "${!NAMES[@]}"; do
    if kill -0 "${PIDS[$i]}" 2>/dev/null; then
      alive=$((alive + 1))
    elif [ -z "${REPORTED[$i]:-}" ]; then
      REPORTED[$i]=1
      echo "serve_replicas: replica ${NAMES[$i]} exited (see $WORK_DIR/replica-${NAMES[$i]}.log)" >&2
    fi
  done
  if [ "$alive" = 0 ]; then
    echo "serve_replicas: no replica left" >&2
    exit 1
  fi
  sleep 1 &
  wait $! || true
done
echo "serve_replicas: nginx exited" >&2
exit 1
