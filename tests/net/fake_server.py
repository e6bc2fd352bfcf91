#!/usr/bin/env python3
"""A scripted OpenAI-compatible server on loopback for the HTTP tests.

Prints "PORT PID" on its first line, then serves until killed. Paths are /s/<scenario>/<endpoint>:
the scenario decides how the n-th request to that path is answered (counters per path; POST /reset
clears them; GET /last/s/<scenario>/<endpoint> returns the last JSON body posted there). Endpoints:
v1/embeddings, v1/chat/completions, v1/responses (OpenAI's Responses API: see responses_turn), score, sse.
Scenarios: ok, 429once (Retry-After 0.2), 500twice, always500, always429, slow (3 s), truncated-once
(a short body under a longer Content-Length, then ok), 401, cut (sse: stops mid-stream).
Hostile chat scenarios (an endpoint that sends what it should not; see HOSTILE_ERRORS and hostile_turn):
error bodies of invalid UTF-8, malformed chunks, huge answers, too many or repeated tool calls.
It binds to 127.0.0.1 only and stops by itself after 10 minutes.
"""
import base64
import hashlib
import json
import struct
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTS = {}
LAST_BODIES = {}
LOCK = threading.Lock()
SEEN_AUTH = []


def fake_embedding(text, dimension=8):
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return [(digest[i] - 128) / 128.0 for i in range(dimension)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, payload, extra_headers=None):
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def count(self):
        with LOCK:
            COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
            return COUNTS[self.path]

    def send_raw(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream_chat(self, scenario, n, body):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        pieces = hostile_turn(scenario, n)
        if pieces is None:
            pieces = scripted_turn(scenario, n, body)
        try:
            for piece in pieces:
                if piece is None:
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(piece)
                self.wfile.flush()
                if scenario not in FAST_SCENARIOS:
                    time.sleep(0.005)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (an answer past its cap)
        self.close_connection = True

    def respond_responses(self, body):
        turn, problem = responses_turn(body)
        if problem is not None:
            return self.send_json(400, {"error": {"message": problem, "type": "invalid_request_error",
                                                  "param": None, "code": None}})
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for event in turn:
            self.wfile.write(("event: %s\ndata: %s\n\n" % (event["type"], json.dumps(event))).encode())
            self.wfile.flush()
            time.sleep(0.002)
        self.close_connection = True

    def do_GET(self):
        self.handle_request(b"")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.handle_request(self.rfile.read(length))

    def handle_request(self, raw):
        if self.path == "/reset":
            with LOCK:
                COUNTS.clear()
            return self.send_json(200, {"reset": True})
        if self.path == "/counts":
            with LOCK:
                return self.send_json(200, dict(COUNTS))
        if self.path.startswith("/last/"):
            with LOCK:
                return self.send_json(200, LAST_BODIES.get(self.path[len("/last"):], {}))
        parts = self.path.split("/", 3)  # ['', 's', scenario, endpoint]
        if len(parts) < 4 or parts[1] != "s":
            return self.send_json(404, {"error": "unknown path " + self.path})
        scenario, endpoint = parts[2], parts[3]
        n = self.count()
        auth = self.headers.get("Authorization")
        if auth:
            SEEN_AUTH.append(auth)

        if scenario == "401":
            return self.send_json(401, {"error": {"message": "invalid api key"}})
        if scenario in HOSTILE_ERRORS:
            status, error_body = HOSTILE_ERRORS[scenario]
            return self.send_raw(status, error_body)
        if scenario == "always500":
            return self.send_json(500, {"error": "internal"})
        if scenario == "always429":
            return self.send_json(429, {"error": "rate limited"}, {"Retry-After": "0.1"})
        if scenario == "429once" and n == 1:
            return self.send_json(429, {"error": "rate limited"}, {"Retry-After": "0.2"})
        if scenario == "500twice" and n <= 2:
            return self.send_json(503, {"error": "overloaded"})
        if scenario == "slow":
            time.sleep(3)
        if scenario == "truncated-once" and n == 1:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "500")
            self.end_headers()
            self.wfile.write(b'{"data": [')
            self.wfile.flush()
            self.close_connection = True
            return

        body = json.loads(raw.decode("utf-8")) if raw else {}
        with LOCK:
            LAST_BODIES[self.path] = body
        if endpoint == "v1/responses":
            return self.respond_responses(body)
        if endpoint == "v1/embeddings":
            inputs = body.get("input")
            if inputs is None and "messages" in body:  # an image, vLLM style
                content = body["messages"][0]["content"]
                url = next(part["image_url"]["url"] for part in content if part.get("type") == "image_url")
                inputs = ["image:" + hashlib.sha256(url.encode()).hexdigest()]
            if isinstance(inputs, str):
                inputs = [inputs]
            data = [{"object": "embedding", "index": i, "embedding": fake_embedding(t)} for i, t in enumerate(inputs)]
            return self.send_json(200, {"object": "list", "model": body.get("model"), "data": data,
                                        "usage": {"prompt_tokens": 3, "total_tokens": 3}})
        if endpoint == "v1/chat/completions":
            refusal = vendor_refusal(scenario, body) or context_refusal(scenario, body)
            if refusal is not None:
                return self.send_json(400, refusal)
        if endpoint == "v1/chat/completions" and body.get("stream"):
            return self.stream_chat(scenario, n, body)
        if endpoint == "v1/chat/completions":
            content = body["messages"][-1]["content"]
            urls = [part["image_url"]["url"] for part in content if isinstance(part, dict) and part.get("type") == "image_url"]
            if not urls or not urls[0].startswith("data:image/"):
                return self.send_json(400, {"error": "expected an image data URL"})
            caption = "A test image of %d base64 characters." % len(urls[0])
            return self.send_json(200, {"choices": [{"index": 0, "message": {"role": "assistant", "content": caption},
                                                     "finish_reason": "stop"}]})
        if endpoint in ("score", "v1/score"):
            items = body.get("items", [])
            scores = [float(len(item.get("prompt", "")) % 15) for item in items]
            return self.send_json(200, {"model": body.get("model"), "scores": scores, "range": [-10, 15]})
        if endpoint == "sse":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            total = 2 if scenario == "cut" else 8 if scenario == "trickle" else 5
            for i in range(total):
                self.wfile.write(("data: {\"i\": %d}\n\n" % i).encode())
                self.wfile.flush()
                # trickle: an event every 0.3 s (2.4 s in all); stall: 4 s of silence after the second
                time.sleep(0.3 if scenario == "trickle" else 4 if scenario == "stall" and i == 1 else 0.01)
            if scenario == "cut":
                self.close_connection = True
                return
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True
            return
        return self.send_json(404, {"error": "unknown endpoint " + endpoint})


