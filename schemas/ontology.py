"""The ontology of ONTOLOGY.md as enums: the only source of node labels and relationship types."""

from enum import StrEnum


class ActorType(StrEnum):
    STATE = "State"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    ARMED_GROUP = "ArmedGroup"
    MEDIA = "Media"


class RelationType(StrEnum):
    DENIES = "DENIES"
    ACCUSES = "ACCUSES"
    CRITICIZES = "CRITICIZES"
    THREATENS = "THREATENS"
    DEMANDS = "DEMANDS"
    REJECTS = "REJECTS"
    ASSURES = "ASSURES"
    MEETS = "MEETS"
    AGREES_WITH = "AGREES_WITH"
    SUPPORTS = "SUPPORTS"
    COOPERATES_WITH = "COOPERATES_WITH"
    AIDS = "AIDS"
    SANCTIONS = "SANCTIONS"
    CHARGED = "CHARGED"
    ARRESTS = "ARRESTS"
    ATTACKS = "ATTACKS"
    KILLS = "KILLS"
    PLOTS_AGAINST = "PLOTS_AGAINST"
    PROTESTS = "PROTESTS"
    MOBILIZES_AGAINST = "MOBILIZES_AGAINST"
    DIRECTS = "DIRECTS"
    LEADS = "LEADS"
    MEMBER_OF = "MEMBER_OF"
    PART_OF = "PART_OF"

    @property
    def is_affiliation(self) -> bool:
        return self in AFFILIATIONS

    @property
    def is_symmetric(self) -> bool:
        """MEETS, AGREES_WITH and COOPERATES_WITH hold in both directions."""
        return self in SYMMETRIC

    @property
    def plover(self) -> str | None:
        return PLOVER.get(self)

    @property
    def cameo(self) -> str | None:
        return CAMEO.get(self)


class Modality(StrEnum):
    ASSERTED = "asserted"
    ALLEGED = "alleged"
    INTENDED = "intended"
    HYPOTHETICAL = "hypothetical"


AFFILIATIONS = frozenset({RelationType.LEADS, RelationType.MEMBER_OF, RelationType.PART_OF})
SYMMETRIC = frozenset({RelationType.MEETS, RelationType.AGREES_WITH, RelationType.COOPERATES_WITH})

R = RelationType
PLOVER: dict[RelationType, str] = {
    R.DENIES: "REJECT", R.ACCUSES: "ACCUSE", R.CRITICIZES: "ACCUSE", R.THREATENS: "THREATEN",
    R.DEMANDS: "REQUEST", R.REJECTS: "REJECT", R.ASSURES: "AGREE", R.MEETS: "CONSULT",
    R.AGREES_WITH: "AGREE", R.SUPPORTS: "SUPPORT", R.COOPERATES_WITH: "COOPERATE", R.AIDS: "AID",
    R.SANCTIONS: "SANCTION", R.CHARGED: "COERCE", R.ARRESTS: "COERCE", R.ATTACKS: "ASSAULT",
    R.KILLS: "ASSAULT", R.PLOTS_AGAINST: "THREATEN", R.PROTESTS: "PROTEST",
    R.MOBILIZES_AGAINST: "MOBILIZE", R.DIRECTS: "COOPERATE",
}
CAMEO: dict[RelationType, str] = {
    R.DENIES: "016", R.ACCUSES: "112", R.CRITICIZES: "111", R.THREATENS: "13", R.DEMANDS: "10",
    R.REJECTS: "12", R.ASSURES: "03", R.MEETS: "04", R.AGREES_WITH: "057", R.SUPPORTS: "05",
    R.COOPERATES_WITH: "06", R.AIDS: "07", R.SANCTIONS: "16", R.CHARGED: "115",
    R.ARRESTS: "173", R.ATTACKS: "18", R.KILLS: "20", R.PLOTS_AGAINST: "13", R.PROTESTS: "14",
    R.MOBILIZES_AGAINST: "15",
}
del R
