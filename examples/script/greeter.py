#!/usr/bin/env python3
"""greeter: the non-JVM example workload. Any executable can be a spore; this one is a
Python 3 script using only the standard library (http.server).

Environment: PORT (0 = any free port), HOST (default 127.0.0.1), GREETING, APP_VERSION,
MYCELIUM_INSTANCE and MYCELIUM_HYPHAE (set by the agent). Serves /hello (JSON: app, version,
instance, greeting), /health, and /call/APP/PATH, which calls APP's /PATH through the node's
hyphae router ($MYCELIUM_HYPHAE) and answers with that call's status and body. Prints one line
with its address when it listens; stops on SIGTERM.
"""
import json
import os
import signal
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

APP = "greeter"
BUILT_IN_VERSION = "1.0.0"


def settings(env):
    port_text = env.get("PORT", "0").strip() or "0"
    try:
        port = int(port_text)
    except ValueError:
        raise ValueError("PORT '%s' is not a port number (0-65535)" % port_text)
    if not 0 <= port <= 65535:
        raise ValueError("PORT %d is not a port number (0-65535)" % port)
    return {
        "app": APP,
        "version": env.get("APP_VERSION") or BUILT_IN_VERSION,
        "host": env.get("HOST") or "127.0.0.1",
        "port": port,
        "greeting": env.get("GREETING") or "Hello from " + APP,
        "instance": env.get("MYCELIUM_INSTANCE") or "pid-%d" % os.getpid(),
    }


def handler_for(cfg):
    class Handler(BaseHTTPRequestHandler):
        server_version = "greeter/" + cfg["version"]

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/hello":
                body = {k: cfg[k] for k in ("app", "version", "instance", "greeting")}
                body["pid"] = os.getpid()
                self.reply(200, body)
            elif path.startswith("/call/"):
                self.call(path[len("/call"):])
            elif path == "/health":
                self.reply(200, {"status": "UP"})
            else:
                self.reply(404, {"error": "no route " + path, "try": "/hello"})

        def call(self, target):
            hyphae = os.environ.get("MYCELIUM_HYPHAE")
            if not hyphae:
                self.reply(503, {"error": "MYCELIUM_HYPHAE is not set", "try": "run under a mesh agent"})
                return
            try:
                with urllib.request.urlopen(hyphae + target, timeout=5) as r:
                    status, text = r.status, r.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as e:
                status, text = e.code, e.read().decode("utf-8", "replace")
            except OSError as e:
                self.reply(502, {"error": "calling %s through hyphae failed: %s" % (target, e)})
                return
            try:
                answer = json.loads(text)
            except ValueError:
                answer = text
            self.reply(200, {"status": status, "answer": answer})

        def reply(self, status, body):
            data = (json.dumps(body) + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *args):
            pass  # one line per request would flood the agent's log

    return Handler


def main():
    try:
        cfg = settings(os.environ)
    except ValueError as e:
        print("%s: %s; set it to a free port, or 0 for any" % (APP, e), file=sys.stderr)
        return 2
    try:
        server = ThreadingHTTPServer((cfg["host"], cfg["port"]), handler_for(cfg))
    except OSError as e:
        print("%s: cannot listen on %s:%d (%s)" % (APP, cfg["host"], cfg["port"], e.strerror), file=sys.stderr)
        return 1
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    host, port = server.server_address[:2]
    print("%s %s (instance %s) listening on http://%s:%d" % (APP, cfg["version"], cfg["instance"], host, port), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
