//! Relocate and or-opt: move a segment of one to [`MAX_SEGMENT`] consecutive sites, kept in
//! order or reversed, to another place in the same route or in another route.

use super::{
    Delta, Segment, moved_stability, quick_splice, quick_splice_run, site_run, splice_cost,
};
use crate::solution::Visit;
use crate::solver::evaluate::eval_replace;
use crate::solver::insertion::spliced;
use crate::solver::state::{Env, State};
use crate::units::{Cost, Distance};

/// Longest segment moved at once (or-opt moves segments of 2 and 3).
pub const MAX_SEGMENT: usize = 3;

/// Longest stretch (in stops) an intra-route relocation may span: the check is linear in it.
pub const MAX_SPAN: usize = 40;

/// Move stops `first..first + len` of route `from` (sites only) so that they follow stop
/// `after` of route `to` (numbered before the move; `to` may equal `from`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relocate {
    /// The route the segment leaves.
    pub from: usize,
    /// Its first stop.
    pub first: usize,
    /// Its number of sites.
    pub len: usize,
    /// Insert it reversed.
    pub reversed: bool,
    /// The route it joins.
    pub to: usize,
    /// The stop of `to` it will follow.
    pub after: usize,
}

impl Relocate {
    fn segment(&self, st: &State) -> Option<Segment> {
        let mut seg: Segment = site_run(st, self.from, self.first, self.len)?
            .iter()
            .copied()
            .collect();
        if self.reversed {
            seg.reverse();
        }
        Some(seg)
    }

    /// The replacement `(i, k, inserted)` of an intra-route move, or `None` when the target
    /// lies inside the segment or too far away.
    fn same_route_splice(
        &self,
        st: &State,
        seg: &[Visit],
        buf: &mut Vec<Visit>,
    ) -> Option<(usize, usize)> {
        let visits = &st.routes[self.from].visits;
        let last = self.first + self.len - 1;
        buf.clear();
        let (i, k) = if self.after > last {
            buf.extend_from_slice(&visits[last..self.after]);
            buf.extend_from_slice(seg);
            (self.first - 1, self.after + 1)
        } else if self.after + 1 < self.first {
            buf.extend_from_slice(seg);
            buf.extend_from_slice(&visits[self.after..self.first - 1]);
            (self.after, last + 1)
        } else {
            return None;
        };
        (k - i <= MAX_SPAN).then_some((i, k))
    }
}

/// The exact cost change when distance alone decides it (see [`quick_splice`]), else
/// `None`. Feasibility is not looked at.
pub fn quick(env: &Env, st: &State, m: &Relocate, buf: &mut Vec<Visit>) -> Option<Cost> {
    let run = site_run(st, m.from, m.first, m.len)?;
    let to = &st.routes[m.to];
    if m.after + 1 >= to.num_stops() {
        return None;
    }
    if m.from == m.to {
        if let Some(cost) = quick_same_route(env, st, m, run) {
            return Some(cost);
        }
        let seg = m.segment(st)?;
        let (i, k) = m.same_route_splice(st, &seg, buf)?;
        return quick_splice(env, to, i, k, buf, false);
    }
    let from = &st.routes[m.from];
    if from.sites as usize == m.len {
        return None;
    }
    Some(
        quick_splice(env, from, m.first - 1, m.first + m.len, &[], false)?
            + quick_splice_run(
                env,
                to,
                m.after,
                m.after + 1,
                from,
                m.first,
                m.len,
                m.reversed,
            )?,
    )
}

