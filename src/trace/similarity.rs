//! Content similarity of clauses: TF-IDF cosine over folded words and word
//! pairs (so `khen thưởng` and `khen th°ởng` repaired the same way, or
//! `y bác sĩ`/`y bác sỹ`, still share most features). IDF comes from the
//! clauses being compared, so words every clause uses (`thi đua`) weigh little.
//!
//! Must never: return a score outside 0..=1.

use std::collections::HashMap;

use crate::index::analyzer::{tokens, Mode};

type Vector = HashMap<String, f32>;

fn counts(text: &str) -> HashMap<String, f32> {
    let words = tokens(text, Mode::Folded);
    let mut tf: HashMap<String, f32> = HashMap::new();
    for w in &words {
        *tf.entry(w.clone()).or_default() += 1.0;
    }
    for pair in words.windows(2) {
        *tf.entry(format!("{} {}", pair[0], pair[1])).or_default() += 1.0;
    }
    tf
}

fn weigh(tf: HashMap<String, f32>, idf: &HashMap<String, f32>) -> Vector {
    let mut v: Vector = tf
        .into_iter()
        .map(|(k, c)| {
            let w = (1.0 + c.ln()) * idf.get(&k).copied().unwrap_or(0.0);
            (k, w)
        })
        .collect();
    let norm = v.values().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.values_mut().for_each(|w| *w /= norm);
    }
    v
}

fn dot(a: &Vector, b: &Vector) -> f32 {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().map(|(k, w)| w * big.get(k).copied().unwrap_or(0.0)).sum::<f32>().clamp(0.0, 1.0)
}

/// `scores[i][j]`: similarity of `left[i]` and `right[j]`, in 0..=1.
pub fn matrix(left: &[&str], right: &[&str]) -> Vec<Vec<f32>> {
    let tfs: Vec<HashMap<String, f32>> = left.iter().chain(right).map(|t| counts(t)).collect();
    let n = tfs.len() as f32;
    let mut df: HashMap<String, f32> = HashMap::new();
    for tf in &tfs {
        for k in tf.keys() {
            *df.entry(k.clone()).or_default() += 1.0;
        }
    }
    let idf: HashMap<String, f32> = df.into_iter().map(|(k, d)| (k, (1.0 + n / d).ln())).collect();
    let mut vecs: Vec<Vector> = tfs.into_iter().map(|tf| weigh(tf, &idf)).collect();
    let right_vecs = vecs.split_off(left.len());
    vecs.iter().map(|l| right_vecs.iter().map(|r| dot(l, r)).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirrored_clauses_score_high_and_unrelated_ones_low() {
        let parent = [
            "Nâng cao chất lượng hoạt động của Hội đồng Thi đua - Khen thưởng các cấp, các ngành",
            "Bộ Tài chính tổng kết việc sử dụng Quỹ Vaccine phòng Covid-19",
        ];
        let child = ["Nang cao chat luong hoat dong cua Hoi dong Thi dua - Khen thuong cac cap"];
        let m = matrix(&child, &parent);
        assert!(m[0][0] > 0.6, "{m:?}");
        assert!(m[0][1] < 0.1, "{m:?}");
        assert!(m.iter().flatten().all(|s| (0.0..=1.0).contains(s)));
        assert_eq!(matrix(&[""], &["x"]), vec![vec![0.0]]);
    }
}
