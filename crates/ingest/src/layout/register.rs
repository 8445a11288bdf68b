//! The unit register: a row per unit with who the memo is from and who signs it.
//! Told apart from score tables by its headers: a unit's name or code, register
//! columns, and no scores.

use itamemo_model::reason::Note;
use itamemo_model::{ChainPerson, CoverDetails, Person, RegisterEntry};

use super::Sheet;
use crate::header::Column;
use crate::names::unit_name;

/// The header row of a register among the top rows.
pub fn header_row(top: &[Vec<(usize, Column)>]) -> Option<usize> {
    top.iter().position(|row| {
        let names_units = row
            .iter()
            .any(|(_, c)| matches!(c, Column::Name | Column::Code));
        let register = row.iter().any(|(_, c)| c.is_register());
        let scores = row.iter().any(|(_, c)| c.is_score());
        names_units && register && !scores
    })
}

pub struct Register {
    pub entries: Vec<RegisterEntry>,
    pub messages: Vec<Note>,
}

pub fn read(sheet: &Sheet, header: usize, found: &[(usize, Column)]) -> Register {
    let mut messages = Vec::new();
    let unknown: Vec<String> = (0..sheet.width())
        .filter(|c| !found.iter().any(|(col, _)| col == c))
        .map(|c| sheet.text(header, c))
        .filter(|t| !t.is_empty())
        .map(|t| itamemo_model::thai::excerpt(&t, 40))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<String> = found.iter().map(|(_, c)| c.describe()).collect();
        messages.push(Note::UnknownRegisterColumns { unknown, known });
    }
    let find = |wanted: Column| found.iter().find(|(_, c)| *c == wanted).map(|(i, _)| *i);
    let signers: u8 = found
        .iter()
        .filter_map(|(_, c)| match c {
            Column::SignerName(n) | Column::SignerPosition(n) | Column::SignerHeading(n) => {
                Some(*n)
            }
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let mut entries = Vec::new();
    for r in header + 1..sheet.height() {
        let text = |wanted: Column| {
            find(wanted)
                .map(|c| sheet.text(r, c))
                .filter(|t| !t.is_empty())
        };
        let (code, name) = (text(Column::Code), text(Column::Name));
        if code.is_none() && name.is_none() {
            continue;
        }
        let date = find(Column::DocumentDate).and_then(|c| {
            let written = sheet.text(r, c);
            let date = crate::dates::date_in(sheet.cell(r, c));
            if date.is_none() && !written.is_empty() {
                messages.push(Note::RegisterDateUnreadable {
                    place: sheet.place(r, c).to_string(),
                    text: written,
                });
            }
            date
        });
        let unit = unit_name(
            code.as_deref().unwrap_or(""),
            name.as_deref().unwrap_or(""),
            &text(Column::District).unwrap_or_default(),
            &text(Column::Province).unwrap_or_default(),
        );
        let chain = (1..=signers)
            .map(|n| ChainPerson {
                heading: text(Column::SignerHeading(n)),
                person: Person {
                    name: text(Column::SignerName(n)),
                    position: text(Column::SignerPosition(n)),
                },
            })
            .filter(|p| {
                p.heading.is_some() || p.person.name.is_some() || p.person.position.is_some()
            })
            .collect();
        entries.push(RegisterEntry {
            code: unit.code,
            name: unit.name,
            district: unit.district,
            province: unit.province,
            details: CoverDetails {
                office: text(Column::Office),
                phone: text(Column::Phone),
                document_number: text(Column::DocumentNumber),
                addressees: text(Column::Addressees),
                meeting_date: text(Column::MeetingDate),
                date,
                preparer: Person {
                    name: text(Column::PreparerName),
                    position: text(Column::PreparerPosition),
                },
            },
            chain,
            source: sheet.place(r, find(Column::Name).or(find(Column::Code)).unwrap_or(0)),
        });
    }
    Register { entries, messages }
}
