"""What the real-client scenario tests share: the `evmatch serve` process, a loopback HTTP
server that records what API destinations send it, and boto3 / AWS CLI clients pointed at the
server with dummy credentials.

Every wait is bounded: the server must print its start line within START_TIMEOUT seconds, every
client call has connect/read timeouts and no retries, every AWS CLI run has a timeout, and every
poll has a deadline. The server process is killed on every path (fixture finalizers), also when
a test fails or times out.

The binary is `$EVMATCH_BIN` (default: `target/debug/evmatch` of the repository).
"""

import http.server
import json
import os
import pathlib
import signal
import subprocess
import sys
import threading
import time

import boto3
import pytest
from botocore.config import Config

REPO = pathlib.Path(__file__).resolve().parents[4]
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
ACCOUNT = "123456789012"
REGION = "us-east-1"
START_PREFIX = "evmatch serve: listening on "


def evmatch_bin():
    path = os.environ.get("EVMATCH_BIN") or str(REPO / "target" / "debug" / "evmatch")
    if not os.path.exists(path):
        pytest.fail(f"evmatch binary not found at {path} (build it, or set EVMATCH_BIN)")
    return path


class Server:
    """One `evmatch serve` process: its URL, its delivery log, the output it wrote."""

    def __init__(self, tmp_path, extra_args=(), deliveries=None, state=None):
        self.deliveries_path = deliveries or (tmp_path / "deliveries.jsonl")
        self.state_path = state
        args = [evmatch_bin(), "serve", "--port", "0", "--deliveries", str(self.deliveries_path)]
        if state is not None:
            args += ["--state", str(state)]
        args += list(extra_args)
        started = time.monotonic()
        self.proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.stdout_lines = []
        self.stderr_lines = []
        first = threading.Event()
        self._first_line = None

        def read_stdout():
            for raw in self.proc.stdout:
                line = raw.decode("utf-8", "replace")
                if self._first_line is None:
                    self._first_line = line
                    first.set()
                self.stdout_lines.append(line)
            first.set()

        def read_stderr():
            for raw in self.proc.stderr:
                self.stderr_lines.append(raw.decode("utf-8", "replace"))

        threading.Thread(target=read_stdout, daemon=True).start()
        threading.Thread(target=read_stderr, daemon=True).start()
        if not first.wait(START_TIMEOUT) or self._first_line is None:
            self.kill()
            pytest.fail(f"evmatch serve printed no start line; stderr: {''.join(self.stderr_lines)}")
        self.start_seconds = time.monotonic() - started
        line = self._first_line
        assert line.startswith(START_PREFIX) and line.endswith("\n"), repr(line)
        self.url = line[len(START_PREFIX) :].strip()
        assert self.url.startswith("http://127.0.0.1:"), self.url
        self.port = int(self.url.rsplit(":", 1)[1])

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass

    def terminate(self, sig=signal.SIGTERM):
        """Ask for a graceful shutdown; returns the exit code (kills after STOP_TIMEOUT)."""
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail("evmatch serve did not stop within the timeout after a signal")

    def get(self, path, timeout=5.0):
        """GET `path` on the server: (status, content-type, body bytes)."""
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as r:
                return r.status, r.headers.get("Content-Type"), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type"), e.read()

    def delivery_lines(self, since=None):
        path = "/_evmatch/deliveries" + (f"?since={since}" if since is not None else "")
        status, ctype, body = self.get(path)
        assert status == 200, (status, body)
        assert ctype.startswith("application/x-ndjson"), ctype
        text = body.decode("utf-8")
        return [line for line in text.split("\n") if line]

    def log_lines(self):
        if not os.path.exists(self.deliveries_path):
            return []
        with open(self.deliveries_path, encoding="utf-8") as f:
            text = f.read()
        # Only complete lines: the writer may be in the middle of one.
        return text.split("\n")[:-1]

    def client(self):
        return make_client(self.url)

    def aws(self, *args, timeout=60):
        return run_aws(self.url, *args, timeout=timeout)


def make_client(url):
    return boto3.client(
        "events",
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(
            retries={"max_attempts": 1, "mode": "standard"},
            connect_timeout=5,
            read_timeout=15,
        ),
    )


def aws_env(tmp_home):
    # The CLI's default retry settings, so its error lines are the ones users see (with one
    # attempt botocore appends "(reached max retries: 0)"); every run has a timeout anyway.
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_DEFAULT_REGION=REGION,
        AWS_CONFIG_FILE=os.path.join(tmp_home, "config"),
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_PAGER="",
        HOME=str(tmp_home),
    )
    return env


_AWS_HOME = None


