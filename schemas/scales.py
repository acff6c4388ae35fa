"""Goldstein-style cooperation-conflict weights per relation type, for the dyad scores.

Goldstein (1992) scored each kind of interaction between states from -10 (most conflictual)
to +10 (most cooperative); the CAMEO codebook carries these scores per event code. Each event
type gets the score of the CAMEO code it maps to in `schemas/ontology.py`, or of the
subcode its cues name more precisely:

| Type | CAMEO code used | Weight |
| --- | --- | --- |
| `AGREES_WITH` | 057 sign formal agreement | +8.0 |
| `AIDS` | 07 provide aid | +7.0 |
| `COOPERATES_WITH` | 06 engage in material cooperation | +6.0 |
| `ASSURES` | 03 express intent to cooperate | +4.0 |
| `SUPPORTS` | 051 praise or endorse | +3.4 |
| `MEETS` | 04 consult | +1.0 |
| `DENIES` | 016 deny responsibility | -2.0 |
| `ACCUSES` | 112 accuse | -2.0 |
| `CRITICIZES` | 111 criticize or denounce | -2.0 |
| `REJECTS` | 12 reject | -4.0 |
| `DEMANDS` | 10 demand | -5.0 |
| `CHARGED` | 173 arrest, detain, or charge with legal action | -5.0 |
| `ARRESTS` | 173 arrest, detain, or charge with legal action | -5.0 |
| `THREATENS` | 13 threaten | -6.0 |
| `PLOTS_AGAINST` | 13 threaten | -6.0 |
| `PROTESTS` | 14 protest | -6.5 |
| `MOBILIZES_AGAINST` | 15 exhibit force posture | -7.2 |
| `SANCTIONS` | 163 impose embargo, boycott, or sanctions | -8.0 |
| `ATTACKS` | 18 assault | -9.0 |
| `KILLS` | 20 use unconventional mass violence; 1823 kill by physical assault | -10.0 |

`DIRECTS` (no CAMEO code: an order inside a chain of command) and the affiliations `LEADS`,
`MEMBER_OF` and `PART_OF` (states, not events) say nothing about cooperation or conflict and
have no weight: they are counted but not scored.
"""

from schemas.ontology import RelationType

R = RelationType
GOLDSTEIN: dict[RelationType, float] = {
    R.AGREES_WITH: 8.0,
    R.AIDS: 7.0,
    R.COOPERATES_WITH: 6.0,
    R.ASSURES: 4.0,
    R.SUPPORTS: 3.4,
    R.MEETS: 1.0,
    R.DENIES: -2.0,
    R.ACCUSES: -2.0,
    R.CRITICIZES: -2.0,
    R.REJECTS: -4.0,
    R.DEMANDS: -5.0,
    R.CHARGED: -5.0,
    R.ARRESTS: -5.0,
    R.THREATENS: -6.0,
    R.PLOTS_AGAINST: -6.0,
    R.PROTESTS: -6.5,
    R.MOBILIZES_AGAINST: -7.2,
    R.SANCTIONS: -8.0,
    R.ATTACKS: -9.0,
    R.KILLS: -10.0,
}
del R


def goldstein_weight(rel_type: RelationType | str) -> float | None:
    """The type's weight on Goldstein's -10..+10 scale; None for types that are not scored."""
    return GOLDSTEIN.get(RelationType(rel_type))
