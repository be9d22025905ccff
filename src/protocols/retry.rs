//! When to try a request again, and how long to wait first: exponential backoff on 429 and
//! 5xx answers, honouring the server's `Retry-After`, bounded in count and in time.

use std::time::{Duration, SystemTime};

/// Timeouts and retries. Every wait derives from `backoff`, so one setting makes a test run
/// fast without changing what is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The most one request may take, from connecting to the end of the answer.
    pub timeout: Duration,
    /// The first wait before a retry; each later one doubles.
    pub backoff: Duration,
    /// Tries of one request, the first included.
    pub attempts: u32,
}

/// No single wait, even one the server asks for, exceeds this many times `backoff`.
const MAX_WAIT_FACTOR: u32 = 60;

/// Retrying stops before the waits of one request add up to more than this many times
/// `backoff`. Waits, not requests, are counted: each request is bounded by `timeout`, and
/// the count of tries by `attempts`.
const BUDGET_FACTOR: u32 = 240;

impl Default for Policy {
    /// 30 s per request; waits of 0.5, 1, 2 and 4 s (or what the server asks, up to 30 s);
    /// five tries; at most two minutes of waiting in all.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            backoff: Duration::from_millis(500),
            attempts: 5,
        }
    }
}

impl Policy {
    /// The wait before try number `next` (2 for the first retry), given the waits so far and
    /// what the server asked for, or `None` when no retry is left: out of tries, or the wait
    /// would pass the time budget.
    pub fn wait(&self, next: u32, waited: Duration, asked: Option<Duration>) -> Option<Duration> {
        if next > self.attempts {
            return None;
        }
        let doubling = 1u32 << next.saturating_sub(2).min(16);
        let backoff = self.backoff.saturating_mul(doubling);
        let cap = self.backoff.saturating_mul(MAX_WAIT_FACTOR);
        let wait = asked.map_or(backoff, |a| a.max(backoff)).min(cap);
        let budget = self.backoff.saturating_mul(BUDGET_FACTOR);
        (waited.saturating_add(wait) <= budget).then_some(wait)
    }
}

/// A `Retry-After` header: a number of seconds, or an HTTP date (IMF-fixdate, RFC 9110).
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(value: &str) -> Option<SystemTime> {
    let (_, rest) = value.split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let clock: Vec<i64> = time
        .split(':')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [h, m, s] = clock.as_slice() else {
        return None;
    };
    let valid = (1..=31).contains(&day)
        && (1970..=9999).contains(&year)
        && (0..24).contains(h)
        && (0..60).contains(m)
        && (0..=60).contains(s);
    if !valid {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn waits_double_and_are_bounded_in_count() {
        let p = Policy::default();
        let waits: Vec<Option<Duration>> = (2..=6).map(|n| p.wait(n, ms(0), None)).collect();
        assert_eq!(
            waits,
            [
                Some(ms(500)),
                Some(ms(1000)),
                Some(ms(2000)),
                Some(ms(4000)),
                None
            ]
        );
    }

    #[test]
    fn the_server_is_honoured_up_to_the_cap() {
        let p = Policy::default();
        assert_eq!(p.wait(2, ms(0), Some(ms(7000))), Some(ms(7000)));
        // Never shorter than the backoff, never longer than 60 times it.
        assert_eq!(p.wait(3, ms(0), Some(ms(1))), Some(ms(1000)));
        assert_eq!(
            p.wait(2, ms(0), Some(Duration::from_secs(3600))),
            Some(ms(30_000))
        );
    }

    #[test]
    fn retrying_stops_when_the_time_budget_is_spent() {
        let p = Policy::default();
        assert_eq!(p.wait(2, ms(119_000), Some(ms(2000))), None);
        assert_eq!(p.wait(2, ms(110_000), Some(ms(2000))), Some(ms(2000)));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_770);
        assert_eq!(retry_after(" 12 ", now), Some(Duration::from_secs(12)));
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example).
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(
                "Sun, 06 Nov 1994 08:49:37 GMT",
                now + Duration::from_secs(60)
            ),
            Some(Duration::ZERO)
        );
        for bad in [
            "soon",
            "-1",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:00:00 GMT",
        ] {
            assert_eq!(retry_after(bad, now), None, "{bad}");
        }
    }

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    }
}
