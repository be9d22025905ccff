//! Independent work spread over the machine's cores, results in order: a plan of 10,000
//! events is tens of thousands of declarations that generate on their own.

/// Below this many items a thread costs more than it saves.
const MIN_PER_THREAD: usize = 256;

/// `f` applied to each item, in order, the items shared between the available cores (the
/// calling thread takes the first share).
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = cores.min(items.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let share = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let mut shares = items.chunks(share);
        let first = shares.next().unwrap_or_default();
        let others: Vec<_> = shares
            .map(|chunk| {
                scope.spawn(move || {
                    let results = chunk.iter().map(f).collect::<Vec<R>>();
                    (results, crate::work::take())
                })
            })
            .collect();
        let mut out: Vec<R> = first.iter().map(f).collect();
        for handle in others {
            match handle.join() {
                Ok((results, steps)) => {
                    // The caller counts the work done on its behalf.
                    crate::work::step(steps);
                    out.extend(results);
                }
                // A panic in a share is the caller's, as if the work had been done in line.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
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
    }
}
