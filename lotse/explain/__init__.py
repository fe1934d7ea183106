"""Layer 3, explain: results and flows in words and pictures (trace, wording, flow map, compare, summary)."""
