//! `sqlx::migrate!` embeds the migrations when the crate is compiled: compile it again when a
//! migration is added or changed.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
