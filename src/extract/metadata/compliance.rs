//! Kiểm tra thể thức: the extracted metadata → one checklist line per required component of the
//! family (Nghị định 30/2020 Điều 8 khoản 2 and Phụ lục I for state documents; Quy định 66-QĐ/TW
//! Điều 15 and Hướng dẫn 36-HD/VPTW for Party documents), each ok / missing / malformed with a
//! message in Vietnamese. Components that text cannot show (seal, handwritten signature) are not
//! listed.

use super::head::{type_code, DatabaseCopy, HeadFound};
use super::tail::TailFound;
use crate::catalogue::doc_types;
use crate::catalogue::issuers;
use crate::catalogue::signing::{self, AuthorityKind};
use crate::fold::fold;
use crate::report::{ComplianceItem, ComplianceStatus as S, Family, Metadata};

fn item(component: &str, status: S, message: impl Into<String>) -> ComplianceItem {
    ComplianceItem { component: component.to_owned(), status, message: message.into(), note: None }
}

/// Components a legal-text database drops when it copies a document (it prints one header
/// sentence instead of the letterhead, and often cuts the signature and the Nơi nhận): their
/// absence from such a copy cannot be judged.
const DROPPED_BY_DATABASES: [&str; 5] = ["Quốc hiệu và Tiêu ngữ", "Địa danh và thời gian ban hành", SIGNATURE_STATE, SIGNATURE_PARTY, "Nơi nhận"];
const SIGNATURE_STATE: &str = "Chức vụ, họ tên người có thẩm quyền";
const SIGNATURE_PARTY: &str = "Quyền hạn, chức vụ, họ tên người ký";

/// The note on a component a database copy dropped.
fn database_note(copy: &DatabaseCopy) -> String {
    format!(
        "Không đánh giá được trên bản này: đây là bản sao từ cơ sở dữ liệu văn bản (dòng đầu \"{} của {} số … ngày …\" thay cho phần đầu theo thể thức), thường đã bỏ Quốc hiệu, Tiêu ngữ, địa danh, chữ ký và nơi nhận của bản gốc.",
        copy.doc_type, copy.issuer
    )
}

