//! Independent work spread over the machine's cores, results in order: a plan of 10,000
//! events is tens of thousands of declarations that generate on their own.

/// Below this many items a thread costs more than it saves.
const MIN_PER_THREAD: usize = 256;

/// `f` applied to each item, in order, the items shared between the available cores (the
/// calling thread takes the first share).
#[cfg(any(feature = "typescript", feature = "swift", test))]
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, || (), |(), item| f(item))
}

/// [`map`], each share with a state of its own that `init` makes: what the work remembers as
/// it goes (a cache), kept on its thread rather than shared between them.
pub fn map_with<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let threads = threads_for(items.len());
    let share = items.len().div_ceil(threads).max(1);
    run_shares(items.chunks(share), |share| {
        let mut state = init();
        share.iter().map(|item| f(&mut state, item)).collect()
    })
}

/// `f` applied to each item, in order, as [`map`] does, but taking the items: each is dropped
/// on the thread that used it, so that freeing them is shared out too.
pub fn map_into<T: Send, R: Send>(mut items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let share = items.len().div_ceil(threads);
    let mut shares = Vec::with_capacity(threads);
    while items.len() > share {
        let rest = items.split_off(share);
        shares.push(std::mem::replace(&mut items, rest));
    }
    shares.push(items);
    run_shares(shares, |share| share.into_iter().map(&f).collect())
}

/// How many threads share `items` items: one per core, each with enough work to pay for it.
fn threads_for(items: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    cores.min(items / MIN_PER_THREAD).max(1)
}

/// `run` over each share, the first on the calling thread and each other on a thread of its
/// own; the results in the shares' order, and the other threads' tallies counted as the
/// caller's.
fn run_shares<S: Send, R: Send>(
    shares: impl IntoIterator<Item = S>,
    run: impl Fn(S) -> Vec<R> + Sync,
) -> Vec<R> {
    let run = &run;
    std::thread::scope(|scope| {
        let mut shares = shares.into_iter();
        let first = shares.next();
        let others: Vec<_> = shares
            .map(|share| scope.spawn(move || (run(share), crate::work::hand_over())))
            .collect();
        let mut out = first.map(run).unwrap_or_default();
        for handle in others {
            match handle.join() {
                Ok((results, tally)) => {
                    crate::work::receive(tally);
                    out.extend(results);
                }
                // A panic in a share is the caller's, as if the work had been done in line.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
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
