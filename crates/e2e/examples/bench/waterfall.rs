//! The connect waterfall at one latency, drawn as SVG (docs/benchmarks-waterfall.svg).

use super::Figures;
use std::fmt::Write as _;

pub(crate) fn svg(f: &Figures) -> String {
    let total = f.waterfall.last().map_or(1.0, |(_, t)| t.max(1.0));
    let mut out = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"");
    let _ = write!(
        out,
        "{}\" font-family=\"sans-serif\" font-size=\"12\">",
        30 + 22 * f.waterfall.len()
    );
    let _ = write!(
        out,
        "<text x=\"10\" y=\"18\">Cold connect at L = {} ms (ms after Connect)</text>",
        f.latency
    );
    let mut previous = 0.0;
    for (i, (name, t)) in f.waterfall.iter().enumerate() {
        let y = 30 + 22 * i;
        let x = 160.0 + 520.0 * previous / total;
        let w = (520.0 * (t - previous) / total).max(2.0);
        let _ = write!(out, "<text x=\"10\" y=\"{}\">{name}</text><rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"14\" fill=\"#2f6fde\"/><text x=\"{:.1}\" y=\"{}\">{t:.0}</text>", y + 12, y, x + w + 4.0, y + 12);
        previous = *t;
    }
    out.push_str("</svg>\n");
    out
}
