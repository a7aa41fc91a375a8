//! Indexing alone, without extraction: reads documents already extracted
//! (`vanban extract DIR > docs.ndjson`) and indexes them, optionally COPIES
//! times under other keys (a bigger index with the same term statistics).
//! Prints the run's summary; time it with `/usr/bin/time -v`.
//!
//! Usage: cargo run --release --example index_ndjson -- DOCS.ndjson INDEX_DIR [COPIES]

use std::io::BufRead;

use vanban::index::writer::{index_documents, IndexOptions};
use vanban::index::VanIndex;
use vanban::model::Document;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(src), Some(dir)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: index_ndjson DOCS.ndjson INDEX_DIR [COPIES]");
    };
    let copies: usize = args.get(3).and_then(|c| c.parse().ok()).unwrap_or(1);
    let file = std::io::BufReader::new(std::fs::File::open(src)?);
    let mut docs: Vec<Document> = Vec::new();
    for line in file.lines() {
        let line = line?;
        if let Ok(d) = serde_json::from_str::<Document>(&line) {
            docs.push(d);
        }
    }
    let ix = VanIndex::open_or_create(std::path::Path::new(dir))?;
    let reg = vanban::index::agency::registry();
    for copy in 0..copies {
        let batch: Vec<Document> = if copy == 0 {
            docs.clone()
        } else {
            docs.iter()
                .map(|d| {
                    let mut d = d.clone();
                    d.source.path = format!("{}#{copy}", d.source.path);
                    d.id = format!("{}-{copy}", d.id);
                    d
                })
                .collect()
        };
        let stats = index_documents(&ix, &batch, &IndexOptions::default(), &*reg)?;
        eprintln!("copy {copy}: {stats}");
    }
    Ok(())
}