def chunk(delta=None, finish=None, usage=None):
    payload = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": []}
    if delta is not None or finish is not None:
        payload["choices"] = [{"index": 0, "delta": delta or {}, "finish_reason": finish}]
    if usage is not None:
        payload["usage"] = usage
    return ("data: " + json.dumps(payload) + "\n\n").encode()


def scripted_turn(scenario, n, body):
    """The chunks of one streamed assistant turn; None marks a connection cut."""
    usage = {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70,
             "completion_tokens_details": {"reasoning_tokens": 12}}
    if scenario == "toolturn":
        return [chunk({"role": "assistant", "reasoning_content": "Let me "}),
                chunk({"reasoning_content": "search."}),
                chunk({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                       "function": {"name": "search", "arguments": "{\"query\": \"mo"}}]}),
                chunk({"tool_calls": [{"index": 1, "id": "call_2", "type": "function",
                                       "function": {"name": "status", "arguments": "{}"}}]}),
                chunk({"tool_calls": [{"index": 0, "function": {"arguments": "tion blur\"}"}}]}),
                chunk(finish="tool_calls"), chunk(usage=usage), b"data: [DONE]\n\n"]
    if scenario.startswith("longrun-"):
        return longrun_turn(scenario, body)
    if scenario == "agentturn" and n == 1:  # the agent loop: a parallel tool turn, then a final answer
        return scripted_turn("toolturn", n, body)
    if scenario == "cut-once" and n == 1:
        return [chunk({"role": "assistant", "reasoning": "Thinking about "}), None]
    return [chunk({"role": "assistant", "reasoning": "Thinking about it."}),
            chunk({"content": "Done"}), chunk({"content": "."}),
            chunk(finish="stop"), chunk(usage=usage), b"data: [DONE]\n\n"]