def run_aws(url, *args, timeout=60):
    """Run `aws events ARGS --endpoint-url URL --output json`: a CompletedProcess with text."""
    global _AWS_HOME
    if _AWS_HOME is None:
        import tempfile

        _AWS_HOME = tempfile.mkdtemp(prefix="evmatch-aws-home-")
        # AWS CLI v1 fetches parameter values that start with http:// (an API destination's
        # InvocationEndpoint!) unless told not to.
        with open(os.path.join(_AWS_HOME, "config"), "w") as f:
            f.write("[default]\ncli_follow_urlparam = false\n")
    # The `aws` script of the environment running the tests (awscli from the package index).
    exe = os.path.join(os.path.dirname(sys.executable), "aws")
    if not os.path.exists(exe):
        pytest.fail(f"the AWS CLI is not installed next to {sys.executable} (pip install awscli)")
    cmd = [
        sys.executable,
        exe,
        "events",
        *args,
        "--endpoint-url",
        url,
        "--region",
        REGION,
        "--output",
        "json",
        "--cli-read-timeout",
        "15",
        "--cli-connect-timeout",
        "5",
    ]
    return subprocess.run(
        cmd,
        env=aws_env(_AWS_HOME),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Recorder(http.server.ThreadingHTTPServer):
    """A loopback HTTP server that records every request (method, path, headers, body).

    `/fail…` answers 500; `/oauth/token` answers an OAuth client-credentials token
    (`access_token` = `tok-<n>`, counting the token requests); everything else answers 200
    `{"ok":true}`.
    """

    daemon_threads = True

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        self.token_requests = 0
        super().__init__(("127.0.0.1", 0), RecorderHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True
        self.thread.start()

    def stop(self):
        self.shutdown()
        self.server_close()

    def received(self, path_prefix, count=1, timeout=15.0):
        """Wait (bounded) until `count` requests whose path starts with `path_prefix` arrived."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                got = [r for r in self.requests if r["path"].startswith(path_prefix)]
            if len(got) >= count or time.monotonic() > deadline:
                return got
            time.sleep(0.05)


class RecorderHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        record = {
            "method": self.command,
            "path": self.path,
            "headers": [(k, v) for k, v in self.headers.items()],
            "body": body,
        }
        server = self.server
        with server.lock:
            server.requests.append(record)
            if self.path.startswith("/oauth/token"):
                server.token_requests += 1
                n = server.token_requests
        if self.path.startswith("/fail"):
            status, out = 500, b'{"error":"boom"}'
        elif self.path.startswith("/oauth/token"):
            status = 200
            out = json.dumps(
                {"access_token": f"tok-{n}", "token_type": "Bearer", "expires_in": 3600}
            ).encode()
        else:
            status, out = 200, b'{"ok":true}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle


def header(record, name):
    """The values of header `name` (case-insensitive) in a recorded request."""
    return [v for k, v in record["headers"] if k.lower() == name.lower()]


def wait_for(predicate, timeout=15.0, interval=0.05, what="condition"):
    """Poll `predicate` until it returns a truthy value (returned) or fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def compact(value):
    """JSON as the server writes it: compact, non-ASCII and `/` unescaped."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def envelope(event_id, detail_type, source, time_text, detail, resources=(), replay_name=None):
    """The event AWS delivers to a target without an input mode, byte for byte."""
    members = [
        ("version", "0"),
        ("id", event_id),
        ("detail-type", detail_type),
        ("source", source),
        ("account", ACCOUNT),
        ("time", time_text),
        ("region", REGION),
    ]
    if replay_name is not None:
        members.append(("replay-name", replay_name))
    members += [("resources", list(resources)), ("detail", detail)]
    return "{" + ",".join(f"{compact(k)}:{compact(v)}" for k, v in members) + "}"


def record_line(seq, time_text, bus, rule_arn, target_arn, target_id, event_id, payload, attempts=1, outcome="delivered"):
    """A delivery-log line for a non-API-destination target, byte for byte."""
    members = [
        ("seq", seq),
        ("time", time_text),
        ("event_bus", bus),
        ("rule", rule_arn),
        ("target", target_arn),
        ("target_id", target_id),
        ("event_id", event_id),
        ("payload", payload),
        ("attempts", attempts),
        ("outcome", outcome),
    ]
    return "{" + ",".join(f"{compact(k)}:{compact(v)}" for k, v in members) + "}"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("serve"))
    yield s
    s.kill()


@pytest.fixture(scope="module")
def recorder():
    r = Recorder()
    yield r
    r.stop()


@pytest.fixture
def fresh_server(tmp_path):
    """A server of this test alone (and a list to start more, all killed at the end)."""
    started = []

    def start(**kw):
        s = Server(tmp_path, **kw)
        started.append(s)
        return s

    yield start
    for s in started:
        s.kill()
