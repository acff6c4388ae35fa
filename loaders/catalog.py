"""The actor catalog: known actors kept as data (loaders/data/catalog) plus users' own files."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from loaders.text import fold, strip_article
from schemas.catalog import CatalogEntry, Role

class CatalogError(ValueError):
    """A catalog file that cannot be read: names the file and line."""

class SurfaceForm:
    """One way text names a catalog actor: the words, whose they are, and how they name it."""

    __slots__ = ("text", "actor_id", "kind", "exact_case")

    def __init__(self, text: str, actor_id: str, kind: str, exact_case: bool) -> None:
        self.text = text
        self.actor_id = actor_id
        self.kind = kind  # "name", "demonym" or "capital"
        self.exact_case = exact_case

class Catalog:
    def __init__(self, entries: Iterable[CatalogEntry]) -> None:
        self.entries: dict[str, CatalogEntry] = {}
        for entry in entries:
            self.entries[entry.id] = merge_entries(self.entries.get(entry.id), entry)
        self._by_name = self._index_names()

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, actor_id: str) -> CatalogEntry | None:
        return self.entries.get(actor_id)

    def lookup(self, name: str) -> list[CatalogEntry]:
        """Entries whose name or alias folds to the same string as `name`."""
        return [self.entries[i] for i in self._by_name.get(fold(strip_article(name)), ())]

    def surface_forms(self) -> Iterator[SurfaceForm]:
        for entry in self.entries.values():
            ambiguous = {fold(a) for a in entry.ambiguous_aliases}
            for kind, texts in (("name", [entry.name, *entry.aliases]), ("demonym", entry.demonyms), ("capital", entry.capitals)):
                for text in texts:
                    core = strip_article(text.strip())
                    if core:
                        yield SurfaceForm(core, entry.id, kind, fold(text) in ambiguous or fold(core) in ambiguous)

    def roles_on(self, actor_id: str, when: date | None) -> list[Role]:
        """The roles a person held on `when` (all roles when the date is unknown)."""
        entry = self.entries.get(actor_id)
        if entry is None:
            return []
        if when is None:
            return list(entry.roles)
        return [r for r in entry.roles if (r.start is None or r.start <= when) and (r.end is None or when <= r.end)]

    def _index_names(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for entry in self.entries.values():
            for text in {entry.name, *entry.aliases}:
                key = fold(strip_article(text))
                if entry.id not in index[key]:
                    index[key].append(entry.id)
        return index

def merge_entries(old: CatalogEntry | None, new: CatalogEntry) -> CatalogEntry:
    """A user's entry with a known id adds names and roles to the bundled one."""
    if old is None:
        return new
    merged = old.model_dump()
    for field in ("aliases", "demonyms", "capitals", "ambiguous_aliases"):
        merged[field] = list(dict.fromkeys([*getattr(old, field), *getattr(new, field)]))
    merged["roles"] = [*old.roles, *new.roles]
    for field in ("country", "part_of"):
        merged[field] = getattr(new, field) or getattr(old, field)
    return CatalogEntry.model_validate(merged)

def bundled_catalog_files() -> list[Path]:
    folder = resources.files("loaders") / "data" / "catalog"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".jsonl"))

def read_catalog_file(path: Path) -> Iterator[CatalogEntry]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read catalog file: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            yield CatalogEntry.model_validate_json(line)
        except ValidationError as exc:
            raise CatalogError(f"{path}:{number}: not a catalog entry: {exc.errors()[0]['msg']} at {exc.errors()[0]['loc']}") from exc

@lru_cache(maxsize=8)
def load_catalog(extra_files: tuple[str, ...] = ()) -> Catalog:
    """The bundled catalog plus users' files; cached because every pipeline shares it."""
    files = [*bundled_catalog_files(), *(Path(p) for p in extra_files)]
    return Catalog(entry for path in files for entry in read_catalog_file(path))
