//! The stop ids of a scenario's jobs (a site, or a site's stream when it has several), as
//! plans write them and read them back.

use super::Scenario;
use super::build::Job;
use crate::problem::SiteIdx;
use std::collections::BTreeMap;

/// The stop id of a problem site.
pub fn job_id(s: &Scenario, job: Job) -> String {
    let site = &s.sites[job.site];
    if site.demands.len() > 1 {
        format!("{}/{}", site.id, s.streams.name(job.stream))
    } else {
        site.id.clone()
    }
}

/// Stop id → problem site, for reading a plan back.
#[derive(Clone, Debug, Default)]
pub struct JobIds {
    /// Every job id.
    pub by_id: BTreeMap<String, SiteIdx>,
}

impl JobIds {
    /// The ids of every job of `jobs`.
    pub fn new(s: &Scenario, jobs: &[Job]) -> JobIds {
        JobIds {
            by_id: jobs
                .iter()
                .enumerate()
                .map(|(i, j)| (job_id(s, *j), SiteIdx::new(i)))
                .collect(),
        }
    }
}
