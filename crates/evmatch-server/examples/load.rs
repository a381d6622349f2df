//! A load generator for `evmatch serve`: PutEvents over keep-alive HTTP/1.1 connections from this
//! (second) process, reporting requests/s and latency percentiles; with `--bin` it also starts the
//! server itself and measures start-up to the first answered request and the resident memory.
//!
//! ```sh
//! cargo build --release -p evmatch-cli -p evmatch-server --example load
//! target/release/examples/load --bin target/release/evmatch            # start, set up, load, report
//! target/release/examples/load --url http://127.0.0.1:4010 --seconds 5 # an already running server
//! ```
//!
//! Set-up: `--rules` rules (default 100) on the default bus, each with one SQS target, patterns
//! mixing exact, prefix, numeric and anything-but conditions. Load: `--connections` threads
//! (default 8), each one keep-alive connection sending PutEvents with `--entries` entries (default
//! 10) back to back for `--seconds` (default 10) after a 1 s warm-up. With `--matching` (the
//! default) every entry matches exactly one rule, so every entry is also one delivery record; with
//! `--no-match` no entry matches. With `--bin` (or `--pid` of the server) it also reports the CPU
//! time the server and the generator used in the measured window. Requests carry the headers the AWS SDKs send (a fixed, unverified
//! SigV4 `Authorization`).
//!
//! Costs and bounds: one thread and one connection per `--connections`; every request and response
//! is bounded by timeouts (5 s); latencies are kept as one `u32` (µs) per request. The run stops
//! by itself after warm-up + `--seconds`; a server started with `--bin` is killed on exit.
//! Linux only for the memory figures (`/proc/PID/status`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const START_PREFIX: &str = "evmatch serve: listening on ";
const IO_TIMEOUT: Duration = Duration::from_secs(5);

struct Options {
    bin: Option<String>,
    url: Option<String>,
    rules: usize,
    connections: usize,
    entries: usize,
    seconds: f64,
    matching: bool,
    startup_runs: usize,
    deliveries: String,
    pid: Option<u32>,
}

fn parse_options() -> Options {
    let mut o = Options {
        bin: None,
        url: None,
        rules: 100,
        connections: 8,
        entries: 10,
        seconds: 10.0,
        matching: true,
        startup_runs: 5,
        deliveries: std::env::temp_dir()
            .join(format!("evmatch-load-{}.jsonl", std::process::id()))
            .to_string_lossy()
            .into_owned(),
        pid: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--bin" => o.bin = Some(value()),
            "--url" => o.url = Some(value()),
            "--rules" => o.rules = number(&value()),
            "--connections" => o.connections = number::<usize>(&value()).max(1),
            "--entries" => o.entries = number::<usize>(&value()).clamp(1, 10),
            "--seconds" => o.seconds = number::<f64>(&value()).clamp(0.1, 600.0),
            "--startup-runs" => o.startup_runs = number(&value()),
            "--deliveries" => o.deliveries = value(),
            "--pid" => o.pid = Some(number(&value())),
            "--matching" => o.matching = true,
            "--no-match" => o.matching = false,
            "-h" | "--help" => {
                println!(
                    "{}",
                    include_str!("load.rs")
                        .lines()
                        .take(20)
                        .collect::<Vec<_>>()
                        .join("\n")
                );
                std::process::exit(0);
            }
            _ => fail(&format!("unknown argument {a}")),
        }
    }
    if o.bin.is_none() == o.url.is_none() {
        fail("give exactly one of --bin PATH (start the server) or --url URL");
    }
    o
}

fn number<T: std::str::FromStr>(s: &str) -> T {
    s.parse()
        .unwrap_or_else(|_| fail(&format!("not a number: {s}")))
}

fn fail(msg: &str) -> ! {
    eprintln!("load: {msg}");
    std::process::exit(2)
}

/// The server started by `--bin`; killed when dropped.
struct Spawned {
    child: Child,
    addr: String,
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server and returns it with the time from spawn to the first answered request.
fn spawn(bin: &str, deliveries: &str) -> (Spawned, Duration) {
    let _ = std::fs::remove_file(deliveries);
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(["serve", "--port", "0", "--deliveries", deliveries])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot start {bin}: {e}")));
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    // The server prints the line right after binding; a hang here is the server's bug, and the
    // spawned process is killed when `Spawned` drops on the panic.
    out.read_line(&mut line).unwrap();
    let spawned = Spawned {
        child,
        addr: line
            .trim()
            .strip_prefix(START_PREFIX)
            .and_then(|u| u.strip_prefix("http://"))
            .unwrap_or_else(|| fail(&format!("unexpected start line {line:?}")))
            .to_string(),
    };
    // Drain stdout so the server never blocks on it.
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut out, &mut std::io::sink());
    });
    let mut conn = Connection::open(&spawned.addr);
    let (status, _) = conn.call("AWSEvents.ListEventBuses", "{}");
    assert_eq!(status, 200, "first request");
    (spawned, started.elapsed())
}

