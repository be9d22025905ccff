//! A small layered (Sugiyama-style) graph layout for the HTML diagram: nodes sit in columns
//! given by the caller, their order in each column is chosen to cross few edges (barycenter
//! sweeps, keeping the best order found), and each node is then placed near the middle of its
//! neighbours without overlapping the others. Edges join neighbouring columns only, which is
//! what the documentation's graph has; the layout refuses anything else.
//!
//! Primary edges (memberships) decide the order and the placement; secondary ones
//! (recommended sources and destinations, which join nearly everything) only place the nodes
//! that have no primary edge, so they do not pull the structure into a tangle.

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

/// An edge, from a node in one column to a node in the next.
#[derive(Clone, Copy, Debug)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub primary: bool,
}

pub fn layout(items: &[Item], links: &[Link]) -> Result<Placement> {
    let layers = items.iter().map(|i| i.layer + 1).max().unwrap_or(0);
    for &Link { from, to, .. } in links {
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
    let (preds, succs) = neighbours(items.len(), links);

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

/// Each node's neighbours in the previous and the next column: those joined by primary
/// edges, or, for a node with none, those joined by secondary ones.
fn neighbours(n: usize, links: &[Link]) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut has_primary = vec![false; n];
    for l in links.iter().filter(|l| l.primary) {
        has_primary[l.from] = true;
        has_primary[l.to] = true;
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for l in links {
        if l.primary || !has_primary[l.from] {
            succs[l.from].push(l.to);
        }
        if l.primary || !has_primary[l.to] {
            preds[l.to].push(l.from);
        }
    }
    (preds, succs)
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

/// Columns left to right. The tallest column is stacked from the top; every other column,
/// from the tallest outwards, puts each node at the middle of its neighbours on the side
/// already placed, keeping its order and a gap between nodes, and within the tallest
/// column's height where it can.
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
    let stacked = |column: &[usize]| -> f64 {
        column
            .iter()
            .map(|&n| items[n].height + ROW_GAP)
            .sum::<f64>()
            - ROW_GAP
    };
    // Centres of nodes.
    let mut y = vec![0.0; items.len()];
    let anchor = (0..order.len())
        .max_by(|&a, &b| {
            stacked(&order[a])
                .total_cmp(&stacked(&order[b]))
                .then(b.cmp(&a))
        })
        .unwrap_or(0);
    let bottom = MARGIN + order.get(anchor).map_or(0.0, |c| stacked(c));
    let mut top = MARGIN;
    for &n in order.get(anchor).map_or(&[][..], Vec::as_slice) {
        y[n] = top + items[n].height / 2.0;
        top += items[n].height + ROW_GAP;
    }
    let right = (anchor + 1..order.len()).map(|l| (l, preds));
    let left_side = (0..anchor).rev().map(|l| (l, succs));
    for (l, placed_side) in right.chain(left_side) {
        let column = &order[l];
        let wanted: Vec<f64> = column
            .iter()
            .enumerate()
            .map(|(k, &n)| {
                let ns = &placed_side[n];
                if ns.is_empty() {
                    MARGIN + items[n].height / 2.0 + k as f64 * (items[n].height + ROW_GAP)
                } else {
                    ns.iter().map(|&m| y[m]).sum::<f64>() / ns.len() as f64
                }
            })
            .collect();
        pack(column, &wanted, items, bottom, &mut y);
    }
    let positions: Vec<(f64, f64)> = items
        .iter()
        .enumerate()
        .map(|(n, item)| (x[n], y[n] - item.height / 2.0))
        .collect();
    let width = (left - COLUMN_GAP + MARGIN).max(2.0 * MARGIN);
    let height = positions
        .iter()
        .zip(items)
        .map(|((_, top), item)| top + item.height)
        .fold(0.0, f64::max)
        + MARGIN;
    Placement {
        positions: positions
            .into_iter()
            .map(|(a, b)| (round2(a), round2(b)))
            .collect(),
        width: round2(width),
        height: round2(height.max(2.0 * MARGIN)),
    }
}

/// Places a column's centres as near `wanted` as their order and gaps allow: pushed down
/// where they would overlap, then the column lifted back above `bottom` if it ran past it,
/// never above the top margin.
fn pack(column: &[usize], wanted: &[f64], items: &[Item], bottom: f64, y: &mut [f64]) {
    let mut prev_bottom = MARGIN - ROW_GAP;
    for (k, &n) in column.iter().enumerate() {
        let half = items[n].height / 2.0;
        let c = wanted[k].max(prev_bottom + ROW_GAP + half);
        y[n] = c;
        prev_bottom = c + half;
    }
    let overrun = prev_bottom - bottom;
    if overrun <= 0.0 {
        return;
    }
    // Lift from the bottom up, each node no higher than the gap to the one above allows.
    let mut limit = bottom;
    for &n in column.iter().rev() {
        let half = items[n].height / 2.0;
        let c = y[n].min(limit - half);
        y[n] = c;
        limit = c - half - ROW_GAP;
    }
    // Lifting may have pushed the top above the margin: push down again where it did.
    let mut prev_bottom = MARGIN - ROW_GAP;
    for &n in column {
        let half = items[n].height / 2.0;
        y[n] = y[n].max(prev_bottom + ROW_GAP + half);
        prev_bottom = y[n] + half;
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

    fn link(from: usize, to: usize) -> Link {
        Link {
            from,
            to,
            primary: true,
        }
    }

    #[test]
    fn secondary_edges_only_place_nodes_without_primary_ones() {
        let links = [
            link(0, 2),
            Link {
                from: 1,
                to: 2,
                primary: false,
            },
            Link {
                from: 1,
                to: 3,
                primary: false,
            },
        ];
        let (preds, succs) = neighbours(4, &links);
        assert_eq!(preds[2], [0], "node 2 has a primary edge");
        assert_eq!(preds[3], [1]);
        assert_eq!(succs[1], [2, 3], "node 1 has none");
    }

    #[test]
    fn orders_columns_to_remove_crossings() {
        // a→d, b→c drawn in input order cross once; swapping fixes it.
        let items = [item(0), item(0), item(1), item(1)];
        let edges = [link(0, 3), link(1, 2)];
        let before = crossings(
            &[vec![0, 1], vec![2, 3]],
            &items,
            &[vec![3], vec![2], vec![], vec![]],
        );
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
        let edges: Vec<Link> = (1..7).map(|n| link(0, n)).collect();
        let p = layout(&items, &edges).unwrap();
        let mut tops: Vec<f64> = p.positions[1..].iter().map(|&(_, y)| y).collect();
        tops.sort_by(f64::total_cmp);
        for w in tops.windows(2) {
            assert!(w[1] - w[0] >= 30.0 + ROW_GAP - 0.01, "{tops:?}");
        }
        assert!(p.positions[1].0 > p.positions[0].0 + 100.0);
        assert!(
            p.positions
                .iter()
                .all(|&(x, y)| x >= MARGIN && y >= MARGIN - 0.01)
        );
        assert!(p.height >= tops[5] + 30.0);
    }

    #[test]
    fn edges_that_skip_a_column_are_refused() {
        let items = [item(0), item(2)];
        assert!(layout(&items, &[link(0, 1)]).is_err());
    }

    #[test]
    fn counts_inversions() {
        assert_eq!(inversions(&mut [3, 1, 2]), 2);
        assert_eq!(inversions(&mut [1, 2, 3]), 0);
        assert_eq!(inversions(&mut [3, 2, 1]), 3);
    }
}
