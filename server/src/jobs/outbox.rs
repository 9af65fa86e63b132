//! Sends pending outbox messages through a pluggable sender.

use crate::db::{messages, Db};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// Delivers one message (e-mail, SMS…). Returns whether it was accepted.
pub trait Sender: Send + Sync {
    fn send<'a>(
        &'a self,
        message: &'a messages::Message,
    ) -> Pin<Box<dyn Future<Output = bool> + Send + 'a>>;
}

/// The development sender: writes the message to the log; read it at `/dev/mailbox`.
pub struct LogSender;

impl Sender for LogSender {
    fn send<'a>(
        &'a self,
        message: &'a messages::Message,
    ) -> Pin<Box<dyn Future<Output = bool> + Send + 'a>> {
        Box::pin(async move {
            tracing::info!(to = %message.recipient, subject = %message.subject, "message delivered to the development mailbox");
            true
        })
    }
}

/// Sends what is pending, every `every`, until the process stops. Two processes may pick the
/// same message; a duplicate notice is preferred to a lost one (at-least-once).
pub async fn run(db: Db, sender: Arc<dyn Sender>, every: Duration) {
    loop {
        match messages::pending(&db, 50).await {
            Ok(batch) => {
                for m in batch {
                    let sent = sender.send(&m).await;
                    if let Err(e) = messages::mark(&db, m.id, sent).await {
                        tracing::warn!(error = %e, "recording a message delivery failed");
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "reading the outbox failed"),
        }
        tokio::time::sleep(every).await;
    }
}
