#!/usr/bin/env bash
# Starts a development OpenSearch (2.19, in-process MockNode with the netty4
# transport, the common analysis and the reindex plugins) on loopback ports, in the
# foreground. Builds the launcher first when needed (Maven, Java 17).
#
#   deploy/opensearch/run.sh [-nodes N] [-port P] [-dir DIR] [-heap SIZE]
#
#   -nodes N   nodes in the cluster (default 1: single-node discovery; with
#              more, every node is cluster-manager eligible)
#   -port P    HTTP port of the first node (default 9250); node i listens on
#              P+i for HTTP and P+100+i for transport
#   -dir DIR   data, logs and pid files (default: a temporary folder,
#              removed at exit); node i's pid is in DIR/node-i.pid and its
#              log in DIR/node-i.log
#   -heap SIZE Java heap of each node (default 512m)
#
# Prints exactly one line on standard output, "ready http://127.0.0.1:P",
# once the cluster has N nodes and is green. A node that dies (killed by a
# fault test) is started again after 2 seconds with its data. SIGTERM or
# SIGINT stops every node cleanly and exits 0.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
nodes=1 port=9250 dir="" heap=512m
while [ $# -gt 0 ]; do
	case "$1" in
	-nodes) nodes="$2"; shift 2 ;;
	-port) port="$2"; shift 2 ;;
	-dir) dir="$2"; shift 2 ;;
	-heap) heap="$2"; shift 2 ;;
	*) echo "usage: $0 [-nodes N] [-port P] [-dir DIR] [-heap SIZE]" >&2; exit 2 ;;
	esac
done

jar="$here/target/opensearch-launcher-1.jar"
if [ ! -f "$jar" ] || [ "$here/pom.xml" -nt "$jar" ] ||
	[ -n "$(find "$here/src" -newer "$jar" -type f)" ]; then
	echo "building the launcher" >&2
	(cd "$here" && mvn -B -q package -DskipTests >&2)
fi

tmp=""
if [ -z "$dir" ]; then
	tmp="$(mktemp -d)"
	dir="$tmp"
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

declare -a pids
start_node() {
	local i="$1"
	java -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC -Xss1m \
		-Dlog4j2.disable.jmx=true -Dio.netty.allocator.numDirectArenas=0 \
		-cp "$here/target/classes:$here/target/lib/*" handbooks.opensearch.Launcher \
		"$dir" "$i" "$nodes" "$port" "$((port + 100))" >>"$dir/node-$i.log" 2>&1 &
	pids[$i]=$!
	echo "${pids[$i]}" >"$dir/node-$i.pid"
}

stopping=0
stop() {
	stopping=1
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	if [ -n "$tmp" ]; then rm -rf "$tmp"; fi
	exit 0
}
trap stop TERM INT

for ((i = 0; i < nodes; i++)); do start_node "$i"; done

url="http://127.0.0.1:$port"
ready=0
while [ "$stopping" = 0 ]; do
	for ((i = 0; i < nodes; i++)); do
		if ! kill -0 "${pids[$i]}" 2>/dev/null; then
			wait "${pids[$i]}" 2>/dev/null || true
			if [ "$ready" = 0 ]; then
				echo "node-$i exited before the cluster was ready; its log:" >&2
				tail -n 40 "$dir/node-$i.log" >&2
				stop
			fi
			echo "node-$i is down; starting it again" >&2
			sleep 2
			start_node "$i"
		fi
	done
	if [ "$ready" = 0 ] &&
		curl -fsS "$url/_cluster/health?wait_for_status=green&wait_for_nodes=$nodes&timeout=1s" 2>/dev/null | grep -q '"status":"green"'; then
		ready=1
		echo "ready $url"
	fi
	sleep 1 &
	wait $! || true
done