/// The checklist; empty when the text shows no sign of being an administrative document.
pub(super) fn check(md: &Metadata, head: &HeadFound, tail: &TailFound) -> Vec<ComplianceItem> {
    if md.doc_type.is_none() && md.number_symbol.is_none() && !md.motto {
        return Vec::new();
    }
    let party = md.family == Some(Family::Party);
    let mut out = Vec::new();

    // 1. Quốc hiệu và Tiêu ngữ / Tiêu đề "ĐẢNG CỘNG SẢN VIỆT NAM".
    let (c, want) = if party {
        ("Tiêu đề \"ĐẢNG CỘNG SẢN VIỆT NAM\"", "tiêu đề \"ĐẢNG CỘNG SẢN VIỆT NAM\"")
    } else {
        ("Quốc hiệu và Tiêu ngữ", "Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" và Tiêu ngữ \"Độc lập - Tự do - Hạnh phúc\"")
    };
    out.push(if md.motto { item(c, S::Ok, format!("Có {want}.")) } else { item(c, S::Missing, format!("Không thấy {want} ở đầu văn bản.")) });

    // 2. Tên cơ quan ban hành.
    let c = "Tên cơ quan, tổ chức ban hành";
    out.push(match &md.issuer.name {
        Some(n) => item(c, S::Ok, format!("Cơ quan ban hành: {n}.")),
        None => item(c, S::Missing, "Không thấy tên cơ quan ban hành ở góc trái phần đầu văn bản."),
    });

    // 3. Số, ký hiệu.
    let c = "Số, ký hiệu";
    out.push(match (&md.number_symbol, head.number_sep) {
        (None, _) if head.attached_to.is_some() => item(
            c,
            S::Ok,
            format!("Văn bản ban hành kèm theo văn bản khác không có số, ký hiệu riêng ({}).", head.attached_to.as_deref().unwrap_or("")),
        ),
        (None, _) => item(c, S::Missing, "Không thấy số, ký hiệu văn bản (\"Số: …\")."),
        (Some(ns), Some(sep)) if party && sep == '/' => item(c, S::Malformed, format!("Văn bản của Đảng ghi số và ký hiệu nối bằng gạch ngang (\"139-KH/HU\"); ở đây là \"{ns}\".")),
        (Some(ns), Some(sep)) if !party && sep == '-' => item(c, S::Malformed, format!("Văn bản hành chính ghi số và ký hiệu nối bằng gạch chéo (\"7763/BC-UBND\"); ở đây là \"{ns}\".")),
        (Some(ns), _) => symbol_vs_type(md, ns),
    });

    // 4. Địa danh và thời gian ban hành.
    let c = "Địa danh và thời gian ban hành";
    out.push(match (&md.date, &head.date_raw) {
        (None, _) => item(c, S::Missing, "Không thấy địa danh và ngày tháng năm ban hành (\"…, ngày … tháng … năm …\")."),
        (Some(d), _) if head.date_adopted => item(c, S::Ok, format!("Văn bản quy phạm do Quốc hội thông qua: ngày thông qua ({d}) ghi ở câu cuối văn bản, không có dòng địa danh.")),
        (Some(_), _) if md.place.is_none() => item(c, S::Malformed, "Có ngày ban hành nhưng không thấy địa danh đứng trước."),
        (Some(_), Some((d, m))) if !party && !head.date_dashes => date_padding(d, m),
        (Some(_), _) => item(c, S::Ok, "Có địa danh và ngày ban hành."),
    });

    // 5. Tên loại và trích yếu nội dung.
    let c = "Tên loại và trích yếu nội dung";
    out.push(match (&md.doc_type, &md.subject) {
        (None, _) => item(c, S::Missing, "Không xác định được tên loại văn bản."),
        (Some(t), None) => item(c, S::Malformed, format!("Có tên loại \"{}\" nhưng không thấy trích yếu nội dung.", t.name)),
        (Some(t), Some(s)) if t.code == "CV" && !fold(s).starts_with("v/v") && head.heading.is_none() => {
            item(c, S::Malformed, "Trích yếu của công văn phải bắt đầu bằng \"V/v\".")
        }
        (Some(t), Some(_)) if head.heading.is_none() && t.code != "CV" => {
            item(c, S::Malformed, format!("Không thấy dòng tên loại văn bản in hoa; loại \"{}\" chỉ suy ra được gián tiếp.", t.name))
        }
        (Some(t), Some(_)) => item(c, S::Ok, format!("Tên loại \"{}\" và trích yếu.", t.name)),
    });

    // 6. Chức vụ, họ tên người ký (and quyền hạn ký).
    let c = if party { SIGNATURE_PARTY } else { SIGNATURE_STATE };
    out.push(signature_item(c, md, party));

    // 7. Nơi nhận.
    let c = "Nơi nhận";
    out.push(if tail.noi_nhan || !md.distribution.is_empty() {
        if md.distribution.is_empty() && md.archive.is_none() {
            item(c, S::Malformed, "Có mục \"Nơi nhận\" nhưng không đọc được nơi nhận nào.")
        } else {
            item(c, S::Ok, format!("{} nơi nhận{}.", md.distribution.len(), if md.archive.is_some() { ", có \"Lưu\"" } else { "" }))
        }
    } else {
        item(c, S::Missing, "Không thấy mục \"Nơi nhận\" ở cuối văn bản.")
    });
    if let Some(copy) = &head.database {
        for it in out.iter_mut().filter(|it| it.status != S::Ok && DROPPED_BY_DATABASES.contains(&it.component.as_str())) {
            it.note = Some(database_note(copy));
        }
    }
    out
}

