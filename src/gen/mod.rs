//! A deterministic, seeded generator of a realistic corpus: central notices
//! (`TB-VPCP`), ministry plans (`KH`) that carry them out, provincial letters
//! (công văn) that carry out the plans and district letters that carry out
//! the provincial ones, in citation chains ("Thực hiện Kế hoạch số 123/KH-BNV
//! ngày 05/03/2024 của Bộ Nội vụ ..."), with task clauses in the forms real
//! documents use, deadlines of every kind, sizes from 2 KB to 200 KB and
//! about one document in ten damaged by one mojibake family.
//!
//! `vanban gen-corpus --docs N --seed S --out DIR` writes the same bytes for
//! the same N and S on any machine (its own SplitMix64; no OS randomness).
//!
//! Must never: write what the extractor should find (numbers, tasks,
//! deadlines as answers) anywhere under `--out`: the optional truth file must
//! lie outside it, since `vanban index DIR` reads every file in DIR.

pub mod corrupt;
mod render;
pub mod vocab;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use rayon::prelude::*;
use serde::Serialize;

pub use corrupt::Family;

/// Files per sub-folder of `--out` (keeps folders listable).
const PER_FOLDER: usize = 1000;

/// SplitMix64: tiny, fast, and the same sequence everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Log-uniform integer in `[lo, hi]`.
    pub fn log_uniform(&mut self, lo: usize, hi: usize) -> usize {
        let (l, h) = ((lo.max(1)) as f64, (hi.max(lo.max(1))) as f64);
        (l * (h / l).powf(self.unit())).round() as usize
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct GenOptions {
    pub docs: usize,
    pub seed: u64,
    /// Share of documents damaged by one repair family.
    pub corrupt_share: f64,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions { docs: 1000, seed: 1, corrupt_share: 0.10 }
    }
}

/// The level of a document in a citation chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Central notice of the Government Office (`59/TB-VPCP`).
    Notice,
    /// Ministry plan carrying out a notice (`123/KH-BNV`).
    Plan,
    /// Provincial letter carrying out a plan or a notice (`512/UBND-NC`).
    Province,
    /// District letter carrying out a provincial letter (`77/UBND-NV`).
    District,
}

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Day {
    /// Days since 1970-01-01 (Howard Hinnant's civil calendar algorithm).
    pub fn to_days(self) -> i64 {
        let y = if self.m <= 2 { self.y - 1 } else { self.y } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Day {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
        Day { y, m, d }
    }

    pub fn plus(self, days: i64) -> Day {
        Day::from_days(self.to_days() + days)
    }

    pub fn last_of_month(y: i32, m: u32) -> Day {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        Day { y: ny, m: nm, d: 1 }.plus(-1)
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// `20/02/2024`.
    pub fn slash(self) -> String {
        format!("{:02}/{:02}/{}", self.d, self.m, self.y)
    }
}

/// Everything about one document decided before its text is written.
#[derive(Clone, Debug)]
pub struct Meta {
    pub index: usize,
    pub kind: Kind,
    pub number: String,
    pub issuer: String,
    pub date: Day,
    pub topic: usize,
    pub parent: Option<usize>,
    /// Province (for provincial and district letters) or ministry (plans), index into vocab.
    pub place: usize,
    pub target_bytes: usize,
    pub family: Option<Family>,
}

/// One line of the truth file: what the generator meant, for scoring.
#[derive(Serialize, Debug)]
pub struct Truth {
    pub path: String,
    pub kind: Kind,
    pub doc_type: &'static str,
    pub number: String,
    pub issuer: String,
    pub issued_date: String,
    pub cites: Vec<String>,
    pub family: Option<&'static str>,
    pub bytes: usize,
    pub tasks: Vec<TruthTask>,
}

#[derive(Serialize, Debug, Clone, Default)]
pub struct TruthTask {
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub deadline_kind: Option<&'static str>,
    pub due: Option<String>,
}

/// What a run wrote.
#[derive(Debug, Default, Serialize)]
pub struct GenStats {
    pub docs: usize,
    pub bytes: u64,
    pub corrupted: usize,
    pub by_kind: [usize; 4],
    pub pdf_sources: usize,
}

impl std::fmt::Display for GenStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [n, p, c, d] = self.by_kind;
        write!(
            f,
            "{} documents ({} notices, {} plans, {} provincial, {} district letters), {:.1} MB, {} corrupted, {} PDF sources",
            self.docs,
            n,
            p,
            c,
            d,
            self.bytes as f64 / 1e6,
            self.corrupted,
            self.pdf_sources
        )
    }
}

