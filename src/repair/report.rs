//! What a repair changed: per mojibake family, how many spans and a few
//! before/after examples. Must never: hold more than three examples a family.

use crate::model::RepairCount;

/// The mojibake families the engine knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    PdfFontLowbyte,
    Utf8AsCp1252,
    Windows1258,
    Decomposed,
    Tcvn3,
    Vni,
    InvalidUtf8,
}

impl Family {
    pub const ALL: [Family; 7] = [
        Family::PdfFontLowbyte,
        Family::Utf8AsCp1252,
        Family::Windows1258,
        Family::Decomposed,
        Family::Tcvn3,
        Family::Vni,
        Family::InvalidUtf8,
    ];

    /// The stable kind string used in reports and `--explain`.
    pub fn kind(self) -> &'static str {
        match self {
            Family::PdfFontLowbyte => "pdf_font_lowbyte",
            Family::Utf8AsCp1252 => "utf8_as_cp1252",
            Family::Windows1258 => "windows_1258",
            Family::Decomposed => "decomposed",
            Family::Tcvn3 => "tcvn3",
            Family::Vni => "vni",
            Family::InvalidUtf8 => "invalid_utf8",
        }
    }
}

/// What a repair changed, per family.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Encoding the input bytes were decoded from (`utf-8`, `windows-1258` ...).
    pub encoding: String,
    pub families: Vec<FamilyReport>,
    /// Records are dropped: the caller wants the text only.
    quiet: bool,
}

#[derive(Debug, Clone, Default)]
pub struct FamilyReport {
    pub kind: String,
    pub count: usize,
    /// Up to three (before, after) examples.
    pub examples: Vec<(String, String)>,
}

const MAX_EXAMPLES: usize = 3;
const MAX_EXAMPLE_CHARS: usize = 60;

impl Report {
    pub(crate) fn new(encoding: &str) -> Self {
        Report { encoding: encoding.into(), families: vec![], quiet: false }
    }

    /// A report that keeps no records (see [`super::repair_bytes_text`]).
    pub(crate) fn quiet(encoding: &str) -> Self {
        Report { quiet: true, ..Report::new(encoding) }
    }

    /// A report like this one (quiet or not), empty.
    pub(crate) fn empty_like(&self, encoding: &str) -> Self {
        Report { quiet: self.quiet, ..Report::new(encoding) }
    }

    /// Does this report drop its records?
    pub(crate) fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Records one changed span of `family`.
    pub(crate) fn record(&mut self, family: Family, before: &str, after: &str) {
        self.record_n(family, 1, before, after);
    }

    /// Records `n` changed spans of `family` with one example.
    pub(crate) fn record_n(&mut self, family: Family, n: usize, before: &str, after: &str) {
        if self.quiet {
            return;
        }
        let kind = family.kind();
        let idx = match self.families.iter().position(|f| f.kind == kind) {
            Some(i) => i,
            None => {
                self.families.push(FamilyReport { kind: kind.into(), count: 0, examples: vec![] });
                self.families.len() - 1
            }
        };
        let f = &mut self.families[idx];
        f.count += n;
        if f.examples.len() < MAX_EXAMPLES {
            let clip = |s: &str| s.chars().take(MAX_EXAMPLE_CHARS).collect::<String>();
            let ex = (clip(before), clip(after));
            if !f.examples.contains(&ex) {
                f.examples.push(ex);
            }
        }
    }

    /// Adds every family of `other` into this report.
    pub(crate) fn merge(&mut self, other: Report) {
        for f in other.families {
            let mut examples = f.examples.into_iter();
            let first = examples.next().unwrap_or_default();
            let family = Family::ALL.into_iter().find(|x| x.kind() == f.kind);
            if let Some(family) = family {
                self.record_n(family, f.count, &first.0, &first.1);
                for (b, a) in examples {
                    self.record_n(family, 0, &b, &a);
                }
            }
        }
    }

    /// Does `family` hold all the examples it keeps (more records only count)?
    pub(crate) fn has_all_examples(&self, family: Family) -> bool {
        self.families.iter().any(|f| f.kind == family.kind() && f.examples.len() >= MAX_EXAMPLES)
    }

    /// Number of changed spans recorded for `family`.
    pub fn count(&self, family: Family) -> usize {
        self.families.iter().filter(|f| f.kind == family.kind()).map(|f| f.count).sum()
    }

    pub fn counts(&self) -> Vec<RepairCount> {
        self.families
            .iter()
            .filter(|f| f.count > 0)
            .map(|f| RepairCount { kind: f.kind.clone(), count: f.count })
            .collect()
    }

    /// The `--explain` summary: per family, how many spans changed, with examples.
    pub fn explain_json(&self) -> serde_json::Value {
        let families: serde_json::Map<String, serde_json::Value> = self
            .families
            .iter()
            .map(|f| {
                let ex: Vec<_> =
                    f.examples.iter().map(|(b, a)| serde_json::json!({"before": b, "after": a})).collect();
                (f.kind.clone(), serde_json::json!({"count": f.count, "examples": ex}))
            })
            .collect();
        serde_json::json!({"encoding": self.encoding, "families": families})
    }
}
