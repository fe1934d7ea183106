"""Lotse core: loading, validating and walking the decision guide. Never imports Streamlit."""

from lotse.content.loader import Content, load_content
from lotse.content.problems import ContentError, Problem
from lotse.guide.result import Result, compute_result

__all__ = ["Content", "ContentError", "Problem", "Result", "compute_result", "load_content"]