/// Resident and peak resident memory of `pid` in KiB (`VmRSS`, `VmHWM`).
fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time (user + system) of process `pid` (`self` for this one) in seconds, from
/// `/proc/PID/stat` (clock ticks of 1/100 s, Linux's `USER_HZ`).
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// One keep-alive HTTP/1.1 connection speaking the AWS JSON 1.1 protocol.
struct Connection {
    addr: String,
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    request: Vec<u8>,
}

impl Connection {
    fn open(addr: &str) -> Connection {
        let stream =
            TcpStream::connect(addr).unwrap_or_else(|e| fail(&format!("connect {addr}: {e}")));
        stream.set_nodelay(true).unwrap();
        stream.set_read_timeout(Some(IO_TIMEOUT)).unwrap();
        stream.set_write_timeout(Some(IO_TIMEOUT)).unwrap();
        Connection {
            addr: addr.to_string(),
            reader: BufReader::with_capacity(64 * 1024, stream.try_clone().unwrap()),
            writer: stream,
            request: Vec::with_capacity(8 * 1024),
        }
    }

    /// One request: (status, body).
    fn call(&mut self, target: &str, body: &str) -> (u16, String) {
        self.request.clear();
        write!(
            self.request,
            "POST / HTTP/1.1\r\nHost: {}\r\nX-Amz-Target: {target}\r\n\
             Content-Type: application/x-amz-json-1.1\r\nX-Amz-Date: 20261207T150000Z\r\n\
             Authorization: AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/events/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n\
             User-Agent: evmatch-load\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        self.writer.write_all(&self.request).unwrap();
        self.read_response()
    }

    fn read_response(&mut self) -> (u16, String) {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| fail(&format!("bad status line {line:?}")));
        let mut length = None;
        let mut chunked = false;
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').unwrap_or((header, ""));
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line).unwrap();
                let size = usize::from_str_radix(line.trim(), 16).unwrap();
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk).unwrap();
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            body.resize(length.unwrap_or(0), 0);
            self.reader.read_exact(&mut body).unwrap();
        }
        (status, String::from_utf8_lossy(&body).into_owned())
    }
}

