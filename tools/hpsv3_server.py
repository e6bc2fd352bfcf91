#!/usr/bin/env python3
"""Reference scoring server for the workstation's HTTP scorer (docs/scorer-protocol.md), wrapping HPSv3.

Needs a GPU, `pip install hpsv3` (which downloads its weights) and its dependencies; it is documented
here, not run by the tests. Usage:

    python3 tools/hpsv3_server.py --host 127.0.0.1 --port 8765
    curator-cli ... --scorer openai:http://127.0.0.1:8765#hpsv3

Requests are scored in batches of at most --batch items, one request at a time on the GPU; a request
waits up to --queue-seconds for its turn (the client sends several at once: `curator-cli rate
--concurrency`), then is answered 429 with Retry-After.
"""
import argparse
import base64
import io
import json
import os
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCORE_RANGE = [-10, 15]  # HPSv3's observed range


def load_inferencer(device):
    from hpsv3 import HPSv3RewardInferencer  # imported late: heavy, and only on the GPU machine
    return HPSv3RewardInferencer(device=device)


class Scorer:
    def __init__(self, device, batch):
        self.inferencer = load_inferencer(device)
        self.batch = batch
        self.lock = threading.Lock()

    def score(self, items):
        scores = []
        with tempfile.TemporaryDirectory() as directory:
            paths, prompts = [], []
            for index, item in enumerate(items):
                header, _, data = item["image"].partition(",")
                if not header.startswith("data:image/") or ";base64" not in header:
                    raise ValueError("item %d: image must be a base64 data URL" % index)
                path = os.path.join(directory, "%d.jpg" % index)
                with open(path, "wb") as out:
                    out.write(base64.b64decode(data))
                paths.append(path)
                prompts.append(str(item.get("prompt", "")))
            for start in range(0, len(paths), self.batch):
                rewards = self.inferencer.reward(prompts=prompts[start:start + self.batch],
                                                 image_paths=paths[start:start + self.batch])
                scores.extend(float(reward[0].item()) for reward in rewards)  # the mean of HPSv3's (mu, sigma)
        return scores


def make_handler(scorer, model_name, queue_seconds):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self, status, payload, headers=None):
            body = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            if self.path.rstrip("/").split("/")[-1] != "score":
                return self.answer(404, {"error": "POST /score"})
            try:
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                items = request["items"]
            except (ValueError, KeyError) as error:
                return self.answer(400, {"error": "malformed request: %s" % error})
            if not scorer.lock.acquire(timeout=queue_seconds):
                return self.answer(429, {"error": "busy"}, {"Retry-After": "2"})
            try:
                scores = scorer.score(items)
            except ValueError as error:
                return self.answer(400, {"error": str(error)})
            finally:
                scorer.lock.release()
            return self.answer(200, {"model": model_name, "scores": scores, "range": SCORE_RANGE})

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--model-name", default="hpsv3")
    parser.add_argument("--queue-seconds", type=float, default=60,
                        help="how long a request waits for the GPU before it is answered 429")
    arguments = parser.parse_args()
    scorer = Scorer(arguments.device, arguments.batch)
    ThreadingHTTPServer.request_queue_size = 64  # the default backlog of 5 delays concurrent clients by 1 s
    server = ThreadingHTTPServer((arguments.host, arguments.port),
                                 make_handler(scorer, arguments.model_name, arguments.queue_seconds))
    print("scoring on http://%s:%d/score" % (arguments.host, arguments.port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