# Error answers whose bodies are not UTF-8, or are long with a multi-byte character where a message cuts
# them (300 bytes).
def vendor_refusal(scenario, body):
    """A real vendor's HTTP 400 body when the request has what that vendor refuses; else None.
    deepseek-thinking: an assistant message that had tool calls but no reasoning_content (DeepSeek's
    thinking mode with tools); noimages: an image part (DeepSeek's text-only models, as serde words it);
    notemperature: a temperature (OpenAI's reasoning models)."""
    messages = body.get("messages", [])
    if scenario == "deepseek-thinking":
        for m in messages:
            if m.get("role") == "assistant" and m.get("tool_calls") and "reasoning_content" not in m:
                return {"error": {"message": "Missing `reasoning_content` field in the assistant message at "
                                             "message index 2. For more information, please refer to "
                                             "https://api-docs.deepseek.com/guides/thinking_mode#tool-calls",
                                  "type": "invalid_request_error", "param": None, "code": "invalid_request_error"}}
    if scenario == "noimages":
        for i, m in enumerate(messages):
            content = m.get("content")
            if isinstance(content, list) and any(p.get("type") == "image_url" for p in content):
                return {"error": {"message": "Failed to deserialize the JSON body into the target type: "
                                             "messages[%d]: unknown variant `image_url`, expected `text` at "
                                             "line 1 column 912" % i,
                                  "type": "invalid_request_error", "param": None, "code": "invalid_request_error"}}
    if scenario == "notemperature" and "temperature" in body:
        return {"error": {"message": "Unsupported value: 'temperature' does not support 0.2 with this model. "
                                     "Only the default (1) value is supported.",
                          "type": "invalid_request_error", "param": "temperature", "code": "unsupported_value"}}
    return None


# longrun-TURNS-LIMIT: a model with a context of LIMIT tokens, counted as a vendor would (text at 4 bytes a
# token, an image at one token per 28 x 28 pixels, as Qwen2.5-VL served by vLLM counts it), that refuses a
# longer request with OpenAI's context_length_exceeded error. Its turns search and sample in turn (every
# result has a grid), commit every 25th turn, and call finish after TURNS turns. A request with
# tool_choice "none" is a compaction turn: it is answered with notes and not counted as a turn.
LONGRUN_TURNS = {}


def image_pixels(url):
    data = base64.b64decode(url.split(",", 1)[1])
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    i = 2
    while i + 9 < len(data):  # JPEG: walk the segments to the frame header
        if data[i] != 0xFF:
            i += 1
            continue
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    raise ValueError("no JPEG frame header")