/// The exact cost change of an intra-route relocation in O(segment length) when distance
/// alone decides it and no break sits next to a changed arc (the three removed and three
/// added arcs, as a 3-opt move); `None` otherwise.
fn quick_same_route(env: &Env, st: &State, m: &Relocate, run: &[Visit]) -> Option<Cost> {
    let p = env.problem;
    let r = &st.routes[m.from];
    let v = p.vehicle_type(r.vt);
    if v.cost_per_duration != Cost::ZERO || env.stability_weight != Cost::ZERO {
        return None;
    }
    let last = m.first + m.len - 1;
    let is_break = |j: usize| matches!(r.visit(j), Some(Visit::Break));
    if [m.first - 1, last + 1, m.after, m.after + 1]
        .into_iter()
        .any(is_break)
    {
        return None;
    }
    let d = env.ctx.arcs(p, v.profile);
    let arc = |j: usize| (r.cum_dist[j + 1] - r.cum_dist[j]).get();
    let loc_of = |x: &Visit| match *x {
        Visit::Site(s) => p.site(s).location,
        _ => unreachable!("a segment holds sites only"),
    };
    let (head, tail) = if m.reversed {
        (loc_of(&run[run.len() - 1]), loc_of(&run[0]))
    } else {
        (loc_of(&run[0]), loc_of(&run[run.len() - 1]))
    };
    let inner_old = (r.cum_dist[last] - r.cum_dist[m.first]).get();
    // The segment's own arcs stay the same unless it is reversed on an asymmetric matrix.
    let inner_new = if !m.reversed || env.ctx.symmetric[v.profile.index()] {
        inner_old
    } else {
        run.windows(2)
            .map(|w| d.distance(loc_of(&w[1]), loc_of(&w[0])).get())
            .sum()
    };
    if m.after <= last && m.after + 1 >= m.first {
        return None;
    }
    let removed = arc(m.first - 1) + arc(last) + arc(m.after) + inner_old;
    let added = d.distance(r.loc[m.first - 1], r.loc[last + 1]).get()
        + d.distance(r.loc[m.after], head).get()
        + inner_new
        + d.distance(tail, r.loc[m.after + 1]).get();
    Some(Cost(v.cost_per_distance.get() * (added - removed)))
}

/// Estimated change of the objective (cost exact for distance; see
/// [`eval_replace`]), or `None` when the move breaks a rule or is not well formed.
pub fn evaluate(
    env: &Env,
    st: &State,
    m: &Relocate,
    buf: &mut Vec<Visit>,
    work: &mut u64,
) -> Option<Delta> {
    let p = env.problem;
    let seg = m.segment(st)?;
    let to = &st.routes[m.to];
    if m.after + 1 >= to.num_stops() {
        return None;
    }
    if m.from == m.to {
        let (i, k) = m.same_route_splice(st, &seg, buf)?;
        *work += 1 + buf.len() as u64;
        return eval_replace(p, &env.ctx, to, i, k, buf);
    }
    let from = &st.routes[m.from];
    *work += 2 + m.len as u64;
    let removal = if from.sites as usize == m.len {
        // The route empties: it is cleared (break and facility visits too).
        Delta {
            cost: Cost::ZERO - from.cost,
            distance: Distance::ZERO - from.distance,
        }
    } else {
        eval_replace(p, &env.ctx, from, m.first - 1, m.first + m.len, &[])?
    };
    let insertion = eval_replace(p, &env.ctx, to, m.after, m.after + 1, &seg)?;
    let stability = moved_stability(env, &seg, m.from, m.to);
    Some(splice_cost(removal, insertion, stability))
}

/// The new visits of each changed route.
pub fn apply(st: &State, m: &Relocate) -> Vec<(usize, Vec<Visit>)> {
    let Some(seg) = m.segment(st) else {
        return Vec::new();
    };
    if m.after + 1 >= st.routes[m.to].num_stops() {
        return Vec::new();
    }
    if m.from == m.to {
        let mut buf = Vec::new();
        return match m.same_route_splice(st, &seg, &mut buf) {
            Some((i, k)) => vec![(m.from, spliced(&st.routes[m.from].visits, i, k, &buf))],
            None => Vec::new(),
        };
    }
    let from = spliced(&st.routes[m.from].visits, m.first - 1, m.first + m.len, &[]);
    let to = spliced(&st.routes[m.to].visits, m.after, m.after + 1, &seg);
    vec![(m.from, from), (m.to, to)]
}