fn kind_index(k: Kind) -> usize {
    match k {
        Kind::Notice => 0,
        Kind::Plan => 1,
        Kind::Province => 2,
        Kind::District => 3,
    }
}

/// Decides kinds, numbers, dates, parents, sizes and damage of `n` documents.
/// Sequential and cheap; the text is written afterwards, in parallel.
pub fn plan(n: usize, seed: u64, corrupt_share: f64) -> Vec<Meta> {
    let mut rng = Rng::new(seed);
    let mut metas: Vec<Meta> = Vec::with_capacity(n);
    let mut by_kind: [Vec<usize>; 4] = Default::default();
    let mut counters: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let mut next_number = |rng: &mut Rng, series: String| -> u32 {
        let c = counters.entry(series).or_insert(0);
        *c += 1 + rng.below(3) as u32;
        *c
    };
    for index in 0..n {
        let r = rng.unit();
        let mut kind = match r {
            r if r < 0.08 => Kind::Notice,
            r if r < 0.30 => Kind::Plan,
            r if r < 0.80 => Kind::Province,
            _ => Kind::District,
        };
        // A chain needs its parent level to exist first.
        if kind == Kind::District && by_kind[2].is_empty() {
            kind = Kind::Province;
        }
        if kind != Kind::Notice && by_kind[0].is_empty() {
            kind = Kind::Notice;
        }
        let parent = match kind {
            Kind::Notice => None,
            Kind::Plan => Some(recent(&mut rng, &by_kind[0])),
            Kind::Province if !by_kind[1].is_empty() && rng.chance(0.7) => Some(recent(&mut rng, &by_kind[1])),
            Kind::Province => Some(recent(&mut rng, &by_kind[0])),
            Kind::District => Some(recent(&mut rng, &by_kind[2])),
        };
        let date = match parent {
            Some(p) => metas[p].date.plus(3 + rng.below(45) as i64),
            // Notices spread over 2019-2025.
            None => Day { y: 2019, m: 1, d: 2 }.plus(rng.below(7 * 365 - 30) as i64),
        };
        let topic = match parent {
            Some(p) => metas[p].topic,
            None => rng.below(vocab::TOPICS.len()),
        };
        let (number, issuer, place) = match kind {
            Kind::Notice => {
                let k = next_number(&mut rng, "TB-VPCP".to_string());
                (format!("{k}/TB-VPCP"), "Văn phòng Chính phủ".to_string(), 0)
            }
            Kind::Plan => {
                let m = rng.below(vocab::MINISTRIES.len());
                let code = vocab::MINISTRIES[m].code;
                let k = next_number(&mut rng, format!("KH-{code}"));
                (format!("{k}/KH-{code}"), vocab::MINISTRIES[m].name.to_string(), m)
            }
            Kind::Province | Kind::District => {
                let desk = rng.pick(vocab::UBND_DESKS);
                let series = format!("UBND-{desk}");
                let k = next_number(&mut rng, series.clone());
                let place = match (kind, parent) {
                    (Kind::District, Some(p)) => metas[p].place,
                    _ => rng.below(vocab::PROVINCES.len()),
                };
                let issuer = if kind == Kind::Province { "Ủy ban nhân dân tỉnh" } else { "Ủy ban nhân dân huyện" };
                (format!("{k}/{series}"), issuer.to_string(), place)
            }
        };
        let target_bytes = if rng.chance(0.03) {
            rng.log_uniform(40_000, 200_000)
        } else if matches!(kind, Kind::Notice | Kind::Plan) {
            rng.log_uniform(4_000, 40_000)
        } else {
            rng.log_uniform(2_000, 12_000)
        };
        // Both draws always happen, so `--corrupt 0` writes the same documents clean.
        let (roll, family) = (rng.unit(), *rng.pick(&Family::ALL));
        let family = (roll < corrupt_share).then_some(family);
        by_kind[kind_index(kind)].push(index);
        metas.push(Meta { index, kind, number, issuer, date, topic, parent, place, target_bytes, family });
    }
    metas
}

