//! Writes the text of one generated document from its [`Meta`]: header
//! (issuer, number, place and date), the citing sentence of its parent,
//! an assessment part of prose, the task part and the closing blocks.
//!
//! Must never: depend on anything but the document's own random stream and
//! the plan (documents are rendered in parallel, in any order).

use super::vocab::{self, Ministry};
use super::{Day, Kind, Meta, Rng, TruthTask};

/// Who a document can assign work to: (canonical name, spellings).
struct Pool {
    leads: Vec<(&'static str, &'static [&'static str])>,
    supports: Vec<(&'static str, &'static [&'static str])>,
    groups: &'static [&'static str],
}

fn ministries() -> Vec<(&'static str, &'static [&'static str])> {
    vocab::MINISTRIES.iter().map(|m: &Ministry| (m.name, m.spellings)).collect()
}

fn pool(kind: Kind) -> Pool {
    match kind {
        Kind::Notice | Kind::Plan => {
            let mut supports = ministries();
            supports.extend(vocab::CENTRAL_SUPPORT.iter().map(|s| (*s, std::slice::from_ref(s))));
            Pool { leads: ministries(), supports, groups: vocab::GROUPS }
        }
        Kind::Province => Pool {
            leads: vocab::DEPARTMENTS.to_vec(),
            supports: vocab::DEPARTMENTS.to_vec(),
            groups: vocab::PROVINCE_GROUPS,
        },
        Kind::District => {
            let local: Vec<(&'static str, &'static [&'static str])> = vec![
                ("Văn phòng Ủy ban nhân dân huyện", &["Văn phòng Ủy ban nhân dân huyện", "Văn phòng UBND huyện"]),
                ("Hội đồng Thi đua - Khen thưởng huyện", &["Hội đồng Thi đua - Khen thưởng huyện"]),
                ("Ủy ban nhân dân xã", &["Ủy ban nhân dân các xã, thị trấn", "UBND các xã, thị trấn"]),
            ];
            Pool { leads: local.clone(), supports: local, groups: &["các cơ quan, đơn vị trên địa bàn huyện"] }
        }
    }
}

fn person(rng: &mut Rng) -> String {
    format!("{} {} {}", rng.pick(vocab::SURNAMES), rng.pick(vocab::MIDDLE), rng.pick(vocab::GIVEN))
}

fn upper(s: &str) -> String {
    s.chars().flat_map(char::to_uppercase).collect()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A deadline phrase (with its leading words) and what it means.
fn deadline(rng: &mut Rng, date: Day) -> (String, Option<&'static str>, Option<String>) {
    let later = date.plus(30 + rng.below(330) as i64);
    match rng.below(9) {
        0 | 1 => {
            let sep = if rng.chance(0.5) { "/" } else { "-" };
            (format!(", hoàn thành trước ngày {}{sep}{}{sep}{}", later.d, later.m, later.y), Some("date"), Some(later.iso()))
        }
        2 => (
            format!(", hoàn thành trong tháng {:02} năm {}", later.m, later.y),
            Some("month"),
            Some(Day::last_of_month(later.y, later.m).iso()),
        ),
        3 => {
            let q = (later.m - 1) / 3;
            let due = Day::last_of_month(later.y, q * 3 + 3).iso();
            if later.y == date.y && rng.chance(0.5) {
                (format!(", hoàn thành trong quý {}", vocab::QUARTERS[q as usize]), Some("quarter"), Some(due))
            } else {
                (format!(", hoàn thành trong quý {} năm {}", vocab::QUARTERS[q as usize], later.y), Some("quarter"), Some(due))
            }
        }
        4 => (format!(", hoàn thành trong năm {}", later.y), Some("year"), Some(format!("{}-12-31", later.y))),
        5 => {
            let words = *rng.pick(&["; thực hiện thường xuyên", "; thời gian thực hiện: hằng năm", ", báo cáo định kỳ 6 tháng"]);
            (words.to_string(), Some("recurring"), None)
        }
        6 => {
            let n = *rng.pick(&[7i64, 10, 15, 30]);
            (format!(", báo cáo kết quả trong {n} ngày kể từ ngày ký"), Some("relative"), Some(date.plus(n).iso()))
        }
        _ => (String::new(), None, None),
    }
}

fn action(rng: &mut Rng, topic: &str) -> String {
    rng.pick(vocab::ACTIONS).replace("{t}", topic)
}

/// Two distinct entries of a pool list.
fn two<'a, T>(rng: &mut Rng, items: &'a [T]) -> (&'a T, &'a T) {
    let a = rng.below(items.len());
    let b = (a + 1 + rng.below(items.len().saturating_sub(1).max(1))) % items.len();
    (&items[a], &items[b])
}

/// One numbered task item (without its number) and the tasks it assigns.
fn task_item(rng: &mut Rng, pool: &Pool, topic: &str, date: Day) -> (String, Vec<TruthTask>) {
    let (dl, kind, due) = deadline(rng, date);
    let act = action(rng, topic);
    let (lead, lead_alt) = two(rng, &pool.leads);
    let (sup, sup2) = two(rng, &pool.supports);
    let spell = |rng: &mut Rng, e: &(&'static str, &'static [&'static str])| *rng.pick(e.1);
    let l = spell(rng, lead);
    let one = |lead: Vec<&str>, support: Vec<&str>| TruthTask {
        lead: lead.into_iter().map(str::to_string).collect(),
        support: support.into_iter().map(str::to_string).collect(),
        deadline_kind: kind,
        due: due.clone(),
    };
    match rng.below(7) {
        0 => {
            let (s1, s2) = (spell(rng, sup), spell(rng, sup2));
            (format!("Giao {l} chủ trì, phối hợp với {s1}, {s2} {act}{dl}."), vec![one(vec![lead.0], vec![sup.0, sup2.0])])
        }
        1 => {
            let s = spell(rng, sup);
            (format!("{l} chủ trì, phối hợp với {s} {act}{dl}."), vec![one(vec![lead.0], vec![sup.0])])
        }
        2 => (format!("Đề nghị {l} chủ trì {act}{dl}."), vec![one(vec![lead.0], vec![])]),
        3 => (format!("{l} có trách nhiệm {act}{dl}."), vec![one(vec![lead.0], vec![])]),
        4 => {
            let l2 = spell(rng, lead_alt);
            (format!("Giao {l}, {l2} {act}{dl}."), vec![one(vec![lead.0, lead_alt.0], vec![])])
        }
        5 => {
            let mut act2 = action(rng, topic);
            if act2 == act {
                act2 = format!("báo cáo kết quả {act}");
            }
            let text = format!("Giao {l}:\n- {}{dl};\n- {}.", capitalise(&act), capitalise(&act2));
            let mut second = one(vec![lead.0], vec![]);
            second.deadline_kind = None;
            second.due = None;
            (text, vec![one(vec![lead.0], vec![]), second])
        }
        _ => {
            let g = *rng.pick(pool.groups);
            (format!("{} {act}{dl}.", capitalise(g)), vec![one(vec![g], vec![])])
        }
    }
}

fn prose_paragraph(rng: &mut Rng, topic: &str, year: i32) -> String {
    let n = 2 + rng.below(4);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        if rng.chance(0.2) {
            out.push_str(&rng.pick(vocab::PROSE).replace("{t}", topic));
            continue;
        }
        let s = format!("{} {}{}", rng.pick(vocab::OPENERS), rng.pick(vocab::PREDICATES), rng.pick(vocab::TAILS));
        let s = s
            .replace("{t}", topic)
            .replace("{y0}", &(year - 2 - rng.below(4) as i32).to_string())
            .replace("{k}", &(2 + rng.below(9)).to_string())
            .replace("{y}", &(year - 1).to_string())
            .replace("{n}", &(2 + rng.below(480)).to_string())
            .replace("{q}", vocab::QUARTERS[rng.below(4)])
            .replace("{p}", &format!("{},{}", 40 + rng.below(60), rng.below(10)))
            .replace("{m}", &format!("{}.{:03}", 1 + rng.below(900), rng.below(1000)));
        out.push_str(&s);
    }
    out
}

/// Wraps long lines at spaces near `width` chars, as text pulled from PDFs reads.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for line in text.split('\n') {
        let mut col = 0;
        for (i, word) in line.split(' ').enumerate() {
            let w = word.chars().count();
            if i > 0 {
                if col + 1 + w > width && col > 0 {
                    out.push_str(" \n");
                    col = 0;
                } else {
                    out.push(' ');
                    col += 1;
                }
            }
            out.push_str(word);
            col += w;
        }
        out.push('\n');
    }
    out
}

fn date_line(place: &str, d: Day) -> String {
    format!("{place}, ngày {:02} tháng {:02} năm {}", d.d, d.m, d.y)
}

const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------";

/// How a document names its parent in the citing sentence.
fn cite(parent: &Meta) -> (String, String) {
    let (what, by) = match parent.kind {
        Kind::Notice => ("Thông báo", "Văn phòng Chính phủ".to_string()),
        Kind::Plan => ("Kế hoạch", parent.issuer.clone()),
        Kind::Province => ("Văn bản", format!("Ủy ban nhân dân tỉnh {}", vocab::PROVINCES[parent.place])),
        Kind::District => ("Văn bản", "Ủy ban nhân dân huyện".to_string()),
    };
    (format!("{what} số {} ngày {}", parent.number, parent.date.slash()), by)
}

/// The full clean text of `m` and the tasks it assigns.
pub fn document(rng: &mut Rng, metas: &[Meta], m: &Meta) -> (String, Vec<TruthTask>) {
    let (topic_subject, topic) = vocab::TOPICS[m.topic % vocab::TOPICS.len()];
    let parent = m.parent.and_then(|p| metas.get(p));
    let province = vocab::PROVINCES[m.place % vocab::PROVINCES.len()];
    let district = format!("{} {}", rng.pick(vocab::DISTRICT_KIND), rng.pick(vocab::DISTRICTS));
    let mut head = String::new();
    let mut intro = String::new();
    let citing = parent.map(cite);
    match m.kind {
        Kind::Notice => {
            let pm = person(rng);
            let meeting = m.date.plus(-(2 + rng.below(20) as i64));
            head.push_str(&format!(
                "VĂN PHÒNG CHÍNH PHỦ\n-------\nSố: {}\n{NATION}\n{}\n\nTHÔNG BÁO\nKết luận của Thủ tướng Chính phủ {pm} tại cuộc họp về {topic_subject}\n\n",
                m.number,
                date_line("Hà Nội", m.date)
            ));
            let (a, b) = two(rng, vocab::MINISTRIES);
            intro.push_str(&format!(
                "Ngày {} tháng {:02} năm {}, tại trụ sở Chính phủ, Thủ tướng Chính phủ {pm} đã chủ trì cuộc họp về {topic}. Tham dự cuộc họp có lãnh đạo {}, {} và các cơ quan liên quan. Sau khi nghe báo cáo của {} và ý kiến của các đại biểu dự họp, Thủ tướng Chính phủ kết luận như sau:\n\n",
                meeting.d, meeting.m, meeting.y, a.name, b.name, a.name
            ));
        }
        Kind::Plan => {
            let min = &vocab::MINISTRIES[m.place % vocab::MINISTRIES.len()];
            let (c, by) = citing.clone().unwrap_or_default();
            head.push_str(&format!(
                "{}\n-------\nSố: {}\n{NATION}\n{}\n\nKẾ HOẠCH\nTriển khai thực hiện {c} của {by} về {topic_subject}\n\n",
                min.header,
                m.number,
                date_line("Hà Nội", m.date)
            ));
            intro.push_str(&format!(
                "Thực hiện {c} của {by} về {topic}, {} ban hành Kế hoạch triển khai thực hiện như sau:\n\n",
                min.name
            ));
        }
        Kind::Province | Kind::District => {
            let (c, by) = citing.clone().unwrap_or_default();
            let (issuer_line, place, who) = if m.kind == Kind::Province {
                (format!("TỈNH {}", upper(province)), province.to_string(), "Ủy ban nhân dân tỉnh")
            } else {
                (upper(&district), capitalise(&district), "Ủy ban nhân dân huyện")
            };
            head.push_str(&format!(
                "ỦY BAN NHÂN DÂN\n{issuer_line}\n-------\nSố: {}\nV/v triển khai thực hiện {c}\n{NATION}\n{}\n\nKính gửi:\n- {};\n- {}.\n\n",
                m.number,
                date_line(&place, m.date),
                capitalise(vocab::PROVINCE_GROUPS[0]),
                capitalise(vocab::PROVINCE_GROUPS[1]),
            ));
            intro.push_str(&format!(
                "Thực hiện {c} của {by} về {topic}; để triển khai có hiệu quả các nhiệm vụ trong thời gian tới, {who} yêu cầu các cơ quan, đơn vị triển khai thực hiện một số nội dung sau:\n\n"
            ));
        }
    }
    // The task part first (its size is known), then prose fills up to the target size.
    let pool = pool(m.kind);
    let n_tasks = (2 + m.target_bytes / 2500).min(60);
    let mut tasks = Vec::new();
    let mut task_part = String::new();
    for i in 0..n_tasks {
        let (item, t) = task_item(rng, &pool, topic, m.date);
        task_part.push_str(&format!("{}. {item}\n\n", i + 1));
        tasks.extend(t);
    }
    let closing = closing(rng, m, parent);
    let roman = matches!(m.kind, Kind::Notice | Kind::Plan);
    let mut prose = String::new();
    let budget = m.target_bytes.saturating_sub(head.len() + intro.len() + task_part.len() + closing.len());
    let mut item = 0;
    while prose.len() < budget {
        item += 1;
        if roman {
            prose.push_str(&format!("{item}. {}\n\n", capitalise(&prose_paragraph(rng, topic, m.date.y))));
        } else {
            prose.push_str(&prose_paragraph(rng, topic, m.date.y));
            prose.push_str("\n\n");
        }
    }
    let mut body = String::with_capacity(m.target_bytes + 1024);
    body.push_str(&intro);
    if roman {
        let (first, second) = if m.kind == Kind::Notice {
            ("ĐÁNH GIÁ CHUNG", "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI")
        } else {
            ("MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ VÀ GIẢI PHÁP")
        };
        body.push_str(&format!("{}. {first}\n\n{prose}{}. {second}\n\n{task_part}", vocab::ROMAN[0], vocab::ROMAN[1]));
    } else {
        body.push_str(&prose);
        body.push_str(&task_part);
    }
    let body = if rng.chance(0.5) { wrap(&body, 78 + rng.below(10)) } else { body };
    (format!("{head}{body}{closing}"), tasks)
}

fn closing(rng: &mut Rng, m: &Meta, parent: Option<&Meta>) -> String {
    let signer = person(rng);
    let parent_line = parent.map(|p| format!("- {} (để báo cáo);\n", p.issuer)).unwrap_or_default();
    match m.kind {
        Kind::Notice => format!(
            "Văn phòng Chính phủ thông báo để các cơ quan, địa phương liên quan biết, thực hiện./.\n\nNơi nhận:\n- Thủ tướng, các Phó Thủ tướng Chính phủ;\n- Các Bộ, cơ quan ngang Bộ;\n- Lưu: VT, {} (2).\n\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n\n\n{signer}\n",
            rng.pick(vocab::VPCP_DESKS)
        ),
        Kind::Plan => format!(
            "Trên đây là Kế hoạch triển khai thực hiện; trong quá trình thực hiện nếu có khó khăn, vướng mắc, các đơn vị kịp thời báo cáo để xem xét, giải quyết./.\n\nNơi nhận:\n{parent_line}- Bộ trưởng (để b/c);\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n\n{signer}\n"
        ),
        Kind::Province | Kind::District => format!(
            "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.\n\nNơi nhận:\n- Như trên;\n{parent_line}- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n{signer}\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_and_breaks_long_lines() {
        let s = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(10);
        let w = wrap(s.trim(), 30);
        assert!(w.lines().all(|l| l.chars().count() <= 32), "{w}");
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&w), words(&s));
    }
}
