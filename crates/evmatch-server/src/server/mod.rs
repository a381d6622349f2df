//! The HTTP endpoint of `evmatch serve`: HTTP/1.1 with keep-alive (hyper on tokio), the AWS
//! JSON 1.1 dispatcher of [`evmatch_eventbridge::wire`] behind `POST /`, the delivery records
//! and a health check, optional SigV4 verification, the state file and the scheduler tick.
//!
//! * `config` — [`ServerConfig`]; `routes` — the routes; `sigv4` — signature verification;
//!   `state_file` — the atomic state file.
//! * [`Server::bind`] loads the state, builds the bus and its [`Deliveries`] (the bus's default
//!   sink; API destinations resolved through the bus) and binds the socket; [`Server::run`]
//!   serves until the shutdown future completes, then stops accepting, lets open requests
//!   finish (at most [`ServerConfig::shutdown_grace`]), lets pending API destination calls
//!   finish (same bound) and saves the state. [`run_until_signal`] does all of it on its own
//!   runtime, stopping on SIGINT or SIGTERM.
//!
//! Invariants: while running, a ticker calls [`EventBridge::tick`] every
//! [`ServerConfig::tick_interval`] (scheduled rules fire on the wall clock, replays advance) and
//! the state file is written every [`ServerConfig::save_interval`] when the state changed.
//! Costs: one task per connection; requests are served on the runtime's worker threads without
//! a hop to a blocking pool (the bus's operations do not block: sinks queue their work).
//!
//! ```no_run
//! use evmatch_server::server::{ServerConfig, run_until_signal};
//!
//! let config = ServerConfig::new([127, 0, 0, 1].into(), 0);
//! run_until_signal(config, |addr| println!("evmatch serve: listening on http://{addr}"))?;
//! # Ok::<(), evmatch_server::server::ServeError>(())
//! ```

mod config;
mod routes;
pub mod sigv4;
mod state_file;

pub use config::{DEFAULT_MAX_BODY_BYTES, DEFAULT_SAVE_INTERVAL, ServerConfig};
pub use routes::{DELIVERIES_PATH, HEALTH_PATH};
pub use sigv4::Credentials;
pub use state_file::{StateFile, write_atomically};

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use evmatch_eventbridge::bus::EventBridge;

use crate::deliveries::{Deliveries, DeliveriesConfig, LogOutput};
use routes::App;

/// Why the server could not start or stop cleanly.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The socket could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The system's reason.
        source: io::Error,
    },
    /// The state file could not be read or written.
    #[error("state file {path}: {source}")]
    StateFile {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: io::Error,
    },
    /// The state file could not be restored.
    #[error("state file {path}: {source}")]
    StateRestore {
        /// The file.
        path: PathBuf,
        /// The bus's reason.
        source: evmatch_eventbridge::Error,
    },
    /// The delivery log could not be opened.
    #[error("delivery log {path}: {source}")]
    DeliveryLog {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: io::Error,
    },
    /// The async runtime could not be started.
    #[error("cannot start the runtime: {0}")]
    Runtime(io::Error),
}

