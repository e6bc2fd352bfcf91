#!/usr/bin/env python3
"""A loopback captioner and scorer for the rating tests and tests/bench/rate_bench.

Prints "PORT PID" on its first line, then serves until killed (or after 10 minutes). Each path is
/<endpoint>/v1/chat/completions or /<endpoint>/v1/score, where <endpoint> is any name: it stands for one
server of several, and its behaviour comes from its first word:
  ok-*    answers after --latency seconds (default 0.05)
  down-*  always HTTP 500
  slow-*  takes 10 s, but returns as soon as the client hangs up (counted as abandoned)
GET /stats answers what the server saw: requests and score items per endpoint, the most requests in
flight at once, requests answered and abandoned, and the last caption prompt. POST /reset clears it.
Captions are made from the image's bytes and scores from the caption, so the same image always gets the
same caption and score whichever endpoint answers.
"""
import argparse
import hashlib
import json
import os
import select
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()


def fresh_stats():
    return {"requests": {}, "score_items": {}, "in_flight": 0, "max_in_flight": 0, "answered": 0,
            "abandoned": 0, "last_prompt": ""}


STATS = fresh_stats()
LATENCY = 0.05


def client_gone(connection):
    """True when the client closed its end (a readable socket with nothing to read)."""
    readable, _, _ = select.select([connection], [], [], 0)
    if not readable:
        return False
    try:
        return connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, payload):
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/stats":
            with LOCK:
                return self.send_json(200, STATS)
        return self.send_json(404, {"error": "unknown path " + self.path})

    def do_POST(self):
        global STATS
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/reset":
            with LOCK:
                STATS = fresh_stats()
            return self.send_json(200, {"reset": True})
        parts = self.path.split("/", 2)  # ['', endpoint, 'v1/...']
        if len(parts) < 3:
            return self.send_json(404, {"error": "unknown path " + self.path})
        endpoint, route = parts[1], parts[2]
        body = json.loads(raw.decode("utf-8")) if raw else {}
        with LOCK:
            STATS["requests"][endpoint] = STATS["requests"].get(endpoint, 0) + 1
            STATS["in_flight"] += 1
            STATS["max_in_flight"] = max(STATS["max_in_flight"], STATS["in_flight"])
            if route == "v1/score":
                STATS["score_items"][endpoint] = STATS["score_items"].get(endpoint, 0) + len(body.get("items", []))
            if route == "v1/chat/completions":
                for part in body["messages"][-1]["content"]:
                    if part.get("type") == "text":
                        STATS["last_prompt"] = part["text"]
        try:
            self.answer(endpoint, route, body)
        finally:
            with LOCK:
                STATS["in_flight"] -= 1

    def answer(self, endpoint, route, body):
        kind = endpoint.split("-")[0]
        if kind == "down":
            return self.send_json(500, {"error": "this endpoint is down"})
        if kind == "slow":
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if client_gone(self.connection):
                    with LOCK:
                        STATS["abandoned"] += 1
                    self.close_connection = True
                    return
                time.sleep(0.01)
        else:
            time.sleep(LATENCY)
        with LOCK:
            STATS["answered"] += 1
        if route == "v1/chat/completions":
            content = body["messages"][-1]["content"]
            url = next(part["image_url"]["url"] for part in content if part.get("type") == "image_url")
            digest = hashlib.sha256(url.encode()).hexdigest()[:12]
            caption = "An image whose bytes hash to %s." % digest
            return self.send_json(200, {"choices": [{"index": 0, "message": {"role": "assistant", "content": caption},
                                                     "finish_reason": "stop"}]})
        if route == "v1/score":
            scores = [int(hashlib.sha256(item["prompt"].encode()).hexdigest()[:4], 16) % 2500 / 100.0 - 10
                      for item in body.get("items", [])]
            return self.send_json(200, {"model": body.get("model"), "scores": scores, "range": [-10, 15]})
        return self.send_json(404, {"error": "unknown route " + route})


def main():
    global LATENCY
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.05)
    LATENCY = parser.parse_args().latency
    ThreadingHTTPServer.request_queue_size = 128  # the default backlog of 5 drops concurrent connects for 1 s
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("%d %d" % (server.server_address[1], os.getpid()), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Timer(600, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
