//! Liveness for the runner (docs/drivers.md, "Heartbeat"): tasks completed so far, counted where they
//! complete, and a heartbeat thread that reports them once a second, so a stalled pool shows up as
//! silence on the pipe. The same thread ends the driver when its parent is gone.
//!
//! The count is kept in 64 cache-line-padded slots chosen by task index, written with relaxed plain
//! loads and stores (no read-modify-write): two workers that race on one slot may lose an increment,
//! which liveness does not mind, and no worker waits for another's cache line on every task.

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering::Relaxed};
use std::time::Duration;

#[repr(align(64))]
struct Slot(AtomicU64);

#[allow(clippy::declare_interior_mutable_const)]
const ZERO: Slot = Slot(AtomicU64::new(0));
static SLOTS: [Slot; 64] = [ZERO; 64];
static MODE: AtomicU8 = AtomicU8::new(IDLE);

/// Nothing in flight: the heartbeat is silent.
pub const IDLE: u8 = 0;
/// A `plan` request (inline work): an `alive` event every second.
pub const PLAN: u8 = 1;
/// A `run` request: a `progress` event every second in which tasks completed.
pub const RUN: u8 = 2;

/// Count one completed task (`index` spreads the counting over the slots).
#[inline]
pub fn tick(index: usize) {
    let slot = &SLOTS[index & 63].0;
    slot.store(slot.load(Relaxed).wrapping_add(1), Relaxed);
}

/// Tasks completed so far (approximately: see the module comment).
pub fn completed() -> u64 {
    SLOTS.iter().map(|s| s.0.load(Relaxed)).fold(0, u64::wrapping_add)
}

/// Set what the heartbeat reports: IDLE, PLAN or RUN.
pub fn set_mode(mode: u8) {
    MODE.store(mode, Relaxed);
}

/// Start the heartbeat thread: every second, exit the process when the parent has changed (parbench is
/// gone), else call `emit` with an `alive` event in PLAN mode or a `progress` event in RUN mode when
/// tasks completed since the last one.
pub fn start_heartbeat(emit: fn(serde_json::Value)) {
    let parent = std::os::unix::process::parent_id();
    std::thread::Builder::new()
        .name("parbench-heartbeat".into())
        .spawn(move || {
            let mut seen = completed();
            loop {
                std::thread::sleep(Duration::from_secs(1));
                if std::os::unix::process::parent_id() != parent {
                    std::process::exit(1);
                }
                let now = completed();
                match MODE.load(Relaxed) {
                    PLAN => emit(serde_json::json!({ "event": "alive" })),
                    RUN if now != seen => emit(serde_json::json!({ "event": "progress", "completed": now })),
                    _ => {}
                }
                seen = now;
            }
        })
        .expect("heartbeat thread");
}
