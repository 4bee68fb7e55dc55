//! rust-threads: a plain pool of W std threads over a channel (the textbook pool): the driver sends each
//! ready task, with its payload and its inputs' results, to a job channel the workers share; a worker
//! runs the kernel and sends the result back over a result channel; the driver stores it and sends the
//! tasks it made ready. The suite's input reaches each worker once, when the pool opens.

use super::{Done, Executor, Prepared};
use crate::progress::tick;
use parbench_suites::suite::{with_refs, Suite};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Barrier, Mutex};
use std::thread::JoinHandle;

type Job<S> = (usize, <S as Suite>::Payload, Vec<<S as Suite>::Output>);
type Reply<S> = (usize, Result<<S as Suite>::Output, String>);

/// An open pool: the job channel's sender, the result channel's receiver and the workers.
pub struct ThreadPool<S: Suite> {
    jobs: Option<Sender<Job<S>>>,
    results: Receiver<Reply<S>>,
    workers: Vec<JoinHandle<()>>,
}

fn work<S: Suite>(suite: Arc<S>, jobs: Arc<Mutex<Receiver<Job<S>>>>, results: Sender<Reply<S>>, ready: Arc<Barrier>) {
    ready.wait();
    loop {
        let job = jobs.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ()));
        let Ok((i, payload, inputs)) = job else { return };
        let out = catch_unwind(AssertUnwindSafe(|| with_refs(&inputs, |refs| suite.kernel(&payload, refs)))).map_err(|_| format!("task {i} panicked"));
        if results.send((i, out)).is_err() {
            return;
        }
    }
}

impl<S: Suite> ThreadPool<S> {
    /// Start `workers` threads, each holding the suite, and wait until all of them run.
    pub fn open(workers: usize, suite: Arc<S>) -> Result<Self, String> {
        let (job_tx, job_rx) = channel::<Job<S>>();
        let (result_tx, result_rx) = channel::<Reply<S>>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let ready = Arc::new(Barrier::new(workers + 1));
        let mut handles = Vec::with_capacity(workers);
        for w in 0..workers {
            let (suite, jobs, results, ready) = (suite.clone(), job_rx.clone(), result_tx.clone(), ready.clone());
            let handle = std::thread::Builder::new().name(format!("parbench-thread-{w}")).spawn(move || work(suite, jobs, results, ready));
            handles.push(handle.map_err(|e| format!("cannot start a worker thread: {e}"))?);
        }
        ready.wait();
        Ok(ThreadPool { jobs: Some(job_tx), results: result_rx, workers: handles })
    }

    fn send(&self, prepared: &Prepared<S::Payload>, results: &[Option<S::Output>], i: usize) -> Result<(), String> {
        let task = &prepared.tasks[i];
        let inputs = task.deps.iter().map(|&d| results[d].clone().expect("inputs are done")).collect();
        self.jobs.as_ref().expect("open").send((i, task.payload.clone(), inputs)).map_err(|_| "the pool's workers are gone".to_string())
    }
}

impl<S: Suite> Executor<S> for ThreadPool<S> {
    fn execute(&mut self, prepared: &Prepared<S::Payload>) -> Result<Done<S::Output>, String> {
        let n = prepared.tasks.len();
        let mut results: Vec<Option<S::Output>> = (0..n).map(|_| None).collect();
        let mut waiting = prepared.waiting.clone();
        for i in prepared.roots_ready() {
            self.send(prepared, &results, i)?;
        }
        for _ in 0..n {
            let (i, out) = self.results.recv().map_err(|_| "the pool's workers are gone".to_string())?;
            results[i] = Some(out?);
            tick(i);
            for &j in &prepared.dependents[i] {
                waiting[j] -= 1;
                if waiting[j] == 0 {
                    self.send(prepared, &results, j)?;
                }
            }
        }
        Ok(Done::Options(results))
    }

    fn close(mut self: Box<Self>) {
        self.jobs = None;
        for handle in self.workers.drain(..) {
            let _ = handle.join();
        }
    }
}