/// One of the most recent documents of a level (chains stay close in time).
fn recent(rng: &mut Rng, of: &[usize]) -> usize {
    let window = of.len().min(200);
    of[of.len() - 1 - rng.below(window)]
}

/// Where document `i` is written, relative to `--out`.
pub fn relative_path(m: &Meta) -> PathBuf {
    let kind = match m.kind {
        Kind::Notice => "tb",
        Kind::Plan => "kh",
        Kind::Province => "cv",
        Kind::District => "cvh",
    };
    PathBuf::from(format!("{:04}", m.index / PER_FOLDER)).join(format!("{:07}_{kind}.txt", m.index))
}

/// Renders document `m` (clean text, then its damage) with its own random stream.
pub fn render_doc(metas: &[Meta], m: &Meta, seed: u64) -> (Vec<u8>, Vec<TruthTask>) {
    let mut rng = Rng::new(seed ^ (m.index as u64).wrapping_mul(0xD134_2543_DE82_EF95) ^ 0x5CA1E);
    let (text, tasks) = render::document(&mut rng, metas, m);
    let bytes = match m.family {
        Some(f) => f.apply(&text),
        None => text.into_bytes(),
    };
    (bytes, tasks)
}

fn inside(child: &Path, parent: &Path) -> bool {
    let canon = |p: &Path| {
        let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        // The file may not exist yet: canonicalise its folder.
        match (abs.parent(), abs.file_name()) {
            (Some(dir), Some(name)) if !abs.exists() => {
                dir.canonicalize().map(|d| d.join(name)).unwrap_or(abs.clone())
            }
            _ => abs.canonicalize().unwrap_or(abs.clone()),
        }
    };
    canon(child).starts_with(canon(parent))
}

/// Writes the corpus under `out` (and the truth NDJSON to `truth`, which
/// must lie outside `out`). `pdf_sources` clean documents are also written
/// to `pdf_dir` as UTF-8 text for conversion to PDF.
pub fn generate(
    opts: &GenOptions,
    out: &Path,
    truth: Option<&Path>,
    pdf_dir: Option<(&Path, usize)>,
) -> anyhow::Result<GenStats> {
    std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create folder", out.display()))?;
    if let Some(t) = truth {
        if inside(t, out) {
            return Err(anyhow!(
                "{}: the truth file must lie outside --out {} (vanban would index it)",
                t.display(),
                out.display()
            ));
        }
    }
    if let Some((dir, _)) = pdf_dir {
        if inside(dir, out) || inside(out, dir) {
            return Err(anyhow!("{}: the PDF source folder must not overlap --out {}", dir.display(), out.display()));
        }
    }
    let metas = plan(opts.docs, opts.seed, opts.corrupt_share);
    let pb = crate::pipeline::progress(metas.len() as u64, "gen-corpus");
    let mut stats = GenStats { docs: metas.len(), ..GenStats::default() };
    let mut truth_w = match truth {
        Some(t) => Some(std::io::BufWriter::new(
            std::fs::File::create(t).with_context(|| format!("{}: cannot create", t.display()))?,
        )),
        None => None,
    };
    for chunk in metas.chunks(PER_FOLDER) {
        let written: Vec<anyhow::Result<Truth>> = chunk
            .par_iter()
            .map(|m| {
                let rel = relative_path(m);
                let path = out.join(&rel);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()))?;
                }
                let (bytes, tasks) = render_doc(&metas, m, opts.seed);
                std::fs::write(&path, &bytes).with_context(|| format!("{}: cannot write", path.display()))?;
                pb.inc(1);
                Ok(truth_of(&metas, m, rel.display().to_string(), bytes.len(), tasks))
            })
            .collect();
        for t in written {
            let t = t?;
            stats.bytes += t.bytes as u64;
            stats.corrupted += t.family.is_some() as usize;
            stats.by_kind[kind_index(t.kind)] += 1;
            if let Some(w) = truth_w.as_mut() {
                serde_json::to_writer(&mut *w, &t)?;
                w.write_all(b"\n")?;
            }
        }
    }
    pb.finish_and_clear();
    if let Some(mut w) = truth_w {
        w.flush()?;
    }
    if let Some((dir, k)) = pdf_dir {
        stats.pdf_sources = write_pdf_sources(dir, k, opts.seed)?;
    }
    Ok(stats)
}

