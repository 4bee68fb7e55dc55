//! parbench's Rust driver: speaks the driver protocol (docs/drivers.md, version 1) over stdio, one JSON
//! request per line on stdin, one JSON reply per request on stdout (events may come before it):
//!
//!   {"op": "hello"} -> {"ok": true, "protocol": 1, "runtime", "suites", "backends"}
//!   {"op": "plan", suite, params, seed, grain, minSampleSeconds, warmup, repeats[, knob][, maxTasks]}
//!   {"op": "run", backend, workers, suite, params, seed, knob, warmup, repeats[, maxTasks]}
//!   {"op": "exit"}
//!
//! A failure replies {"ok": false, "code": "BAD_REQUEST" | "TASK_FAILED", "message": one line}. End of
//! input or `exit` ends the driver; SIGTERM ends it at once (it starts no process, so nothing outlives it).

mod calibrate;
mod execute;
mod measure;
mod pools;
mod progress;

use calibrate::calibrate;
use execute::cap_tasks;
use measure::{measure_backend, measure_sequential, Reps};
use parbench_suites::params::{Params, Value as Param};
use parbench_suites::{with_suite, AnySuite, Knob, Suite, SUITES};
use serde_json::{json, Map, Value};
use std::io::{BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

/// The protocol version this driver speaks (docs/drivers.md).
const PROTOCOL: u64 = 1;

static OUT: Mutex<()> = Mutex::new(());

/// Write one message as one line on stdout, whole, whatever thread sends it.
fn send(message: Value) {
    let _guard = OUT.lock().unwrap_or_else(|e| e.into_inner());
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{message}");
    let _ = out.flush();
}

/// A request's fields, read with one-line errors naming the field.
struct Req<'a>(&'a Map<String, Value>);

impl Req<'_> {
    fn field(&self, name: &str) -> Result<&Value, String> {
        self.0.get(name).filter(|v| !v.is_null()).ok_or_else(|| format!("the request has no \"{name}\""))
    }
    fn number(&self, name: &str) -> Result<f64, String> {
        self.field(name)?.as_f64().ok_or_else(|| format!("\"{name}\" must be a number"))
    }
    fn count(&self, name: &str) -> Result<u64, String> {
        let n = self.number(name)?;
        if n < 0.0 || n.fract() != 0.0 {
            return Err(format!("\"{name}\" must be a whole number, got {n}"));
        }
        Ok(n as u64)
    }
    fn text(&self, name: &str) -> Result<&str, String> {
        self.field(name)?.as_str().ok_or_else(|| format!("\"{name}\" must be a string"))
    }
    fn max_tasks(&self) -> Result<Option<u64>, String> {
        if self.0.get("maxTasks").is_none_or(Value::is_null) {
            return Ok(None);
        }
        self.count("maxTasks").map(Some)
    }
    fn knob(&self) -> Result<Option<Knob>, String> {
        match self.0.get("knob") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(k)) => {
                let k = Req(k);
                Ok(Some(Knob { chunk: k.count("chunk")?, work: k.count("work")? }))
            }
            Some(_) => Err("\"knob\" must be {\"chunk\", \"work\"}".into()),
        }
    }
    fn reps(&self) -> Result<Reps, String> {
        Ok(Reps { warmup: self.count("warmup")?, repeats: self.count("repeats")? })
    }
    fn suite(&self) -> Result<AnySuite, String> {
        let mut params = Params::default();
        if let Some(Value::Object(map)) = self.0.get("params") {
            for (k, v) in map {
                let value = match v {
                    Value::Number(n) => Param::Number(n.as_f64().unwrap_or(f64::NAN)),
                    Value::String(s) => Param::Text(s.clone()),
                    _ => Param::Null,
                };
                params.0.insert(k.clone(), value);
            }
        }
        // The seed as an unsigned 32-bit integer (`seed >>> 0`).
        let seed = self.number("seed")? as i64 as u32;
        AnySuite::build(self.text("suite")?, &params, seed)
    }
}

