//! The HTML site: the same pages as the Markdown, each one self-contained (styles and script
//! inline, nothing fetched), the diagram drawn as SVG, and a search on the index.

use serde::Serialize;

use crate::error::Result;
use crate::lang::GeneratedFile;
use crate::render::render;

use super::graph::Graph;
use super::markup::{Html, Markup};
use super::model::{PagePath, Site};
use super::search;
use super::snippets::Snippets;
use super::svg;
use super::views::{Block, Diagram, PageView, TITLE, Views, files};

struct Svg;

impl Diagram for Svg {
    fn diagram(&self, graph: &Graph, from: &PagePath, title: &str) -> Result<String> {
        svg::draw(graph, from, title)
    }
}

#[derive(Serialize)]
struct PageFile<'a> {
    header: &'a str,
    site_title: &'static str,
    /// The site's sections, as links from this page.
    nav: Vec<String>,
    style: &'a str,
    /// The search script, on the index only.
    script: &'a str,
    #[serde(flatten)]
    page: &'a PageView,
}

#[derive(Serialize)]
struct Search {
    index: String,
}

pub fn generate(
    site: &Site<'_>,
    snippets: &[Snippets],
    header: &str,
) -> Result<Vec<GeneratedFile>> {
    let views = Views {
        site,
        snippets,
        markup: Html,
        diagram: Svg,
    };
    let style = render("site/style.css", &serde_json::json!({}))?;
    let script = render("site/search.js", &serde_json::json!({}))?;
    let search_box = render(
        "site/search.html",
        &Search {
            index: search::script_json(&search::entries(site)),
        },
    )?;
    let mut pages = views.pages()?;
    if let Some(index) = pages.first_mut() {
        // After the introduction, before the diagram.
        let at = index.blocks.len().min(1);
        index.blocks.insert(at, Block::Raw { markup: search_box });
    }
    files::<Html>(&pages, |i, page| {
        render(
            "site/page.html",
            &PageFile {
                header,
                site_title: TITLE,
                nav: nav(&page.path),
                style: &style,
                script: if i == 0 { &script } else { "" },
                page,
            },
        )
    })
}

fn nav(from: &PagePath) -> Vec<String> {
    let index = Site::index_path().href(from, Html::EXT);
    [
        ("Overview", ""),
        ("Search", "#search"),
        ("Goals", "#goals"),
        ("Use cases", "#use-cases"),
        ("Events", "#events"),
    ]
    .iter()
    .map(|(label, fragment)| Html.link(&Html.text(label), &format!("{index}{fragment}")))
    .collect()
}
