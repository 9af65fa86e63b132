//! Card payments through a hosted gateway: the shop never sees a card number. The shopper is
//! sent to the gateway's page; the gateway tells the shop the outcome by a signed webhook.
//! `sandbox` is a gateway built into this binary (under `/sandbox-pay/…`) that behaves like a
//! real one, for development and tests.

pub mod sandbox;
pub mod signature;
