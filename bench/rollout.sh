#!/usr/bin/env bash
# Rollouts under load: one `mesh up` (3 agents, 1 edge, billing x 2 on loopback), then, in one
# run and under the same steady load through the edge (LOAD threads of keep-alive GETs to
# /billing/hello, at least REQUESTS requests per scenario), billing switches version four times:
#   plan-apply   a plain `mesh plan apply` (strategy surge: the agents' make-before-break)
#   blue-green   `mesh rollout start --strategy blue-green --auto-promote-after 1s --on-no-data promote`
#   canary       `--strategy canary --steps 25:3s,50:3s`
#   rolling      `--strategy rolling --max-surge 1 --min-ready 2s`
# (blue-green and canary with --scale-down-delay 1s). For each: requests sent and failed (any
# answer but 200, or no answer); the rollout's duration (command to phase completed; plan-apply:
# to every instance Ready on the new version and no answer from the old); from the moment the
# last step's green instances were all Ready (the rollout's step_ready mark) to the switch barrier
# (switched mark: every live edge reported routing green with nothing in flight to blue); and, as
# the load saw it, the last answer from the old version after that Ready mark (plan-apply: after
# the command).
# Usage: bench/rollout.sh            Env: REQUESTS=20000 LOAD=4
# Every process it starts (mesh up, which stops its agents, workloads and edge) is stopped by
# its PID; its temp dir is removed. Only loopback traffic.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mesh --version >/dev/null
WORK=$(mktemp -d /var/tmp/rollout-bench.XXXXXX)
chmod 755 "$WORK"
UP=""
cleanup() {
  if [[ -n "$UP" ]]; then kill "$UP" 2>/dev/null || true; wait "$UP" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
base=$(( 33000 + RANDOM % 200 * 20 ))
./mesh up --dir "$WORK/mesh" --agents 3 --edge-port $((base + 10)) --api-port "$base" --fabric-port $((base + 5)) \
  --workload-ports $((42000 + RANDOM % 10 * 1000)) --discovery seeds --timeout 300 > "$WORK/up.log" 2>&1 &
UP=$!
until grep -q "ready in " "$WORK/up.log"; do
  kill -0 "$UP" 2>/dev/null || { echo "mesh up exited:" >&2; cat "$WORK/up.log" >&2; exit 1; }
  sleep 1
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
WORK="$WORK" BASE="$base" REQUESTS="${REQUESTS:-20000}" LOAD="${LOAD:-4}" python3 - <<'EOF'
import http.client, json, os, subprocess, threading, time

work, base = os.environ["WORK"], int(os.environ["BASE"])
need, threads = int(os.environ["REQUESTS"]), int(os.environ["LOAD"])
api, edge = f"http://127.0.0.1:{base}", base + 10
key, spores = f"{work}/mesh/keys/operator.key", f"{work}/mesh/spores"
env = dict(os.environ, MESH_API=api, MESH_NO_BUILD="1")

def mesh(*args):
    r = subprocess.run(["./mesh", *args], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"mesh {' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
    return r.stdout

def state():
    conn = http.client.HTTPConnection("127.0.0.1", base, timeout=10)
    conn.request("GET", "/v1/state")
    return json.loads(conn.getresponse().read())

def marks(rollout):
    """The rollout's marks merged over every node, earliest first: (event, step) -> at_ms."""
    out = {}
    for r in state()["records"]:
        p = r.get("payload") or {}
        if r["kind"] == "rollout_progress" and r["name"] == "billing" and p.get("rollout") == rollout:
            for m in p.get("marks", []):
                k = (m["event"].lower(), m["step"])
                out[k] = min(out.get(k, m["at_ms"]), m["at_ms"])
    return out

class Load:
    def __init__(self):
        self.ok = self.failed = 0
        self.seen = []  # (ms, version) of every answer
        self.lock, self.running = threading.Lock(), True
        self.workers = [threading.Thread(target=self.run, daemon=True) for _ in range(threads)]
        for w in self.workers:
            w.start()

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", edge, timeout=10)
        while self.running:
            try:
                conn.request("GET", "/billing/hello")
                r = conn.getresponse()
                body = r.read()
                v = json.loads(body).get("version") if r.status == 200 else None
            except Exception:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", edge, timeout=10)
                v = None
            with self.lock:
                if v is None:
                    self.failed += 1
                else:
                    self.ok += 1
                    self.seen.append((time.time() * 1000, v))

    def stop(self):
        self.running = False
        for w in self.workers:
            w.join()

def status():
    return json.loads(mesh("rollout", "status", "billing", "-o", "json"))

def plan_done():
    """Billing's instances Ready only on the plan's digest, both of them."""
    s = status()
    return list(s["ready"].keys()) == [s["desired"]] and s["ready"][s["desired"]] >= 2

rows = []
def scenario(name, old, new, *command):
    load = Load()
    while load.ok + load.failed < need // 4:
        time.sleep(0.2)
    t0 = time.time() * 1000
    mesh(*command)
    rollout = None
    while True:
        s = status()
        if name != "plan-apply":
            rollout = s["rollout"]
        if s["phase"] == "aborted":
            raise SystemExit(f"{name}: aborted: {s['reason']}")
        if s["phase"] == "completed" and (name != "plan-apply" or plan_done()):
            with load.lock:
                recent = [v for ms, v in load.seen[-200:]]
            if recent and all(v == new for v in recent):
                break
        time.sleep(0.3)
    done = time.time() * 1000
    while load.ok + load.failed < need:
        time.sleep(0.2)
    load.stop()
    m = marks(rollout) if rollout else {}
    ready = max((at for (e, step), at in m.items() if e == "step_ready"), default=None)
    switched = m.get(("switched", -1)) or max((at for (e, step), at in m.items() if e == "switched"), default=None)
    started = max((at for (e, step), at in m.items() if e == "step_started"), default=None)
    # the moment the last step was decided (blue-green: the promotion; canary: the 100% step;
    # rolling: the last batch) and every mark, relative to the command, for a reader to check
    decided = None if started is None or switched is None else round(switched - max(started, ready or started))
    print(f"{name}: marks (ms after the command): " + ", ".join(f"{e}[{step}]={at - t0:.0f}" for (e, step), at in sorted(m.items(), key=lambda kv: kv[1])), flush=True)
    since = ready if ready is not None else t0
    last_old = max((ms for ms, v in load.seen if v == old), default=since)
    rows.append((name, load.ok + load.failed, load.failed, round((done - t0) / 1000, 1),
                 "-" if ready is None or switched is None else round(switched - ready),
                 "-" if decided is None else decided,
                 round(max(0, last_old - since)), round((load.ok + load.failed) / ((time.time() * 1000 - t0) / 1000 + 1e-9))))

v1, v2 = f"{spores}/billing-1.0.0.spore", f"{spores}/billing-2.0.0.spore"
scenario("plan-apply", "1.0.0", "2.0.0", "plan", "apply", "--app", "billing", "--spore", v2, "--strategy", "surge", "--key", key)
scenario("blue-green", "2.0.0", "1.0.0", "rollout", "start", "billing", "--spore", v1, "--strategy", "blue-green",
         "--auto-promote-after", "1s", "--on-no-data", "promote", "--scale-down-delay", "1s", "--key", key)
scenario("canary", "1.0.0", "2.0.0", "rollout", "start", "billing", "--spore", v2, "--strategy", "canary",
         "--steps", "25:3s,50:3s", "--scale-down-delay", "1s", "--key", key)
scenario("rolling", "2.0.0", "1.0.0", "rollout", "start", "billing", "--spore", v1, "--strategy", "rolling",
         "--max-surge", "1", "--min-ready", "2s", "--key", key)
print(f"load: {threads} keep-alive connections through the edge, at least {need} requests per scenario")
print("| scenario | requests | failed | duration (s) | last green Ready -> switch barrier (ms) | last step decided and Ready -> switch barrier (ms) | last old answer after last Ready (ms) | req/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| " + " | ".join(str(x) for x in r) + " |")
EOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