fn knob_json(knob: Knob) -> Value {
    json!({ "chunk": knob.chunk, "work": knob.work })
}

fn plan<S: Suite>(suite: &S, req: &Req) -> Result<Value, String> {
    let min_sample = req.number("minSampleSeconds")?;
    let (knob, tuned) = match req.knob()? {
        // A fixed knob (the study's workloads): no calibration.
        Some(knob) => (knob, json!({ "perTask": null, "reachable": true, "tunedBy": "chunk" })),
        None => {
            let c = calibrate(suite, req.number("grain")?, min_sample);
            (c.knob, json!({ "perTask": c.per_task, "reachable": c.reachable, "tunedBy": c.tuned_by.name() }))
        }
    };
    let whole = suite.split(knob);
    let capped = cap_tasks(&whole, req.max_tasks()?)?;
    let tasks = capped.as_deref().unwrap_or(&whole);
    let sequential = measure_sequential(suite, tasks, req.reps()?, min_sample);
    let mut reply = json!({ "ok": true, "knob": knob_json(knob), "tasks": tasks.len(), "sequential": sequential });
    let fields = reply.as_object_mut().unwrap();
    fields.extend(tuned.as_object().unwrap().clone());
    if capped.is_some() {
        fields.insert("tasksInSet".into(), json!(whole.len()));
    }
    Ok(reply)
}

fn run<S: Suite>(suite: S, req: &Req) -> Result<Value, String> {
    let knob = req.knob()?.ok_or("the request has no \"knob\"")?;
    let workers = req.count("workers")? as usize;
    let suite = Arc::new(suite);
    let whole = suite.split(knob);
    let tasks = cap_tasks(&whole, req.max_tasks()?)?.unwrap_or(whole);
    let on_repeat = |done: u64, total: u64| send(json!({ "event": "repeat", "done": done, "total": total }));
    let mut timing = measure_backend(req.text("backend")?, workers, suite, tasks, req.reps()?, &on_repeat)?;
    timing.as_object_mut().unwrap().insert("ok".into(), json!(true));
    Ok(timing)
}

fn hello() -> Value {
    json!({
        "ok": true,
        "protocol": PROTOCOL,
        "runtime": { "implementation": "Rust", "version": env!("PARBENCH_RUSTC_VERSION"), "libraries": { "rayon": env!("PARBENCH_RAYON_VERSION") } },
        "suites": SUITES,
        "backends": pools::BACKENDS,
    })
}

fn failure(code: &str, message: &str) -> Value {
    json!({ "ok": false, "code": code, "message": message.lines().next().unwrap_or("unknown error") })
}

fn handle(request: &Map<String, Value>) -> Value {
    let req = Req(request);
    let outcome = match request.get("op").and_then(Value::as_str) {
        Some("hello") => Ok(hello()),
        Some("plan") => req.suite().and_then(|built| with_suite!(built, s => plan(&s, &req))),
        Some("run") => req.suite().and_then(|built| with_suite!(built, s => run(s, &req))),
        other => return failure("BAD_REQUEST", &format!("unknown op {other:?} (allowed: hello, plan, run, exit)")),
    };
    outcome.unwrap_or_else(|message| failure("TASK_FAILED", &message))
}

fn main() {
    progress::start_heartbeat(send);
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let request = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                send(failure("BAD_REQUEST", "a request must be a JSON object"));
                continue;
            }
            Err(e) => {
                send(failure("BAD_REQUEST", &e.to_string()));
                continue;
            }
        };
        let op = request.get("op").and_then(Value::as_str).unwrap_or("");
        if op == "exit" {
            break;
        }
        progress::set_mode(if op == "plan" { progress::PLAN } else { progress::RUN });
        let reply = catch_unwind(AssertUnwindSafe(|| handle(&request))).unwrap_or_else(|panic| {
            let what = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            failure("TASK_FAILED", &format!("the driver panicked: {what}"))
        });
        progress::set_mode(progress::IDLE);
        send(reply);
    }
}
