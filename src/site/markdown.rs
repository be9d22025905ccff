//! The Markdown pages: one per goal, use case, event, named type and trait call, and an
//! index, with Mermaid diagrams. Links are relative, so they work on GitHub and offline.

use serde::Serialize;

use crate::error::Result;
use crate::lang::GeneratedFile;
use crate::render::render;

use super::graph::Graph;
use super::markup::Markdown;
use super::mermaid;
use super::model::{PagePath, Site};
use super::snippets::Snippets;
use super::views::{Diagram, PageView, Views, files};

struct Mermaid;

impl Diagram for Mermaid {
    fn diagram(&self, graph: &Graph, _from: &PagePath, _title: &str) -> Result<String> {
        Ok(format!("```mermaid\n{}```", mermaid::flowchart(graph)))
    }
}

#[derive(Serialize)]
struct PageFile<'a> {
    header: &'a str,
    #[serde(flatten)]
    page: &'a PageView,
}

pub fn generate(
    site: &Site<'_>,
    snippets: &[Snippets],
    header: &str,
) -> Result<Vec<GeneratedFile>> {
    let views = Views {
        site,
        snippets,
        markup: Markdown,
        diagram: Mermaid,
    };
    let pages = views.pages()?;
    files::<Markdown>(&pages, |_, page| {
        render("site/page.md", &PageFile { header, page })
    })
}
