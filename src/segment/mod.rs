//! Segment: header block, numbered sections, the signature block and
//! "Nơi nhận" (distribution list) of a repaired directive.
//!
//! Must never: change the text; everything it returns is offsets into it.
