//! [`ServerConfig`]: where the endpoint listens, what it keeps (state file, delivery log), how
//! it checks signatures, and its limits and periods. Every value has a default but the bus's
//! account and region, which default to the bus's own defaults.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use evmatch_eventbridge::bus::EventBridgeConfig;

use super::sigv4::Credentials;

/// The largest request body accepted by default: 16 MiB, far above every request the service
/// takes (PutEvents is refused by the service itself above 256 KiB), so that only a runaway
/// client meets it.
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// How often the state file is written when the state changed (30 s).
pub const DEFAULT_SAVE_INTERVAL: Duration = Duration::from_secs(30);

/// How the endpoint runs.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServerConfig {
    /// The address to listen on (default `127.0.0.1`).
    pub host: IpAddr,
    /// The port (0: the system picks one; default 4010).
    pub port: u16,
    /// The state file: loaded on start, saved on shutdown and periodically (default none).
    pub state_file: Option<PathBuf>,
    /// The delivery log file (default none: standard output).
    pub deliveries_file: Option<PathBuf>,
    /// Verify SigV4 signatures against these key pairs; `None` (the default) accepts any
    /// request, signed or not.
    pub verify_sigv4: Option<Vec<Credentials>>,
    /// The bus: account, region, quotas.
    pub bus: EventBridgeConfig,
    /// The largest request body (default [`DEFAULT_MAX_BODY_BYTES`]).
    pub max_body_bytes: usize,
    /// How often the state file is written when changed (default 30 s).
    pub save_interval: Duration,
    /// How often scheduled rules and replays are advanced (default 1 s).
    pub tick_interval: Duration,
    /// How long shutdown waits for open requests and pending API destination calls (default
    /// 5 s each).
    pub shutdown_grace: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 4010,
            state_file: None,
            deliveries_file: None,
            verify_sigv4: None,
            bus: EventBridgeConfig::default(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            save_interval: DEFAULT_SAVE_INTERVAL,
            tick_interval: Duration::from_secs(1),
            shutdown_grace: Duration::from_secs(5),
        }
    }
}

impl ServerConfig {
    /// The defaults, listening on `host:port`.
    pub fn new(host: IpAddr, port: u16) -> Self {
        ServerConfig {
            host,
            port,
            ..Self::default()
        }
    }

    /// The socket address to bind.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }
}
