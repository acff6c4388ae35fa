"""The extraction pipeline: spaCy's blank English plus geokg's own components and data.

A pretrained pipeline, when a user has one installed and names it in the settings, adds its
named entities and its dependency parse to the rules; the default needs nothing beyond the
packages in pyproject.
"""

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

import loaders.components  # noqa: F401  (registers the geokg factories)


class PipelineError(RuntimeError):
    """The configured pipeline cannot be built (a named model that is not installed, say)."""


def build_pipeline(catalog_files: tuple[str, ...] = (), pretrained: str | None = None) -> Language:
    nlp = spacy.blank("en")
    split_abbreviation_compounds(nlp)
    nlp.add_pipe("geokg_sentences")
    if pretrained:
        add_pretrained(nlp, pretrained)
    nlp.add_pipe("geokg_normalizer")
    nlp.add_pipe("geokg_actors", config={"catalog_files": list(catalog_files)})
    nlp.add_pipe("geokg_relations")
    return nlp


def split_abbreviation_compounds(nlp: Language) -> None:
    """'U.S.-Japan alliance', 'U.N.-backed': split the hyphen after an abbreviation, as after a word."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def add_pretrained(nlp: Language, name: str) -> None:
    """Source the parser and NER of an installed pretrained pipeline (with the tok2vec and tagger
    they listen to); its sentence boundaries stay geokg's (the sentencizer's rule and line breaks)."""
    try:
        source = spacy.load(name, exclude=["lemmatizer", "senter", "attribute_ruler"])
    except OSError as exc:
        raise PipelineError(f"spaCy pipeline {name!r} is not installed: unset GEOKG_SPACY_MODEL or install it") from exc
    for component in ("tok2vec", "tagger", "parser", "ner"):
        if component in source.pipe_names:
            nlp.add_pipe(component, source=source)


@lru_cache(maxsize=4)
def get_pipeline(catalog_files: tuple[str, ...] = (), pretrained: str | None = None) -> Language:
    return build_pipeline(catalog_files, pretrained)