def request_tokens(body):
    images = []
    text = 0
    for message in body.get("messages", []):
        content = message.get("content")
        parts = content if isinstance(content, list) else []
        for part in parts:
            if part.get("type") == "image_url":
                images.append(part["image_url"]["url"])
        text += len(json.dumps({k: v for k, v in message.items() if k != "content"}))
        text += sum(len(p.get("text", "")) for p in parts) if parts else len(json.dumps(content))
    text += len(json.dumps(body.get("tools", [])))
    image_tokens = 0
    for url in images:
        width, height = image_pixels(url)
        image_tokens += -(-width // 28) * -(-height // 28)
    return text // 4 + image_tokens


def context_refusal(scenario, body):
    if not scenario.startswith("longrun-"):
        return None
    limit = int(scenario.split("-")[2])
    tokens = request_tokens(body)
    if tokens > limit:
        return {"error": {"message": "This model's maximum context length is %d tokens. However, your messages "
                                     "resulted in %d tokens. Please reduce the length of the messages." % (limit, tokens),
                          "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}
    return None


def longrun_turn(scenario, body):
    done = [chunk(finish="tool_calls"), b"data: [DONE]\n\n"]
    if body.get("tool_choice") == "none":
        notes = "Notes: motion blur searched and sampled; bands 0.15-0.30 matched; commits as recorded."
        return [chunk({"role": "assistant", "content": notes}), chunk(finish="stop"), b"data: [DONE]\n\n"]
    with LOCK:
        turn = LONGRUN_TURNS.get(scenario, 0) + 1
        LONGRUN_TURNS[scenario] = turn
    turns = int(scenario.split("-")[1])
    if turn > turns:
        return [chunk({"role": "assistant"}), tool_chunk([tool_part(0, "call_finish", "finish", json.dumps(
            {"summary": "Curated motion blur over %d turns." % turns}))])] + done
    thinking = "Turn %d. The grid shows motion streaks in most tiles; the band below looks mixed. " % turn
    if turn % 25 == 0:
        call = tool_part(0, "call_%d" % turn, "commit", json.dumps(
            {"query": "motion blur", "threshold": 0.3, "message": "the band above 0.30 matched in the grids"}))
    elif turn % 2:
        call = tool_part(0, "call_%d" % turn, "search", json.dumps({"query": "motion blur", "top_k": 40}))
    else:
        # Bands 0.1 wide from -0.05 up to 0.24: none of them is empty on the builtin embedder's demo, while
        # narrower ones above 0.2 can fall in the gap between the blurred images and the rest.
        low = -0.05 + 0.01 * (turn % 20)
        call = tool_part(0, "call_%d" % turn, "sample", json.dumps(
            {"query": "motion blur", "min_threshold": low, "max_threshold": low + 0.1, "count": 20}))
    return [chunk({"role": "assistant", "reasoning_content": thinking * 4}), tool_chunk([call])] + done


HOSTILE_ERRORS = {
    "badutf8-500": (500, b"\xff\xfe upstream failed \xff"),
    "badutf8-400": (400, b"\xff\xfe"),
    "longerror-400": (400, b"x" * 299 + "\u00e9".encode("utf-8") * 50),
}
FAST_SCENARIOS = {"huge", "manycalls"}


def tool_part(index, call_id, name, arguments):
    return {"index": index, "id": call_id, "type": "function",
            "function": {"name": name, "arguments": arguments}}


def tool_chunk(parts):
    return chunk({"tool_calls": parts})


def final_turn():
    return [chunk({"content": "Done."}), chunk(finish="stop"), b"data: [DONE]\n\n"]


def one_part_turn(part):
    return [chunk({"role": "assistant"}), tool_chunk([part]), chunk(finish="tool_calls"), b"data: [DONE]\n\n"]


def hostile_turn(scenario, n):
    """The chunks of a hostile scenario's n-th streamed turn, or None when the scenario is not one."""
    if scenario == "badindex":
        return one_part_turn(tool_part("a", "call_1", "status", "{}"))
    if scenario == "deltastring":
        return one_part_turn("x")
    if scenario == "deltanumber":
        return one_part_turn(5)
    if scenario == "deltaarray":
        return one_part_turn([1, 2])
    if scenario == "nullusage":
        return [chunk({"role": "assistant", "content": "Done."}), chunk(finish="stop"),
                chunk(usage={"completion_tokens": None, "prompt_tokens": "12", "total_tokens": None,
                             "completion_tokens_details": None}),
                b"data: [DONE]\n\n"]
    if scenario == "notjson":  # the message quotes 120 bytes: the cut falls inside an "é"
        return [("data: {not json  " + "\u00e9" * 100 + "\n\n").encode("utf-8")]
    if scenario == "errorchunk":  # quoted up to 300 bytes of {"message":"xx...": the cut splits an "é"
        return [chunk({"content": "Hm"}),
                ("data: " + json.dumps({"error": {"message": "x" * 287 + "\u00e9" * 20}},
                                       ensure_ascii=False) + "\n\n").encode("utf-8")]
    if scenario == "rawbytes":  # invalid UTF-8 inside the arguments string, then a final answer
        if n == 1:
            data = (b'data: {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "call_1", '
                    b'"type": "function", "function": {"name": "status", "arguments": "{\\"x\\": \xff\xfe"}}]}, '
                    b'"finish_reason": null}]}\n\n')
            return [chunk({"role": "assistant"}), data, chunk(finish="tool_calls"), b"data: [DONE]\n\n"]
        return final_turn()
    if scenario == "cutargs":  # arguments that are not JSON, echoed back cut at 200 bytes: inside an "é"
        if n == 1:
            return one_part_turn(tool_part(0, "call_1", "status", "a" * 199 + "\u00e9" * 3 + "}"))
        return final_turn()
    if scenario == "huge":  # 2 MB of content in 8 KB deltas
        return [chunk({"role": "assistant"})] + [chunk({"content": "y" * 8192})] * 256 + \
            [chunk(finish="stop"), b"data: [DONE]\n\n"]
    if scenario == "manycalls":  # 1,000 status calls in one turn, then a final answer
        if n == 1:
            parts = [tool_part(i, "call_%d" % (i + 1), "status", "{}") for i in range(1000)]
            return [chunk({"role": "assistant"})] + [tool_chunk(parts[i:i + 100]) for i in range(0, 1000, 100)] + \
                [chunk(finish="tool_calls"), b"data: [DONE]\n\n"]
        return final_turn()
    if scenario == "dupids":  # three calls sharing one id, then a call reusing it in the next turn
        if n == 1:
            return [chunk({"role": "assistant"}),
                    tool_chunk([tool_part(i, "dup", "status", "{}") for i in range(3)]),
                    chunk(finish="tool_calls"), b"data: [DONE]\n\n"]
        if n == 2:
            return one_part_turn(tool_part(0, "dup", "status", "{}"))
        return final_turn()
    return None


# OpenAI's Responses API, the shapes of openai-python's types (src/openai/types/responses/): a turn is
# chosen by how many function calls the input already holds, so a resumed run continues where it stopped.
# Turn 1: a reasoning item (summary streamed, encrypted_content "enc-1"), then search + status calls;
# turn 2: reasoning "enc-2", a status call; turn 3: reasoning "enc-3", "Done.". From turn 2 on the
# request must carry back every earlier reasoning item, verbatim and before its turn's calls, else HTTP 400.
RESPONSES_USAGE = {"input_tokens": 900, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 60,
                   "output_tokens_details": {"reasoning_tokens": 40}, "total_tokens": 960}


def responses_problem(body, prior_calls):
    """What is wrong with a Responses request (a sentence), or None."""
    if body.get("store") is not False or "reasoning.encrypted_content" not in (body.get("include") or []):
        return "expected store: false and include: [reasoning.encrypted_content]"
    if not body.get("instructions"):
        return "expected the system prompt as instructions"
    for tool in body.get("tools", []):
        if tool.get("type") != "function" or "name" not in tool or "function" in tool or tool.get("strict") is not False:
            return "expected Responses function tools {type, name, description, parameters, strict: false}"
    items = body.get("input", [])
    kinds = [item.get("type", "message") for item in items]
    calls = [item for item in items if item.get("type") == "function_call"]
    outputs = {item.get("call_id") for item in items if item.get("type") == "function_call_output"}
    if any(call["call_id"] not in outputs for call in calls):
        return "a function_call has no function_call_output with its call_id"
    expected = ["enc-%d" % k for k in range(1, {0: 1, 2: 2, 3: 3}[prior_calls])]
    reasoning = [item for item in items if item.get("type") == "reasoning"]
    if [item.get("encrypted_content") for item in reasoning] != expected:
        return "expected the reasoning items %s back, got %s" % (expected, [r.get("encrypted_content") for r in reasoning])
    for item in reasoning:
        if item.get("id") != "rs_" + item["encrypted_content"] or item.get("summary") is None or "content" in item:
            return "a reasoning item was not sent back as returned (id, summary, encrypted_content)"
        following = kinds[items.index(item) + 1] if items.index(item) + 1 < len(items) else None
        if following not in ("function_call", "message"):
            return "a reasoning item must be followed by its turn's output, got %s" % following
    for item in items:
        if item.get("role") == "user" and not all(p.get("type") in ("input_text", "input_image") for p in item["content"]):
            return "expected input_text / input_image parts in user messages"
    return None


def responses_turn(body):
    """(events, None) for the turn the input asks for, or (None, problem)."""
    prior = sum(1 for item in body.get("input", []) if item.get("type") == "function_call")
    if prior not in (0, 2, 3):
        return None, "unexpected input: %d function calls" % prior
    problem = responses_problem(body, prior)
    if problem is not None:
        return None, problem
    turn = {0: 1, 2: 2, 3: 3}[prior]
    seq = iter(range(1, 1000))
    response = {"id": "resp_%d" % turn, "object": "response", "status": "in_progress", "output": [], "usage": None}
    events = [{"type": "response.created", "sequence_number": next(seq), "response": response}]
    reasoning = {"id": "rs_enc-%d" % turn, "type": "reasoning", "summary": [], "encrypted_content": None}
    events.append({"type": "response.output_item.added", "output_index": 0, "item": reasoning, "sequence_number": next(seq)})
    events.append({"type": "response.reasoning_summary_part.added", "item_id": reasoning["id"], "output_index": 0,
                   "summary_index": 0, "part": {"type": "summary_text", "text": ""}, "sequence_number": next(seq)})
    summary = "Turn %d: planning the next step." % turn
    for piece in (summary[:10], summary[10:]):
        events.append({"type": "response.reasoning_summary_text.delta", "item_id": reasoning["id"], "output_index": 0,
                       "summary_index": 0, "delta": piece, "sequence_number": next(seq)})
    done_reasoning = dict(reasoning, summary=[{"type": "summary_text", "text": summary}],
                          encrypted_content="enc-%d" % turn, status=None)
    events.append({"type": "response.output_item.done", "output_index": 0, "item": done_reasoning,
                   "sequence_number": next(seq)})
    calls = {1: [("search", '{"query": "motion blur", "top_k": 10}'), ("status", "{}")], 2: [("status", "{}")], 3: []}[turn]
    for i, (name, arguments) in enumerate(calls, start=1):
        item = {"id": "fc_%d_%d" % (turn, i), "type": "function_call", "status": "in_progress", "arguments": "",
                "call_id": "call_%d_%d" % (turn, i), "name": name}
        events.append({"type": "response.output_item.added", "output_index": i, "item": item, "sequence_number": next(seq)})
        for piece in (arguments[:5], arguments[5:]):
            events.append({"type": "response.function_call_arguments.delta", "item_id": item["id"], "output_index": i,
                           "delta": piece, "sequence_number": next(seq)})
        events.append({"type": "response.function_call_arguments.done", "item_id": item["id"], "output_index": i,
                       "arguments": arguments, "sequence_number": next(seq)})
        events.append({"type": "response.output_item.done", "output_index": i,
                       "item": dict(item, status="completed", arguments=arguments), "sequence_number": next(seq)})
    if not calls:
        message = {"id": "msg_3", "type": "message", "status": "in_progress", "role": "assistant", "content": []}
        events.append({"type": "response.output_item.added", "output_index": 1, "item": message, "sequence_number": next(seq)})
        for piece in ("FINAL SUMMARY: Do", "ne."):  # a marked final message ends the run
            events.append({"type": "response.output_text.delta", "item_id": "msg_3", "output_index": 1,
                           "content_index": 0, "delta": piece, "logprobs": [], "sequence_number": next(seq)})
    completed = dict(response, status="completed", usage=RESPONSES_USAGE)
    events.append({"type": "response.completed", "response": completed, "sequence_number": next(seq)})
    return events, None


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("%d %d" % (server.server_address[1], os.getpid()), flush=True)
    threading.Timer(600, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
