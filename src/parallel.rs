//! Independent work spread over the machine's cores, results in order: a plan of 10,000
//! events is tens of thousands of declarations that generate on their own.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// Below this many items a thread costs more than it saves.
const MIN_PER_THREAD: usize = 256;

/// Items a thread claims at a time. Shares fixed in advance finished up to a third apart: the
/// threads share the cores with other work (Rust's module shell is made beside its
/// declarations), and the first done sat idle. Claimed as they go, they finish together.
const CHUNK: usize = 32;

/// `f` applied to each item, in order, the items shared between the available cores.
#[cfg(any(feature = "typescript", feature = "swift", test))]
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, || (), |(), item| f(item))
}

/// [`map`], each thread with a state of its own that `init` makes: what the work remembers as
/// it goes (a cache), kept on its thread rather than shared between them.
pub fn map_with<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    in_chunks(threads_for(items.len()), || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= items.len() {
                return done;
            }
            let chunk = &items[start..(start + CHUNK).min(items.len())];
            done.push((
                start,
                chunk.iter().map(|item| f(&mut state, item)).collect(),
            ));
        }
    })
}

/// `f` applied to each item, in order, as [`map`] does, but taking the items: each is dropped
/// on the thread that used it, so that freeing them is shared out too.
pub fn map_into<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    let queue = Mutex::new(items.into_iter().enumerate());
    in_chunks(threads, || {
        let mut done = Vec::new();
        loop {
            // Nothing panics while the queue is held, so it is never poisoned.
            let chunk: Vec<(usize, T)> = queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .by_ref()
                .take(CHUNK)
                .collect();
            let Some(&(start, _)) = chunk.first() else {
                return done;
            };
            done.push((start, chunk.into_iter().map(|(_, item)| f(item)).collect()));
        }
    })
}

/// How many threads share `items` items: one per core, each with enough work to pay for it.
fn threads_for(items: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    cores.min(items / MIN_PER_THREAD).max(1)
}

/// `work` on `threads` threads (the calling thread one of them), each giving the chunks it
/// did, by the index of their first item; all the chunks' results in the items' order, and
/// the other threads' tallies counted as the caller's.
fn in_chunks<R: Send>(threads: usize, work: impl Fn() -> Vec<(usize, Vec<R>)> + Sync) -> Vec<R> {
    let work = &work;
    let mut chunks = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads)
            .map(|_| scope.spawn(move || (work(), crate::work::hand_over())))
            .collect();
        let mut chunks = work();
        for handle in others {
            match handle.join() {
                Ok((done, tally)) => {
                    crate::work::receive(tally);
                    chunks.extend(done);
                }
                // A panic in a thread is the caller's, as if the work had been done in line.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        chunks
    });
    chunks.sort_unstable_by_key(|(start, _)| *start);
    let mut out = Vec::with_capacity(chunks.iter().map(|(_, results)| results.len()).sum());
    for (_, results) in chunks {
        out.extend(results);
    }
    out
}

/// `a` on a thread of its own while the caller does `b`: two independent pieces of work
/// that would otherwise leave a core idle, both results.
pub fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let a = scope.spawn(|| (a(), crate::work::hand_over()));
        let b = b();
        match a.join() {
            Ok((a, tally)) => {
                crate::work::receive(tally);
                (a, b)
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<usize> = (0..10_000).collect();
        let out = super::map(&items, |i| i * 2);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |b| *b).is_empty());
        let owned: Vec<String> = items.iter().map(ToString::to_string).collect();
        let lengths = super::map_into(owned, |s| s.len());
        assert_eq!(
            lengths,
            items
                .iter()
                .map(|i| i.to_string().len())
                .collect::<Vec<_>>()
        );
        assert!(super::map_into(Vec::<u8>::new(), |b| b).is_empty());
        // A state per thread, not per chunk or item (a thread that starts late may find
        // nothing left), and the results still in order.
        let seen = super::map_with(&items, Vec::new, |mine: &mut Vec<usize>, &i| {
            mine.push(i);
            (i, mine.len())
        });
        assert_eq!(seen.iter().map(|(i, _)| *i).collect::<Vec<_>>(), items);
        let fresh_states = seen.iter().filter(|(_, n)| *n == 1).count();
        assert!((1..=super::threads_for(items.len())).contains(&fresh_states));
    }

    #[test]
    fn join_gives_both_results_and_counts_both_threads_work() {
        crate::work::take();
        let (a, b) = super::join(
            || {
                crate::work::step(2);
                "a"
            },
            || {
                crate::work::step(3);
                "b"
            },
        );
        assert_eq!((a, b), ("a", "b"));
        assert_eq!(crate::work::take(), 5);
    }
}
