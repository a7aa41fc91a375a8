//! Shared helper of the extract tests: understand a snippet.

use vanban::model::Document;

/// Runs `understand` on `text` and returns the document.
pub fn run(text: &str) -> Document {
    let mut d = Document { text: text.to_string(), ..Default::default() };
    vanban::extract::understand(&mut d);
    d
}
