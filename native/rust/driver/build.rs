//! Records the compiler's and rayon's versions for the driver's `hello` reply.

use std::process::Command;

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(rustc).arg("--version").output().ok().and_then(|o| String::from_utf8(o.stdout).ok()).unwrap_or_default();
    // "rustc 1.95.0 (f2d3ce0bd 2026-03-21)" -> "1.95.0"
    let version = version.split_whitespace().nth(1).unwrap_or("unknown").to_string();
    println!("cargo:rustc-env=PARBENCH_RUSTC_VERSION={version}");
    let lock = std::fs::read_to_string("../Cargo.lock").unwrap_or_default();
    let rayon = lock.split("[[package]]").find(|p| p.contains("name = \"rayon\"")).and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \""))).map(|v| v.trim_end_matches('"').to_string()).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=PARBENCH_RAYON_VERSION={rayon}");
    println!("cargo:rerun-if-changed=../Cargo.lock");
}
