//! Values made once and kept, whose making may itself use the thread pool (the candidate
//! index is built in parallel). `OnceLock::get_or_init` holds every other caller until the
//! value is made: a pool thread held so while the thread making the value waits for the
//! pool's help never frees itself, and a pool thread that takes up, while it waits, a task
//! asking for the same value waits on itself. So the value is made outside the lock.

use std::sync::OnceLock;

/// `cell`'s value, made by `make` when it has none. Threads that ask before it is stored
/// each make it (`make` must make the same value every time); the first one stored is
/// kept.
pub fn get_or_make<T>(cell: &OnceLock<T>, make: impl FnOnce() -> T) -> &T {
    if let Some(value) = cell.get() {
        return value;
    }
    let made = make();
    cell.get_or_init(|| made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    /// The sum of 0..10,000, made on the pool.
    fn made_on_the_pool() -> u64 {
        (0..10_000u64).into_par_iter().sum()
    }

    #[test]
    fn a_value_made_on_the_pool_from_outside_it_while_the_pool_asks_for_it() {
        // A thread outside the pool starts making the value (on the pool) while every pool
        // thread asks for it: held on the cell, the pool could never make it
        // (`OnceLock::get_or_init` hangs here). Watched, so that a hang fails the test.
        let (done, finished) = mpsc::channel();
        std::thread::spawn(move || {
            let cell: OnceLock<u64> = OnceLock::new();
            let started = AtomicBool::new(false);
            let (outside, inside) = std::thread::scope(|s| {
                let outside = s.spawn(|| {
                    *get_or_make(&cell, || {
                        started.store(true, Ordering::SeqCst);
                        made_on_the_pool()
                    })
                });
                let inside: Vec<u64> = (0..4 * rayon::current_num_threads())
                    .into_par_iter()
                    .map(|_| {
                        while !started.load(Ordering::SeqCst) {
                            std::hint::spin_loop();
                        }
                        *get_or_make(&cell, made_on_the_pool)
                    })
                    .collect();
                (outside.join().unwrap_or(0), inside)
            });
            let _ = done.send((outside, inside, cell.get().copied()));
        });
        let (outside, inside, kept) = finished
            .recv_timeout(Duration::from_secs(120))
            .expect("the value is made within two minutes");
        assert_eq!(outside, 49_995_000);
        assert!(inside.iter().all(|&v| v == 49_995_000));
        assert_eq!(kept, Some(49_995_000));
    }

    #[test]
    fn a_value_already_made_is_not_made_again() {
        let cell = OnceLock::new();
        assert_eq!(*get_or_make(&cell, || 3), 3);
        assert_eq!(*get_or_make(&cell, || 7), 3);
    }
}
