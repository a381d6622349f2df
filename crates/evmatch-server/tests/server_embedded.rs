//! The endpoint embedded in a program: `Server::bind` + `Server::run` with a shutdown future,
//! the periodic state save (only when the state changed), and the save on shutdown.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use evmatch_server::server::{Server, ServerConfig};

/// One `POST /` on its own connection (`Connection: close`), answered within 10 s.
fn call(addr: SocketAddr, operation: &str, body: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.{operation}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_state_is_saved_periodically_when_changed_and_on_shutdown() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("server-embedded");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("state.json");

    let mut config = ServerConfig::new([127, 0, 0, 1].into(), 0);
    config.state_file = Some(path.clone());
    config.deliveries_file = Some(dir.join("deliveries.jsonl"));
    config.save_interval = Duration::from_millis(100);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(Server::bind(config)).unwrap();
    let addr = server.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = runtime.spawn(server.run(async {
        let _ = stopped.await;
    }));

    let answer = call(
        addr,
        "PutRule",
        r#"{"Name":"r1","ScheduleExpression":"rate(1 day)"}"#,
    );
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    // The periodic save writes the change without a shutdown.
    wait_for("the periodic save", || {
        std::fs::read_to_string(&path).is_ok_and(|t| t.contains("\"r1\""))
    });
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    // Nothing changed: no write.
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );

    let answer = call(
        addr,
        "PutRule",
        r#"{"Name":"r2","ScheduleExpression":"rate(1 day)"}"#,
    );
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    stop.send(()).unwrap();
    runtime
        .block_on(async { tokio::time::timeout(Duration::from_secs(10), running).await })
        .expect("stopped in time")
        .unwrap()
        .unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("\"r1\"") && saved.contains("\"r2\""),
        "{saved}"
    );
    // The socket is closed.
    assert!(TcpStream::connect(addr).is_err());
}
