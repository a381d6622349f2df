//! A loopback HTTP/1.1 server for the deliveries tests: a std `TcpListener` on 127.0.0.1 with a
//! thread per connection (keep-alive), recording every request it receives and answering with
//! what the test's responder says.
//!
//! Invariants: requests are recorded in the order their last byte arrived; a connection idle for
//! 10 s is closed, so no thread waits forever; bodies are read by `Content-Length` only (the
//! deliveries client never sends chunked bodies with a known payload).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// `POST /path?query HTTP/1.1`
    pub request_line: String,
    /// Header lines in order, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
    /// When its last byte arrived.
    pub at: Instant,
}

impl Received {
    /// The path and query of the request line.
    pub fn target(&self) -> &str {
        self.request_line.split(' ').nth(1).unwrap_or("")
    }

    /// The first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Responder = dyn Fn(&Received, usize) -> (u16, String) + Send + Sync;

/// The server: its port and what it received.
pub struct Loopback {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Loopback {
    /// Starts a server answering each request with `respond(request, index)` (index counts all
    /// requests from 0) as `(status, JSON body)`.
    pub fn start(
        respond: impl Fn(&Received, usize) -> (u16, String) + Send + Sync + 'static,
    ) -> Loopback {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let respond: Arc<Responder> = Arc::new(respond);
        let rec = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let rec = rec.clone();
                let respond = respond.clone();
                std::thread::spawn(move || serve(stream, &rec, &*respond));
            }
        });
        Loopback { port, received }
    }

    /// A server answering every request `200 {}`.
    pub fn ok() -> Loopback {
        Loopback::start(|_, _| (200, "{}".into()))
    }

    /// `http://127.0.0.1:PORT{path}`
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The requests received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The requests received so far whose path starts with `prefix`.
    pub fn received_at(&self, prefix: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.target().starts_with(prefix))
            .collect()
    }
}

fn serve(stream: TcpStream, rec: &Mutex<Vec<Received>>, respond: &Responder) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(mut out) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let request_line = request_line.trim_end().to_owned();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.to_owned(), v.trim().to_owned()));
            }
        }
        let len = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let r = Received {
            request_line,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            at: Instant::now(),
        };
        let index = {
            let mut all = rec.lock().unwrap();
            all.push(r.clone());
            all.len() - 1
        };
        let (status, body) = respond(&r, index);
        let answer = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if out.write_all(answer.as_bytes()).is_err() {
            return;
        }
    }
}
