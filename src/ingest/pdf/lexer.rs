//! Content-stream lexer: turns the bytes of a PDF content stream into
//! operators with their operands.
//!
//! Must never: stop at the first malformed token (real files carry junk,
//! `%` comment lines and inline images), allocate without bound, or panic.

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Num(f32),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Operand>),
    /// Booleans, null, dictionaries: kept only as placeholders.
    Other,
}

impl Operand {
    pub fn num(&self) -> Option<f32> {
        match self {
            Operand::Num(n) => Some(*n),
            _ => None,
        }
    }
}

/// Deepest array nesting the lexer follows.
const MAX_DEPTH: usize = 32;
/// Most operands kept before an operator; more is junk.
const MAX_OPERANDS: usize = 4096;

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// Reads operators one at a time.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    operands: Vec<Operand>,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0, operands: Vec::new() }
    }

    /// Next operator and its operands, or `None` at the end of the stream.
    pub fn next_op(&mut self) -> Option<(&'a [u8], Vec<Operand>)> {
        self.operands.clear();
        loop {
            self.skip_white_and_comments();
            if self.pos >= self.data.len() {
                return None;
            }
            match self.operand(0) {
                Some(Tok::Operand(o)) => {
                    if self.operands.len() < MAX_OPERANDS {
                        self.operands.push(o);
                    }
                }
                Some(Tok::Keyword(k)) => {
                    if k == b"BI" {
                        self.skip_inline_image();
                        self.operands.clear();
                        continue;
                    }
                    return Some((k, std::mem::take(&mut self.operands)));
                }
                Some(Tok::Close) | None => {}
            }
        }
    }

    fn skip_white_and_comments(&mut self) {
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.data.len() && !matches!(self.data[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn operand(&mut self, depth: usize) -> Option<Tok<'a>> {
        let b = *self.data.get(self.pos)?;
        match b {
            b'(' => Some(Tok::Operand(Operand::Str(self.literal_string()))),
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.skip_dict();
                    Some(Tok::Operand(Operand::Other))
                } else {
                    Some(Tok::Operand(Operand::Str(self.hex_string())))
                }
            }
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while self.pos < self.data.len() && !is_white(self.data[self.pos]) && !is_delim(self.data[self.pos]) {
                    self.pos += 1;
                }
                Some(Tok::Operand(Operand::Name(self.data[start..self.pos].to_vec())))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white_and_comments();
                    match self.data.get(self.pos) {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) => {}
                    }
                    if depth >= MAX_DEPTH {
                        self.pos += 1;
                        continue;
                    }
                    match self.operand(depth + 1) {
                        Some(Tok::Operand(o)) => {
                            if items.len() < MAX_OPERANDS * 4 {
                                items.push(o)
                            }
                        }
                        // A keyword inside an array is junk; keep going.
                        Some(Tok::Keyword(_)) | Some(Tok::Close) => {}
                        None => break,
                    }
                }
                Some(Tok::Operand(Operand::Array(items)))
            }
            b']' | b')' | b'>' | b'{' | b'}' => {
                self.pos += 1;
                Some(Tok::Close)
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => Some(Tok::Operand(self.number())),
            _ => {
                let start = self.pos;
                while self.pos < self.data.len() && !is_white(self.data[self.pos]) && !is_delim(self.data[self.pos]) {
                    self.pos += 1;
                }
                if self.pos == start {
                    self.pos += 1;
                    return Some(Tok::Close);
                }
                let word = &self.data[start..self.pos];
                match word {
                    b"true" | b"false" | b"null" => Some(Tok::Operand(Operand::Other)),
                    _ => Some(Tok::Keyword(word)),
                }
            }
        }
    }

    fn number(&mut self) -> Operand {
        let start = self.pos;
        self.pos += 1;
        while self.pos < self.data.len() && matches!(self.data[self.pos], b'0'..=b'9' | b'.' | b'-' | b'+' | b'e' | b'E') {
            self.pos += 1;
        }
        let s = &self.data[start..self.pos];
        let text = std::str::from_utf8(s).unwrap_or("0");
        match text.parse::<f32>() {
            Ok(v) if v.is_finite() => Operand::Num(v),
            _ => {
                // `--5`, `1.2.3`: keep the leading valid part, as readers do.
                let cleaned: String = text.trim_start_matches(['+', '-']).chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                let v = cleaned.parse::<f32>().unwrap_or(0.0);
                Operand::Num(if text.starts_with('-') { -v } else { v })
            }
        }
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            self.pos += 1;
            let v = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    fn skip_dict(&mut self) {
        let mut depth = 0usize;
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            if b == b'<' && self.data.get(self.pos + 1) == Some(&b'<') {
                depth += 1;
                self.pos += 2;
            } else if b == b'>' && self.data.get(self.pos + 1) == Some(&b'>') {
                self.pos += 2;
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            } else if b == b'(' {
                self.literal_string();
            } else {
                self.pos += 1;
            }
        }
    }

    /// Skips `BI ... ID <binary> EI`.
    fn skip_inline_image(&mut self) {
        // Find the `ID` keyword.
        while self.pos + 1 < self.data.len() {
            if self.data[self.pos] == b'I'
                && self.data[self.pos + 1] == b'D'
                && self.pos > 0
                && is_white(self.data[self.pos - 1])
                && self.data.get(self.pos + 2).is_none_or(|&b| is_white(b))
            {
                self.pos += 3;
                break;
            }
            self.pos += 1;
        }
        // Then `EI` between white space.
        while self.pos + 1 < self.data.len() {
            if self.data[self.pos] == b'E'
                && self.data[self.pos + 1] == b'I'
                && is_white(self.data[self.pos - 1])
                && self.data.get(self.pos + 2).is_none_or(|&b| is_white(b))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

enum Tok<'a> {
    Operand(Operand),
    Keyword(&'a [u8]),
    Close,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(s: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut l = Lexer::new(s);
        let mut v = Vec::new();
        while let Some((op, args)) = l.next_op() {
            v.push((String::from_utf8_lossy(op).into_owned(), args));
        }
        v
    }

    #[test]
    fn comment_first_line_does_not_hide_operators() {
        let v = ops(b"%scanner OCR layer\nBT /F1 12 Tf (Hi) Tj ET");
        let names: Vec<_> = v.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Tj", "ET"]);
        assert_eq!(v[2].1, vec![Operand::Str(b"Hi".to_vec())]);
    }

    #[test]
    fn strings_arrays_and_escapes() {
        let v = ops(b"[(a\\(b\\)) -250 <0041 42>] TJ (x\\101) '");
        assert_eq!(
            v[0].1,
            vec![Operand::Array(vec![
                Operand::Str(b"a(b)".to_vec()),
                Operand::Num(-250.0),
                Operand::Str(vec![0, 0x41, 0x42])
            ])]
        );
        assert_eq!(v[1].1, vec![Operand::Str(b"xA".to_vec())]);
    }

    #[test]
    fn inline_image_and_dict_are_skipped() {
        let v = ops(b"/P <</MCID 3>> BDC BI /W 2 /H 2 ID \x00EI\xff EI Q");
        let names: Vec<_> = v.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BDC", "Q"]);
    }
}