/// The pattern of rule `i`: one source per rule, and a detail condition of one of four kinds.
fn pattern(i: usize) -> String {
    let detail = match i % 4 {
        0 => format!(r#"{{"kind": ["k{i}"]}}"#),
        1 => r#"{"kind": [{"prefix": "k"}]}"#.to_string(),
        2 => r#"{"amount": [{"numeric": [">=", 0, "<", 1000]}]}"#.to_string(),
        _ => r#"{"kind": [{"anything-but": ["none"]}]}"#.to_string(),
    };
    format!(r#"{{"source": ["load.s{i}"], "detail": {detail}}}"#)
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn set_up(addr: &str, rules: usize) {
    let mut conn = Connection::open(addr);
    for i in 0..rules {
        let body = format!(
            r#"{{"Name":"load-{i}","EventPattern":{}}}"#,
            json_string(&pattern(i))
        );
        let (status, text) = conn.call("AWSEvents.PutRule", &body);
        assert_eq!(status, 200, "PutRule: {text}");
        let body = format!(
            r#"{{"Rule":"load-{i}","Targets":[{{"Id":"q","Arn":"arn:aws:sqs:us-east-1:123456789012:load-{i}"}}]}}"#
        );
        let (status, text) = conn.call("AWSEvents.PutTargets", &body);
        assert_eq!(status, 200, "PutTargets: {text}");
    }
}

/// The PutEvents bodies a connection cycles through (16 distinct ones).
fn bodies(rules: usize, entries: usize, matching: bool, seed: usize) -> Vec<String> {
    (0..16)
        .map(|b| {
            let list: Vec<String> = (0..entries)
                .map(|e| {
                    let n = seed * 7919 + b * 31 + e * 7;
                    let rule = n % rules.max(1);
                    let source = if matching {
                        format!("load.s{rule}")
                    } else {
                        "load.none".into()
                    };
                    let detail = format!(
                        r#"{{"kind": "k{rule}", "amount": {}, "id": {n}}}"#,
                        n % 1000
                    );
                    format!(
                        r#"{{"Source":"{source}","DetailType":"Load","Detail":{}}}"#,
                        json_string(&detail)
                    )
                })
                .collect();
            format!(r#"{{"Entries":[{}]}}"#, list.join(","))
        })
        .collect()
}

struct Outcome {
    latencies_us: Vec<u32>,
    errors: usize,
}

/// The measured window: latencies (sorted), errors, seconds, and the CPU seconds the server
/// (when its pid is known) and this process used meanwhile.
struct Measured {
    latencies: Vec<u32>,
    errors: usize,
    seconds: f64,
    server_cpu: Option<f64>,
    load_cpu: f64,
}

fn run_load(o: &Options, addr: &str, server_pid: Option<u32>) -> Measured {
    let warmup = Duration::from_secs(1);
    let measured = Duration::from_secs_f64(o.seconds);
    let start = Instant::now() + Duration::from_millis(100);
    let threads: Vec<_> = (0..o.connections)
        .map(|t| {
            let addr = addr.to_string();
            let bodies = bodies(o.rules, o.entries, o.matching, t);
            std::thread::spawn(move || {
                let mut conn = Connection::open(&addr);
                let mut out = Outcome {
                    latencies_us: Vec::with_capacity(1 << 20),
                    errors: 0,
                };
                let measure_from = start + warmup;
                let stop = measure_from + measured;
                let mut i = 0;
                loop {
                    let now = Instant::now();
                    if now >= stop {
                        break;
                    }
                    let (status, body) =
                        conn.call("AWSEvents.PutEvents", &bodies[i % bodies.len()]);
                    let took = now.elapsed();
                    i += 1;
                    if now >= measure_from {
                        if status != 200 || !body.contains(r#""FailedEntryCount":0"#) {
                            out.errors += 1;
                        }
                        out.latencies_us
                            .push(took.as_micros().min(u32::MAX as u128) as u32);
                    }
                }
                out
            })
        })
        .collect();
    std::thread::sleep((start + warmup).saturating_duration_since(Instant::now()));
    let server_cpu = |pid: Option<u32>| pid.map(|p| cpu_seconds(&p.to_string()));
    let (server_before, load_before) = (server_cpu(server_pid), cpu_seconds("self"));
    let mut all = Vec::new();
    let mut errors = 0;
    let mut threads = threads.into_iter();
    // The first thread ends with the window; read the CPU times right after it.
    let first = threads.next().map(|t| t.join().expect("load thread"));
    let (server_after, load_after) = (server_cpu(server_pid), cpu_seconds("self"));
    if let Some(out) = first {
        all.extend(out.latencies_us);
        errors += out.errors;
    }
    for t in threads {
        let out = t.join().expect("load thread");
        all.extend(out.latencies_us);
        errors += out.errors;
    }
    all.sort_unstable();
    Measured {
        latencies: all,
        errors,
        seconds: measured.as_secs_f64(),
        server_cpu: server_before.zip(server_after).map(|(b, a)| a - b),
        load_cpu: load_after - load_before,
    }
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn main() {
    let o = parse_options();
    let mut spawned = None;
    let addr = match (&o.bin, &o.url) {
        (Some(bin), _) => {
            let mut startups = Vec::new();
            for _ in 1..o.startup_runs.max(1) {
                let (s, took) = spawn(bin, &o.deliveries);
                startups.push(took);
                drop(s);
            }
            let (s, took) = spawn(bin, &o.deliveries);
            startups.push(took);
            startups.sort();
            let ms: Vec<String> = startups
                .iter()
                .map(|d| format!("{:.1}", d.as_secs_f64() * 1000.0))
                .collect();
            println!(
                "start-up to first answered request: median {:.1} ms (runs: {} ms)",
                startups[startups.len() / 2].as_secs_f64() * 1000.0,
                ms.join(", ")
            );
            std::thread::sleep(Duration::from_millis(500));
            let (rss, _) = memory_kib(s.child.id());
            println!(
                "idle memory after start-up: VmRSS {:.1} MiB",
                rss as f64 / 1024.0
            );
            let addr = s.addr.clone();
            spawned = Some(s);
            addr
        }
        (None, Some(url)) => url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string(),
        (None, None) => unreachable!("checked by parse_options"),
    };

    set_up(&addr, o.rules);
    if let Some(s) = &spawned {
        std::thread::sleep(Duration::from_millis(500));
        let (rss, _) = memory_kib(s.child.id());
        println!(
            "idle memory with {} rules: VmRSS {:.1} MiB",
            o.rules,
            rss as f64 / 1024.0
        );
    }
    let pid = spawned.as_ref().map(|s| s.child.id()).or(o.pid);
    let m = run_load(&o, &addr, pid);
    let (latencies, errors, seconds) = (&m.latencies, m.errors, m.seconds);
    println!(
        "PutEvents ({} entries, {} rules, {}, {} keep-alive connections, {:.0} s): {:.0} requests/s, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms, {} requests, {} errors",
        o.entries,
        o.rules,
        if o.matching {
            "every entry matching one rule"
        } else {
            "no entry matching"
        },
        o.connections,
        seconds,
        latencies.len() as f64 / seconds,
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        percentile(latencies, 1.0),
        latencies.len(),
        errors
    );
    let n = latencies.len().max(1) as f64;
    if let Some(cpu) = m.server_cpu {
        println!(
            "CPU in the window: server {:.2} cores ({:.1} µs per request), load generator {:.2} cores ({:.1} µs per request)",
            cpu / seconds,
            cpu / n * 1e6,
            m.load_cpu / seconds,
            m.load_cpu / n * 1e6
        );
    }
    if let Some(s) = &spawned {
        std::thread::sleep(Duration::from_millis(1000));
        let (rss, hwm) = memory_kib(s.child.id());
        println!(
            "memory after the load: VmRSS {:.1} MiB, peak VmHWM {:.1} MiB",
            rss as f64 / 1024.0,
            hwm as f64 / 1024.0
        );
    }
    drop(spawned);
    if o.bin.is_some() {
        let _ = std::fs::remove_file(&o.deliveries);
    }
    if errors > 0 {
        std::process::exit(1);
    }
}
