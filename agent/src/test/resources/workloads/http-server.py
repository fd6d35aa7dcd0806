#!/usr/bin/python3
# A trivial HTTP workload: /health answers 200 (500 once $MYCELIUM_DATA_DIR/unhealthy exists).
# Prints "listening <epoch ns>" when it accepts connections, so tests can measure start-to-listening.
import http.server, os, sys, time

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        sick = os.path.exists(os.path.join(os.environ["MYCELIUM_DATA_DIR"], "unhealthy"))
        code = 500 if (self.path == "/health" and sick) else (200 if self.path in ("/health", "/") else 404)
        body = b"ok\n" if code == 200 else b"no\n"
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass

server = http.server.HTTPServer((os.environ["MYCELIUM_BIND_ADDRESS"], int(os.environ["PORT"])), Handler)
print("listening %d" % time.time_ns(), flush=True)
server.serve_forever()
