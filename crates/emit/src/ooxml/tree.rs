//! A minimal XML tree over quick-xml: enough to reorder and add elements in the
//! parts docx-rs builds. Text and attribute values are kept escaped, as read, so
//! that writing a tree back changes nothing it was not asked to change.

use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Element(Element),
    /// Escaped text, exactly as it stood.
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub name: String,
    /// (qualified name, escaped value)
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn new(name: &str) -> Element {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn with_attr(mut self, name: &str, value: &str) -> Element {
        self.attrs.push((name.to_string(), value.to_string()));
        self
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The child named `name`, added (at the end) if it is not there.
    pub fn child_or_insert(&mut self, name: &str) -> &mut Element {
        if !self.elements().any(|e| e.name == name) {
            self.children.push(Node::Element(Element::new(name)));
        }
        self.child_mut(name).expect("just ensured")
    }

    /// Replaces or adds the child with the same name.
    pub fn set_child(&mut self, child: Element) {
        if let Some(existing) = self.child_mut(&child.name) {
            *existing = child;
        } else {
            self.children.push(Node::Element(child));
        }
    }

    /// Visits this element and every element below it, depth first.
    pub fn walk_mut(&mut self, visit: &mut dyn FnMut(&mut Element)) {
        visit(self);
        for child in self.elements_mut() {
            child.walk_mut(visit);
        }
    }
}

pub struct Part {
    /// The XML declaration, written back as it was.
    declaration: Option<String>,
    pub root: Element,
}

pub fn parse(bytes: &[u8]) -> Result<Part, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut declaration = None;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Decl(d) => {
                declaration = Some(format!("<?{}?>", String::from_utf8_lossy(&d)));
            }
            Event::Start(start) => {
                let root = read_subtree(&mut reader, element_of(&start)?)?;
                return Ok(Part { declaration, root });
            }
            Event::Empty(start) => {
                let root = element_of(&start)?;
                return Ok(Part { declaration, root });
            }
            Event::Eof => return Err("no root element".to_string()),
            _ => {}
        }
    }
}

fn push_node(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

/// Reads the rest of an element whose start tag `start` was just read, children
/// and all, up to its end tag.
pub fn read_subtree(reader: &mut Reader<&[u8]>, start: Element) -> Result<Element, String> {
    let mut stack = vec![start];
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(s) => stack.push(element_of(&s)?),
            Event::Empty(s) => {
                let element = element_of(&s)?;
                push_node(&mut stack, Node::Element(element));
            }
            Event::End(_) => {
                let done = stack.pop().ok_or("unbalanced end tag")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => push_node(
                &mut stack,
                Node::Text(String::from_utf8_lossy(&t).to_string()),
            ),
            Event::GeneralRef(r) => push_node(
                &mut stack,
                Node::Text(format!("&{};", String::from_utf8_lossy(&r))),
            ),
            Event::CData(c) => push_node(
                &mut stack,
                Node::Text(format!("<![CDATA[{}]]>", String::from_utf8_lossy(&c))),
            ),
            Event::Eof => return Err("the part ends inside an element".to_string()),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

pub fn element_of(start: &quick_xml::events::BytesStart) -> Result<Element, String> {
    let mut element = Element::new(&String::from_utf8_lossy(start.name().as_ref()));
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        element.attrs.push((
            String::from_utf8_lossy(attr.key.as_ref()).to_string(),
            String::from_utf8_lossy(&attr.value).to_string(),
        ));
    }
    Ok(element)
}

pub fn write(part: &Part) -> Vec<u8> {
    let mut out = String::new();
    if let Some(declaration) = &part.declaration {
        out.push_str(declaration);
    }
    write_element(&part.root, &mut out);
    out.into_bytes()
}

/// "<name attr="value" ..." without the closing bracket.
fn open_tag(element: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&element.name);
    for (name, value) in &element.attrs {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(value);
        out.push('"');
    }
}

/// An element's start tag alone, its children to follow.
pub fn write_start(element: &Element, out: &mut String) {
    open_tag(element, out);
    out.push('>');
}

pub fn write_element(element: &Element, out: &mut String) {
    open_tag(element, out);
    if element.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for child in &element.children {
        match child {
            Node::Element(e) => write_element(e, out),
            Node::Text(t) => out.push_str(t),
        }
    }
    out.push_str("</");
    out.push_str(&element.name);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_reads_and_writes_back_unchanged() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="u"><w:p><w:r><w:t xml:space="preserve">ก &amp; &lt;ข&gt; "ค"</w:t></w:r><w:p/></w:p></w:document>"#;
        let part = parse(xml.as_bytes()).unwrap();
        assert_eq!(String::from_utf8(write(&part)).unwrap(), xml);
    }
}
