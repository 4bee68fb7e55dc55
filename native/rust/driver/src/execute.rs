//! Running a task set without a pool: inline (the sequential reference and calibration, into output
//! preallocated once where the suite has an inline form), the task cap's sample, and the write-once
//! result slots the rayon executor fills from many threads. Nothing here reads a clock.

use parbench_suites::suite::{execute_inline, Suite, Task};
use std::cell::UnsafeCell;
use std::hint::black_box;
use std::mem::MaybeUninit;

/// `count` tasks to time, as sampleTasks (src/runner/calibrate.ts): evenly spread over an independent
/// set (task floor((i + 0.5) · n / count)), otherwise the whole set (whose prefix the caller runs).
pub fn sample_tasks<P: Clone>(tasks: &[Task<P>], count: usize) -> Vec<Task<P>> {
    if count >= tasks.len() || tasks.iter().any(|t| !t.deps.is_empty()) {
        return tasks.to_vec();
    }
    let n = tasks.len() as f64;
    (0..count).map(|i| tasks[((i as f64 + 0.5) * n / count as f64).floor() as usize].clone()).collect()
}

/// The tasks a point runs under `cap`, as capTasks (src/runner/task-cap.ts): None when the cap keeps
/// every task, else `cap` tasks evenly spread over an independent set or the first `cap` of a graph.
/// An error for a cap below 1.
pub fn cap_tasks<P: Clone>(tasks: &[Task<P>], cap: Option<u64>) -> Result<Option<Vec<Task<P>>>, String> {
    match cap {
        None => Ok(None),
        Some(cap) if cap as usize >= tasks.len() => Ok(None),
        Some(0) => Err("the task cap must be at least 1 task, got 0".into()),
        Some(cap) => {
            let cap = cap as usize;
            if tasks.iter().any(|t| !t.deps.is_empty()) {
                Ok(Some(tasks[..cap].to_vec()))
            } else {
                Ok(Some(sample_tasks(tasks, cap)))
            }
        }
    }
}

/// Runs one task set inline again and again: into one preallocated buffer when the suite has an inline
/// form and the tasks are independent (the kernel's time, not the allocator's), else through `kernel`.
pub struct InlineRunner<'a, S: Suite> {
    suite: &'a S,
    tasks: &'a [Task<S::Payload>],
    starts: Option<Vec<usize>>,
    out: Vec<f64>,
    scalars: Vec<i32>,
}

impl<'a, S: Suite> InlineRunner<'a, S> {
    /// A runner over `tasks`; allocates the inline output once.
    pub fn new(suite: &'a S, tasks: &'a [Task<S::Payload>]) -> Self {
        let independent = tasks.iter().all(|t| t.deps.is_empty());
        let lens: Option<Vec<usize>> = if independent { tasks.iter().map(|t| suite.inline_len(&t.payload)).collect() } else { None };
        let starts = lens.map(|lens| {
            let mut starts = vec![0usize; lens.len() + 1];
            for (i, len) in lens.iter().enumerate() {
                starts[i + 1] = starts[i] + len;
            }
            starts
        });
        let total = starts.as_ref().map_or(0, |s| *s.last().unwrap());
        InlineRunner { suite, tasks, out: vec![0.0; total], scalars: vec![0; tasks.len()], starts }
    }

    /// One pass over the tasks.
    pub fn run(&mut self) {
        match &self.starts {
            Some(starts) => {
                for (i, task) in self.tasks.iter().enumerate() {
                    self.scalars[i] = self.suite.kernel_into(&task.payload, &mut self.out[starts[i]..starts[i + 1]]);
                }
                black_box(&mut self.out);
                black_box(&mut self.scalars);
            }
            None => {
                black_box(execute_inline(self.suite, self.tasks));
            }
        }
    }

    /// The results of one pass, as `kernel` returns them (runs the tasks once more without an inline form).
    pub fn results(&mut self) -> Vec<S::Output> {
        match &self.starts {
            Some(starts) => self.tasks.iter().enumerate().map(|(i, t)| self.suite.inline_result(&t.payload, &self.out[starts[i]..starts[i + 1]], self.scalars[i])).collect(),
            None => execute_inline(self.suite, self.tasks),
        }
    }
}

/// Write-once result slots filled by index from many threads.
///
/// Safety contract (upheld by the executors that use it): every slot is written exactly once, by one
/// task; a slot is read only after its write happened-before the read (rayon's join and the end of a
/// parallel iteration give that); `into_vec` is called only once every slot is written.
pub struct Slots<T> {
    cells: Vec<UnsafeCell<MaybeUninit<T>>>,
}

// SAFETY: distinct threads write distinct slots; reads follow writes through the executor's own
// synchronisation (see the contract above).
unsafe impl<T: Send + Sync> Sync for Slots<T> {}

impl<T> Slots<T> {
    /// `n` empty slots.
    pub fn new(n: usize) -> Self {
        Slots { cells: (0..n).map(|_| UnsafeCell::new(MaybeUninit::uninit())).collect() }
    }

    /// Write slot `i`. Safety: slot `i` is written by no other call.
    #[inline]
    pub unsafe fn set(&self, i: usize, value: T) {
        (*self.cells[i].get()).write(value);
    }

    /// Read slot `i`. Safety: its write happened-before this call.
    #[inline]
    pub unsafe fn get(&self, i: usize) -> &T {
        (*self.cells[i].get()).assume_init_ref()
    }

    /// The values in slot order, without copying. Safety: every slot has been written.
    pub unsafe fn into_vec(self) -> Vec<T> {
        let mut cells = std::mem::ManuallyDrop::new(self.cells);
        // UnsafeCell<MaybeUninit<T>> has the layout of T (both wrappers are repr(transparent)).
        Vec::from_raw_parts(cells.as_mut_ptr() as *mut T, cells.len(), cells.capacity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(n: usize, graph: bool) -> Vec<Task<usize>> {
        (0..n).map(|i| Task { payload: i, deps: if graph && i > 0 { vec![i - 1] } else { vec![] } }).collect()
    }

    #[test]
    fn a_cap_spreads_independent_tasks_and_takes_a_prefix_of_a_graph() {
        let picked = |tasks: Option<Vec<Task<usize>>>| tasks.unwrap().iter().map(|t| t.payload).collect::<Vec<_>>();
        // floor((i + 0.5) * 10 / 4) for i = 0..3
        assert_eq!(picked(cap_tasks(&set(10, false), Some(4)).unwrap()), vec![1, 3, 6, 8]);
        assert_eq!(picked(cap_tasks(&set(10, true), Some(4)).unwrap()), vec![0, 1, 2, 3]);
        assert!(cap_tasks(&set(10, false), Some(10)).unwrap().is_none());
        assert!(cap_tasks(&set(10, false), None).unwrap().is_none());
        assert!(cap_tasks(&set(10, false), Some(0)).is_err());
    }
}
