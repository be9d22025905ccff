//! A small layered (Sugiyama-style) graph layout for the HTML diagram: nodes sit in columns
//! given by the caller, their order in each column is chosen to cross few edges (barycenter
//! sweeps, keeping the best order found), and each node is then placed near the middle of its
//! neighbours without overlapping the others. Edges join neighbouring columns only, which is
//! what the documentation's graph has; the layout refuses anything else.

use crate::error::{Error, Result};

/// What the layout needs to know about a node.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    /// Its column, from the left.
    pub layer: usize,
    /// Kinds drawn in one column stay together, in this order, top to bottom.
    pub group: usize,
    pub width: f64,
    pub height: f64,
}

/// Where the layout put the nodes: each node's top-left corner, and the drawing's size.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub positions: Vec<(f64, f64)>,
    pub width: f64,
    pub height: f64,
}

/// Space between columns, between nodes of a column, and around the drawing.
const COLUMN_GAP: f64 = 96.0;
const ROW_GAP: f64 = 14.0;
const MARGIN: f64 = 16.0;
/// Rounds of downward and upward barycenter sweeps.
const SWEEPS: usize = 12;
/// Rounds of pulling nodes towards their neighbours.
const ALIGN_ROUNDS: usize = 8;

pub fn layout(items: &[Item], edges: &[(usize, usize)]) -> Result<Placement> {
    let layers = items.iter().map(|i| i.layer + 1).max().unwrap_or(0);
    for &(from, to) in edges {
        let (Some(a), Some(b)) = (items.get(from), items.get(to)) else {
            return Err(Error::Internal(format!(
                "diagram edge {from} → {to} names a missing node"
            )));
        };
        if a.layer + 1 != b.layer {
            return Err(Error::Internal(format!(
                "diagram edge {from} → {to} does not join neighbouring columns"
            )));
        }
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for &(from, to) in edges {
        succs[from].push(to);
        preds[to].push(from);
    }

    let mut order: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for (i, item) in items.iter().enumerate() {
        order[item.layer].push(i);
    }
    for column in &mut order {
        column.sort_by_key(|&i| items[i].group);
    }
    let mut best = order.clone();
    let mut best_crossings = crossings(&order, items, &succs);
    for sweep in 0..SWEEPS {
        if best_crossings == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let columns: Vec<usize> = if downward {
            (1..layers).collect()
        } else {
            (0..layers.saturating_sub(1)).rev().collect()
        };
        for l in columns {
            let fixed = if downward { l - 1 } else { l + 1 };
            let rank = ranks(&order[fixed], items.len());
            let neighbours = if downward { &preds } else { &succs };
            let column = &order[l];
            let keyed: Vec<(usize, f64, usize)> = column
                .iter()
                .enumerate()
                .map(|(pos, &n)| {
                    let ns = &neighbours[n];
                    let bary = if ns.is_empty() {
                        pos as f64
                    } else {
                        ns.iter().map(|&m| rank[m] as f64).sum::<f64>() / ns.len() as f64
                    };
                    (items[n].group, bary, n)
                })
                .collect();
            let mut keyed = keyed;
            keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            order[l] = keyed.into_iter().map(|(_, _, n)| n).collect();
        }
        let c = crossings(&order, items, &succs);
        if c < best_crossings {
            best_crossings = c;
            best = order.clone();
        }
    }
    Ok(place(items, &best, &preds, &succs))
}

/// Each node's position in its column.
fn ranks(column: &[usize], n: usize) -> Vec<usize> {
    let mut rank = vec![0; n];
    for (pos, &node) in column.iter().enumerate() {
        rank[node] = pos;
    }
    rank
}

/// How many pairs of edges cross, between every two neighbouring columns: the inversions of
/// the edges' lower ends, taken in the order of their upper ends (counted by merge sort).
fn crossings(order: &[Vec<usize>], items: &[Item], succs: &[Vec<usize>]) -> usize {
    let mut total = 0;
    for l in 0..order.len().saturating_sub(1) {
        let below = ranks(&order[l + 1], items.len());
        let mut ends: Vec<usize> = Vec::new();
        for &n in &order[l] {
            let mut targets: Vec<usize> = succs[n].iter().map(|&m| below[m]).collect();
            targets.sort_unstable();
            ends.extend(targets);
        }
        total += inversions(&mut ends);
    }
    total
}

fn inversions(v: &mut [usize]) -> usize {
    if v.len() < 2 {
        return 0;
    }
    let mid = v.len() / 2;
    let mut count = inversions(&mut v[..mid]) + inversions(&mut v[mid..]);
    let mut merged = Vec::with_capacity(v.len());
    let (mut i, mut j) = (0, mid);
    while i < mid && j < v.len() {
        if v[j] < v[i] {
            count += mid - i;
            merged.push(v[j]);
            j += 1;
        } else {
            merged.push(v[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..]);
    v.copy_from_slice(&merged);
    count
}

/// Columns left to right; in each, nodes pulled towards the middle of their neighbours,
/// keeping their order and a gap between them.
fn place(
    items: &[Item],
    order: &[Vec<usize>],
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
) -> Placement {
    let mut x = vec![0.0; items.len()];
    let mut left = MARGIN;
    for column in order {
        let width = column.iter().map(|&n| items[n].width).fold(0.0, f64::max);
        for &n in column {
            x[n] = left + (width - items[n].width) / 2.0;
        }
        left += width + COLUMN_GAP;
    }
    // Centres, first stacked from the top.
    let mut y = vec![0.0; items.len()];
    for column in order {
        let mut top = MARGIN;
        for &n in column {
            y[n] = top + items[n].height / 2.0;
            top += items[n].height + ROW_GAP;
        }
    }
    for round in 0..ALIGN_ROUNDS {
        let columns: Vec<usize> = if round % 2 == 0 {
            (0..order.len()).collect()
        } else {
            (0..order.len()).rev().collect()
        };
        for l in columns {
            let column = &order[l];
            let wanted: Vec<f64> = column
                .iter()
                .map(|&n| {
                    let ns: Vec<usize> = preds[n].iter().chain(&succs[n]).copied().collect();
                    if ns.is_empty() {
                        y[n]
                    } else {
                        ns.iter().map(|&m| y[m]).sum::<f64>() / ns.len() as f64
                    }
                })
                .collect();
            pack(column, &wanted, items, &mut y);
        }
    }
    let top = order
        .iter()
        .flatten()
        .map(|&n| y[n] - items[n].height / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = if top.is_finite() { MARGIN - top } else { 0.0 };
    let positions: Vec<(f64, f64)> = items
        .iter()
        .enumerate()
        .map(|(n, item)| (x[n], y[n] + shift - item.height / 2.0))
        .collect();
    let width = (left - COLUMN_GAP + MARGIN).max(2.0 * MARGIN);
    let height = positions
        .iter()
        .zip(items)
        .map(|((_, top), item)| top + item.height)
        .fold(0.0, f64::max)
        + MARGIN;
    Placement {
        positions: positions.into_iter().map(|(a, b)| (round2(a), round2(b))).collect(),
        width: round2(width),
        height: round2(height.max(2.0 * MARGIN)),
    }
}

/// Places a column's centres as near `wanted` as their order and gaps allow: pushed down
/// where they would overlap, then the whole run shifted back up by the average it moved, never
/// above the margin.
fn pack(column: &[usize], wanted: &[f64], items: &[Item], y: &mut [f64]) {
    let mut placed: Vec<f64> = Vec::with_capacity(column.len());
    for (k, &n) in column.iter().enumerate() {
        let mut c = wanted[k];
        if let Some(&prev) = placed.last() {
            let p = column[k - 1];
            let min = prev + items[p].height / 2.0 + ROW_GAP + items[n].height / 2.0;
            c = c.max(min);
        }
        placed.push(c);
    }
    let drift = placed
        .iter()
        .zip(wanted)
        .map(|(p, w)| p - w)
        .sum::<f64>()
        / placed.len().max(1) as f64;
    let first_top = column
        .first()
        .map_or(0.0, |&n| placed[0] - items[n].height / 2.0);
    let up = drift.min(first_top - MARGIN).max(0.0);
    for (k, &n) in column.iter().enumerate() {
        y[n] = placed[k] - up;
    }
}

/// Coordinates to hundredths, so the SVG's text is short and the same on every machine.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(layer: usize) -> Item {
        Item {
            layer,
            group: 0,
            width: 100.0,
            height: 30.0,
        }
    }

    #[test]
    fn orders_columns_to_remove_crossings() {
        // a→d, b→c drawn in input order cross once; swapping fixes it.
        let items = [item(0), item(0), item(1), item(1)];
        let edges = [(0, 3), (1, 2)];
        let before = crossings(&[vec![0, 1], vec![2, 3]], &items, &[vec![3], vec![2], vec![], vec![]]);
        assert_eq!(before, 1);
        let p = layout(&items, &edges).unwrap();
        let (ya, yb) = (p.positions[0].1, p.positions[1].1);
        let (yc, yd) = (p.positions[2].1, p.positions[3].1);
        assert_eq!(ya < yb, yd < yc, "edges keep their order, so none cross");
    }

    #[test]
    fn nodes_never_overlap_and_columns_go_left_to_right() {
        let mut items = vec![item(0)];
        items.extend((0..6).map(|_| item(1)));
        let edges: Vec<(usize, usize)> = (1..7).map(|n| (0, n)).collect();
        let p = layout(&items, &edges).unwrap();
        let mut tops: Vec<f64> = p.positions[1..].iter().map(|&(_, y)| y).collect();
        tops.sort_by(f64::total_cmp);
        for w in tops.windows(2) {
            assert!(w[1] - w[0] >= 30.0 + ROW_GAP - 0.01, "{tops:?}");
        }
        assert!(p.positions[1].0 > p.positions[0].0 + 100.0);
        assert!(p.positions.iter().all(|&(x, y)| x >= MARGIN && y >= MARGIN - 0.01));
        assert!(p.height >= tops[5] + 30.0);
    }

    #[test]
    fn edges_that_skip_a_column_are_refused() {
        let items = [item(0), item(2)];
        assert!(layout(&items, &[(0, 1)]).is_err());
    }

    #[test]
    fn counts_inversions() {
        assert_eq!(inversions(&mut [3, 1, 2]), 2);
        assert_eq!(inversions(&mut [1, 2, 3]), 0);
        assert_eq!(inversions(&mut [3, 2, 1]), 3);
    }
}
