//! `evmatch serve`: Amazon EventBridge as a local HTTP endpoint for the AWS SDKs and CLI.
//!
//! Invariants: the first and only line this module writes to stdout is
//! `evmatch serve: listening on http://HOST:PORT`, flushed before the first request is served
//! (delivery records follow it on stdout when `--deliveries` is not given); errors go to stderr.
//! Exit status 0 after a clean shutdown (SIGINT/SIGTERM, state saved), 2 when the server cannot
//! start or the state cannot be saved. Costs: those of `evmatch_server::server`.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use evmatch_eventbridge::bus::EventBridgeConfig;
use evmatch_server::server::{Credentials, ServerConfig, run_until_signal};

const AFTER_HELP: &str = "\
Serves the EventBridge API (all 57 operations, AWS JSON 1.1 protocol) over HTTP/1.1 on
loopback, for the AWS SDKs and the AWS CLI:

  evmatch serve --port 4010
  aws events list-event-buses --endpoint-url http://127.0.0.1:4010 --region us-east-1

On start it prints one line on stdout, then serves:

  evmatch serve: listening on http://127.0.0.1:4010

Routes: POST / with X-Amz-Target (the API); GET /_evmatch/deliveries[?since=N] (the delivery
records with a sequence number above N, JSON Lines, oldest first); GET /_evmatch/health (`ok`).

Any credentials are accepted unless --verify-sigv4 is given: then every request must carry a
SigV4 Authorization header signed with the configured key pair (a wrong signature is
InvalidSignatureException, an unknown key id UnrecognizedClientException, both 403).

Targets: API destinations are called over HTTP; every other target is written as one JSON line
to the delivery log (--deliveries FILE, else stdout after the start line). Scheduled rules fire
on the wall clock.

--state FILE: the buses, rules, targets, archives, replays, connections, API destinations,
endpoints and partner sources are loaded from FILE on start (when it exists), and saved to it on
shutdown and every 30 s when changed, atomically (a temporary file renamed over FILE).

SIGINT or SIGTERM stops the server gracefully: open requests finish, pending API destination
calls get 5 s, the state is saved. Exit status: 0 after a clean shutdown, 2 when the server
cannot start (port in use, unreadable state file, …) or the state cannot be saved.";

/// Arguments of `evmatch serve`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ServeArgs {
    /// The port to listen on (0: the system picks one, printed in the start line).
    #[arg(long, default_value_t = 4010)]
    port: u16,

    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,

    /// Load the state from FILE on start, save it there on shutdown and every 30 s.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,

    /// Append the delivery records to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    deliveries: Option<PathBuf>,

    /// Verify SigV4 signatures with the key pair of --access-key-id and --secret-access-key.
    #[arg(long, requires_all = ["access_key_id", "secret_access_key"])]
    verify_sigv4: bool,

    /// The access key id requests are signed with (with --verify-sigv4).
    #[arg(long, value_name = "K", requires = "verify_sigv4")]
    access_key_id: Option<String>,

    /// The secret access key requests are signed with (with --verify-sigv4).
    #[arg(long, value_name = "S", requires = "verify_sigv4")]
    secret_access_key: Option<String>,

    /// The account id of every ARN and event (12 digits).
    #[arg(long, default_value = "123456789012", value_parser = account_id)]
    account_id: String,

    /// The region of every ARN and event.
    #[arg(long, default_value = "us-east-1")]
    region: String,
}

fn account_id(s: &str) -> Result<String, String> {
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err("an account id is 12 digits".into())
    }
}

/// Run `evmatch serve`.
pub fn run(args: ServeArgs) -> ExitCode {
    let mut config = ServerConfig::new(args.host, args.port);
    config.bus = EventBridgeConfig::new(args.account_id, args.region);
    config.state_file = args.state;
    config.deliveries_file = args.deliveries;
    if args.verify_sigv4 {
        config.verify_sigv4 = Some(vec![Credentials::new(
            args.access_key_id.unwrap_or_default(),
            args.secret_access_key.unwrap_or_default(),
        )]);
    }
    let announce = |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "evmatch serve: listening on http://{addr}");
        let _ = out.flush();
    };
    match run_until_signal(config, announce) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evmatch serve: {e}");
            ExitCode::from(2)
        }
    }
}
