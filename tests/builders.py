"""Builders of extraction records for tests that write graphs written for the tests."""


def span(text: str, sentence: str) -> dict:
    start = text.index(sentence)
    return {"sentence": sentence, "start": start, "end": start + len(sentence)}


def actor(actor_id: str, name: str, actor_type: str, *aliases: str, **extra) -> dict:
    return {"id": actor_id, "name": name, "type": actor_type, "aliases": list(aliases), **extra}


def relation(source: str, rel_type: str, target: str, text: str, sentence: str, **extra) -> dict:
    return {"source": source, "type": rel_type, "target": target, **span(text, sentence), **extra}
