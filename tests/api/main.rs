//! API and page integration tests: the real server on port 0 with a fresh database, once on
//! SQLite and once on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod addresses;
mod admin;
mod audit;
mod cart;
mod catalog;
mod catalog_admin;
mod catalog_cache;
mod catalog_csv;
mod consultations;
mod contract;
mod crash;
mod fleet_setup;
mod fulfilment;
mod inventory;
mod order_expiry;
mod order_status;
mod orders;
mod ownership;
mod pages;
mod payments;
mod permissions;
mod platform;
mod procurement;
mod profile;
mod quality;
mod receiving;
mod refunds;
mod repairs;
mod reports;
mod returns;
mod reviews;
mod routes;
mod search;
mod sellers;
mod staff;
mod supplier_portal;
mod tracking;
mod two_factor;
mod upgrade;
mod wishlist;