/// A bound, not yet serving endpoint.
pub struct Server {
    listener: TcpListener,
    app: Arc<App>,
    state_file: Option<Arc<StateFile>>,
    config: ServerConfig,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.listener.local_addr().ok())
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Loads the state file (when configured and present), builds the bus and its deliveries
    /// and binds the socket. Must be called inside a tokio runtime.
    pub async fn bind(config: ServerConfig) -> Result<Server, ServeError> {
        let state_file = config
            .state_file
            .as_ref()
            .map(|p| Arc::new(StateFile::new(p)));
        let bus =
            match &state_file {
                Some(file) => {
                    let text = file.load().map_err(|source| ServeError::StateFile {
                        path: file.path().to_path_buf(),
                        source,
                    })?;
                    match text {
                        Some(text) => EventBridge::restore_state(config.bus.clone(), &text)
                            .map_err(|source| ServeError::StateRestore {
                                path: file.path().to_path_buf(),
                                source,
                            })?,
                        None => EventBridge::with_config(config.bus.clone()),
                    }
                }
                None => EventBridge::with_config(config.bus.clone()),
            };
        let bus = Arc::new(bus);
        let log = match &config.deliveries_file {
            Some(path) => LogOutput::file(path).map_err(|source| ServeError::DeliveryLog {
                path: path.clone(),
                source,
            })?,
            None => LogOutput::Stdout,
        };
        // The sink finds API destinations through a weak handle: the bus holds its sink, the
        // sink must not keep the bus alive.
        let deliveries =
            Deliveries::new(DeliveriesConfig::new(log).with_resolver(Arc::downgrade(&bus)));
        bus.set_default_sink(deliveries.clone());
        let addr = config.addr();
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        let app = Arc::new(App {
            bus,
            deliveries,
            verify_sigv4: config.verify_sigv4.clone(),
            max_body_bytes: config.max_body_bytes,
        });
        Ok(Server {
            listener,
            app,
            state_file,
            config,
        })
    }

    /// The address the socket is bound to (with the port the system picked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The bus behind the endpoint.
    pub fn bus(&self) -> &Arc<EventBridge> {
        &self.app.bus
    }

    /// The delivery records.
    pub fn deliveries(&self) -> &Arc<Deliveries> {
        &self.app.deliveries
    }

    /// Serves until `shutdown` completes, then shuts down gracefully and saves the state.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> Result<(), ServeError> {
        let Server {
            listener,
            app,
            state_file,
            config,
        } = self;
        let graceful = GracefulShutdown::new();
        let ticker = tokio::spawn(tick(app.bus.clone(), config.tick_interval));
        let saver = state_file.clone().map(|file| {
            tokio::spawn(save_periodically(
                app.bus.clone(),
                file,
                config.save_interval,
            ))
        });
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                _ = &mut shutdown => break,
                accepted = listener.accept() => {
                    let (stream, _) = match accepted {
                        Ok(c) => c,
                        Err(e) => {
                            // Out of file descriptors and the like: wait a little, go on.
                            eprintln!("evmatch serve: accept failed: {e}");
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                    };
                    let _ = stream.set_nodelay(true);
                    let app = app.clone();
                    let connection = http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(Duration::from_secs(30))
                        .keep_alive(true)
                        .serve_connection(
                            TokioIo::new(stream),
                            service_fn(move |req| routes::route(app.clone(), req)),
                        );
                    let connection = graceful.watch(connection);
                    tokio::spawn(async move {
                        let _ = connection.await;
                    });
                }
            }
        }
        drop(listener);
        ticker.abort();
        if let Some(saver) = saver {
            saver.abort();
        }
        tokio::select! {
            _ = graceful.shutdown() => {}
            _ = tokio::time::sleep(config.shutdown_grace) => {}
        }
        let deliveries = app.deliveries.clone();
        let grace = config.shutdown_grace;
        let _ = tokio::task::spawn_blocking(move || deliveries.shutdown(grace)).await;
        if let Some(file) = state_file {
            let bus = app.bus.clone();
            let path = file.path().to_path_buf();
            tokio::task::spawn_blocking(move || file.save_if_changed(&bus.save_state()))
                .await
                .map_err(|e| ServeError::StateFile {
                    path: path.clone(),
                    source: io::Error::other(e),
                })?
                .map_err(|source| ServeError::StateFile { path, source })?;
        }
        Ok(())
    }
}

/// Calls [`EventBridge::tick`] every `period`.
async fn tick(bus: Arc<EventBridge>, period: Duration) {
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let bus = bus.clone();
        let _ = tokio::task::spawn_blocking(move || {
            bus.tick(bus.now());
        })
        .await;
    }
}

/// Writes the state file every `period` when the state changed.
async fn save_periodically(bus: Arc<EventBridge>, file: Arc<StateFile>, period: Duration) {
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    interval.tick().await; // the first tick is immediate
    loop {
        interval.tick().await;
        let (bus, file) = (bus.clone(), file.clone());
        let saved =
            tokio::task::spawn_blocking(move || file.save_if_changed(&bus.save_state())).await;
        if let Ok(Err(e)) = saved {
            eprintln!("evmatch serve: cannot write the state file: {e}");
        }
    }
}

/// Installs the handlers of SIGINT and (on Unix) SIGTERM at once, and returns a future that
/// completes when one of them arrives. Must be called inside a tokio runtime.
pub fn shutdown_signal() -> io::Result<impl Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// Runs the endpoint of `config` on its own runtime until SIGINT or SIGTERM: binds, calls
/// `on_listening` with the bound address (before the first request is served), serves, shuts
/// down gracefully and saves the state.
pub fn run_until_signal(
    config: ServerConfig,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("evmatch-serve")
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        // The signal handlers are installed before the address is announced, so a signal sent
        // as soon as the line is read is never missed.
        let signal = shutdown_signal().map_err(ServeError::Runtime)?;
        let server = Server::bind(config).await?;
        on_listening(server.local_addr());
        server.run(signal).await
    })
}