/// Phụ lục I: days below 10 and months 1–2 take a leading zero; other months do not.
fn date_padding(d: &str, m: &str) -> ComplianceItem {
    let c = "Địa danh và thời gian ban hành";
    let day: u32 = d.parse().unwrap_or(0);
    let month: u32 = m.parse().unwrap_or(0);
    let mut wrong = Vec::new();
    if day < 10 && d.len() == 1 {
        wrong.push(format!("ngày dưới 10 phải có số 0 ở trước (\"ngày 0{day}\", không phải \"ngày {d}\")"));
    }
    if month <= 2 && m.len() == 1 {
        wrong.push(format!("tháng 1 và 2 phải có số 0 ở trước (\"tháng 0{month}\")"));
    }
    if month > 2 && m.len() == 2 && m.starts_with('0') {
        wrong.push(format!("từ tháng 3 trở đi không viết số 0 ở trước (\"tháng {month}\", không phải \"tháng {m}\")"));
    }
    if wrong.is_empty() {
        item(c, S::Ok, "Có địa danh và ngày ban hành, ghi đúng Phụ lục I Nghị định 30/2020.")
    } else {
        item(c, S::Malformed, format!("Ngày ban hành chưa ghi đúng Phụ lục I Nghị định 30/2020: {}.", wrong.join("; ")))
    }
}

/// The symbol's type abbreviation must name the same type as the heading.
fn symbol_vs_type(md: &Metadata, ns: &str) -> ComplianceItem {
    let c = "Số, ký hiệu";
    let code = md.symbol.as_deref().and_then(|s| type_code(s, md.family));
    match (&md.doc_type, code) {
        (Some(t), Some(code)) if t.code != "CV" => {
            let same = doc_types::by_code(code, md.family).is_some_and(|e| e.name == t.name);
            if same {
                item(c, S::Ok, format!("Số, ký hiệu {ns}."))
            } else {
                item(c, S::Malformed, format!("Ký hiệu \"{code}\" trong {ns} không khớp tên loại \"{}\" (viết tắt đúng: \"{}\").", t.name, t.code))
            }
        }
        _ => item(c, S::Ok, format!("Số, ký hiệu {ns}.")),
    }
}

fn signature_item(c: &str, md: &Metadata, party: bool) -> ComplianceItem {
    let Some(sig) = &md.signature else {
        return item(c, S::Missing, "Không thấy khối chữ ký (quyền hạn, chức vụ, họ tên người ký).");
    };
    let auths: Vec<_> = sig.authorities.iter().filter_map(|a| signing::authority(a)).collect();
    let deputy_title = sig.title.as_deref().is_some_and(|t| fold(t).starts_with("pho "));
    if deputy_title && !auths.iter().any(|a| a.kind == AuthorityKind::Deputy) {
        let want = if party { "K/T" } else { "KT." };
        return item(c, S::Malformed, format!("Cấp phó ký thay người đứng đầu phải ghi \"{want}\" trước chức vụ của người đứng đầu."));
    }
    let collective = md
        .issuer
        .name
        .as_deref()
        .and_then(issuers::body_prefix)
        .is_some_and(|e| e.collective);
    // Party committees lead collectively: their documents are signed "T/M" (HD 36 mục II.1.7.1).
    // The head of a state body may sign alone for matters of his own authority (Decree 30 Điều 13),
    // so only Party documents without any prefix are flagged.
    if collective && party && auths.is_empty() {
        let want = if party { "T/M" } else { "TM." };
        return item(c, S::Malformed, format!("Văn bản của tập thể ({}) phải ký \"{want}\" trước tên tập thể.", md.issuer.name.as_deref().unwrap_or("")));
    }
    if let Some(a) = auths.first() {
        let fam = if party { Family::Party } else { Family::State };
        if md.family.is_some() && a.family != fam {
            let msg = if party { "Văn bản của Đảng ghi quyền hạn ký dạng \"T/M\", \"K/T\", \"T/L\"." } else { "Văn bản hành chính ghi quyền hạn ký dạng \"TM.\", \"KT.\", \"TL.\", \"TUQ.\", \"Q.\"." };
            return item(c, S::Malformed, msg);
        }
    }
    match (&sig.title, &sig.name) {
        (_, None) => item(c, S::Malformed, "Không thấy họ tên người ký."),
        (None, Some(_)) => item(c, S::Malformed, "Không thấy chức vụ của người ký."),
        (Some(t), Some(n)) => item(c, S::Ok, format!("{t}: {n}.")),
    }
}