fn truth_of(metas: &[Meta], m: &Meta, path: String, bytes: usize, tasks: Vec<TruthTask>) -> Truth {
    Truth {
        path,
        kind: m.kind,
        doc_type: if matches!(m.kind, Kind::Province | Kind::District) {
            "CV"
        } else if m.kind == Kind::Plan {
            "KH"
        } else {
            "TB"
        },
        number: m.number.clone(),
        issuer: m.issuer.clone(),
        issued_date: m.date.iso(),
        cites: m.parent.map(|p| metas[p].number.clone()).into_iter().collect(),
        family: m.family.map(Family::name),
        bytes,
        tasks,
    }
}

/// `k` clean documents (a separate seeded corpus) as `.txt` in `dir`, for
/// `bench/compare.sh` to turn into PDFs with an embedded font.
fn write_pdf_sources(dir: &Path, k: usize, seed: u64) -> anyhow::Result<usize> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()))?;
    let seed = seed ^ 0x0050_4446;
    let metas = plan(k, seed, 0.0);
    metas.par_iter().try_for_each(|m| -> anyhow::Result<()> {
        let (bytes, _) = render_doc(&metas, m, seed);
        let path = dir.join(format!("pdf_{:05}.txt", m.index));
        std::fs::write(&path, bytes).with_context(|| format!("{}: cannot write", path.display()))
    })?;
    Ok(metas.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for z in [-1000i64, 0, 19_000, 19_782, 20_000] {
            assert_eq!(Day::from_days(z).to_days(), z);
        }
        assert_eq!(Day { y: 2024, m: 2, d: 20 }.plus(10).iso(), "2024-03-01");
        assert_eq!(Day::last_of_month(2024, 2).iso(), "2024-02-29");
        assert_eq!(Day::last_of_month(2023, 12).iso(), "2023-12-31");
    }

    #[test]
    fn plan_is_deterministic_and_chained() {
        let a = plan(500, 7, 0.1);
        let b = plan(500, 7, 0.1);
        assert_eq!(a.iter().map(|m| &m.number).collect::<Vec<_>>(), b.iter().map(|m| &m.number).collect::<Vec<_>>());
        let c = plan(500, 8, 0.1);
        assert_ne!(a.iter().map(|m| &m.number).collect::<Vec<_>>(), c.iter().map(|m| &m.number).collect::<Vec<_>>());
        for m in &a {
            if let Some(p) = m.parent {
                assert!(p < m.index);
                assert!(a[p].date < m.date, "{} after its parent", m.number);
            }
        }
        let numbers: std::collections::HashSet<_> = a.iter().map(|m| &m.number).collect();
        assert_eq!(numbers.len(), a.len(), "numbers are unique");
    }
}
