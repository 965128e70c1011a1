"""The packs that had no glosses (bg hr nl pt ro sk sl sr) now read a body's long name by what its content
words mean, so a ministry, a court or a parliament's committee named in two of them is one (our own names)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui
from tui.engine import knowledge

TRANSPORT = ("development", "infrastructure", "ministry", "transport")
RIGHTS_COURT = ("court", "european", "human", "rights")
FOREIGN = ("affairs", "foreign", "ministry")
SECURITY_COMMITTEE = ("committee", "national", "security")


@pytest.mark.parametrize(("name", "language", "meaning"), [
    ("Ministerie van Infrastructuur en Ontwikkeling van Vervoer", "nl", TRANSPORT),
    ("Ministério dos Transportes e do Desenvolvimento das Infraestruturas", "pt", TRANSPORT),
    ("Ministerul Transporturilor și Dezvoltării Infrastructurii", "ro", TRANSPORT),
    ("Ministerstvo dopravy a rozvoja infraštruktúry", "sk", TRANSPORT),
    ("Ministrstvo za promet in razvoj infrastrukture", "sl", TRANSPORT),
    ("Ministarstvo prometa i razvoja infrastrukture", "hr", TRANSPORT),
    ("Министарство саобраћаја и развоја инфраструктуре", "sr", TRANSPORT),
    ("Министерството на транспорта и развитието на инфраструктурата", "bg", TRANSPORT),
    ("Tribunal Europeu dos Direitos Humanos", "pt", RIGHTS_COURT),
    ("Curtea Europeană a Drepturilor Omului", "ro", RIGHTS_COURT),
    ("Európsky súd pre ľudské práva", "sk", RIGHTS_COURT),
    ("Evropsko sodišče za človekove pravice", "sl", RIGHTS_COURT),
    ("Europski sud za ljudska prava", "hr", RIGHTS_COURT),
    ("Европски суд за људска права", "sr", RIGHTS_COURT),
    ("Европейският съд по правата на човека", "bg", RIGHTS_COURT),
    ("Ministerie van Buitenlandse Zaken", "nl", FOREIGN),
    ("Ministério dos Negócios Estrangeiros", "pt", FOREIGN),
    ("Ministerul Afacerilor Externe", "ro", FOREIGN),
    ("Ministerstvo zahraničných vecí", "sk", FOREIGN),
    ("Ministrstvo za zunanje zadeve", "sl", FOREIGN),
    ("Ministarstvo vanjskih poslova", "hr", FOREIGN),
    ("Ministarstvo spoljnih poslova", "sr", FOREIGN),
    ("Министерството на външните работи", "bg", FOREIGN),
    ("Nationale Veiligheidscommissie", "nl", ("commission", "national", "security")),  # a compound, read in parts
    ("Odbor za nacionalnu sigurnost", "hr", SECURITY_COMMITTEE),
    ("Comitetul pentru Securitate Națională", "ro", SECURITY_COMMITTEE),
])
def test_a_new_pack_glosses_a_long_name(name, language, meaning):
    gloss = knowledge.gloss_of(tuple(name.split()), language)
    assert gloss is not None and gloss[0] == meaning


def _entity_of(story: tui.Story, text: str):
    found = [e for e in story.entities if any(m.text == text for m in e.mentions)]
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(("first", "second"), [
    (("a_en.txt", "BUCHAREST - The National Nuclear Security Agency said on Monday that the new reactor would "
                  "open in May.\n", "National Nuclear Security Agency"),
     ("b_ro.txt", "BUCUREȘTI - Agenția Națională de Securitate Nucleară a anunțat luni că noul reactor se "
                  "deschide în mai.\n", "Agenția Națională de Securitate Nucleară")),
    (("a_ro.txt", "BUCUREȘTI - Curtea Europeană a Drepturilor Omului a decis marți că plângerea este "
                  "admisibilă.\n", "Curtea Europeană a Drepturilor Omului"),
     ("b_hr.txt", "ZAGREB - Europski sud za ljudska prava u utorak je odlučio da je pritužba dopuštena.\n",
      "Europski sud za ljudska prava")),
    (("a_en.txt", "BUCHAREST - The Supreme National Defence Council met on Friday to hear the minister.\n",
      "Supreme National Defence Council"),
     ("b_ro.txt", "BUCUREȘTI - Consiliul Suprem Național de Apărare s-a reunit vineri pentru a-l asculta pe "
                  "ministru.\n", "Consiliul Suprem Național de Apărare")),
])
def test_a_body_named_in_two_new_packs_is_one_entity(tmp_path: Path, first, second):
    for name, text, _mention in (first, second):
        (tmp_path / name).write_text(text, encoding="utf-8")
    story = tui.load(tmp_path)
    entity = _entity_of(story, first[2])
    assert any(m.text == second[2] for m in entity.mentions), [m.text for m in entity.mentions]
