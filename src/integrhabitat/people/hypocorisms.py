"""Common Spanish and Brazilian Portuguese hypocorisms (nicknames) of given names, for the duplicate scorer.

A person registered as "José" comes back as "Pepe", "Francisco" as "Paco" or "Chico", "Rosario" as
"Chayo": the two records share no letters the scorer could align, so `people.duplicates` looks the
words up here. Each nickname maps to the formal names it usually stands for: some to several ("Beto"
is Alberto, Roberto or Humberto), some to a compound name ("Chema" is José María). Written as
`integrhabitat.lib.text.fold` writes names (lower case, no accents: "Toño" is "tono", "Zé" is "ze").

Only nicknames that stand for their formal names in everyday use are listed, not diminutives that
the scorer already reads as abbreviations ("Juanito" starts with "Juan", "Rafa" with "Rafael"),
except a few so common that leaving them out would look like an oversight. Nicknames that stand for
too many names to mean anything ("Tito", "Nena") are left out: they would pair strangers.

Sources: general knowledge of Spanish and Portuguese hypocorisms, checked against
- Wikipedia (es), "Hipocorístico": https://es.wikipedia.org/wiki/Hipocor%C3%ADstico
- Wikipedia (pt), "Hipocorístico": https://pt.wikipedia.org/wiki/Hipocor%C3%ADstico
- Real Academia Española and ASALE, Diccionario de la lengua española, "hipocorístico, ca"
  (https://dle.rae.es/hipocor%C3%ADstico), and Ortografía de la lengua española (2010), on how
  hipocorísticos are formed and written (Dani, Pili: with "i").
- Michaelis, Dicionário Brasileiro da Língua Portuguesa, "hipocorístico" (Tião for Sebastião, Malu for
  Maria Lúcia).
"""

from collections import defaultdict

SPANISH: dict[str, set[str]] = {
    # José, Jesús, Francisco, Manuel, Ignacio: the best known.
    "pepe": {"jose"},
    "pepito": {"jose"},
    "chepe": {"jose"},
    "cheo": {"jose"},
    "chema": {"jose maria"},
    "josema": {"jose maria", "jose manuel"},
    "pepa": {"josefa"},
    "pepita": {"josefa"},
    "fina": {"josefina"},
    "chucho": {"jesus"},
    "chuy": {"jesus"},
    "chuito": {"jesus"},
    "chus": {"jesus"},
    "paco": {"francisco"},
    "pancho": {"francisco"},
    "pacho": {"francisco"},
    "curro": {"francisco"},
    "kiko": {"francisco", "federico", "enrique"},
    "paquito": {"francisco"},
    "panchito": {"francisco"},
    "pancha": {"francisca"},
    "paca": {"francisca"},
    "paquita": {"francisca"},
    "manolo": {"manuel"},
    "manolito": {"manuel"},
    "nacho": {"ignacio"},
    # Other men's names.
    "memo": {"guillermo"},
    "guille": {"guillermo"},
    "beto": {"alberto", "roberto", "humberto"},
    "tono": {"antonio"},
    "toni": {"antonio"},
    "quique": {"enrique"},
    "lalo": {"eduardo"},
    "rafa": {"rafael", "rafaela"},
    "fer": {"fernando", "fernanda"},
    "nando": {"fernando"},
    "alex": {"alejandro", "alejandra"},
    "lucho": {"luis"},
    "chalo": {"gonzalo"},
    "goyo": {"gregorio"},
    "chava": {"salvador"},
    "moncho": {"ramon"},
    "lencho": {"lorenzo"},
    "poncho": {"alfonso"},
    "fito": {"adolfo", "rodolfo"},
    "tavo": {"gustavo"},
    "checo": {"sergio"},
    "chente": {"vicente"},
    "pipe": {"felipe"},
    "charli": {"carlos"},
    "carlitos": {"carlos"},
    "juancho": {"juan"},
    "juanca": {"juan carlos"},
    "juanma": {"juan manuel"},
    "juampi": {"juan pablo"},
    "juanpa": {"juan pablo"},
    "juanfe": {"juan felipe"},
    "juanse": {"juan sebastian"},
    "juanjo": {"juan jose"},
    # Women's names.
    "lupe": {"guadalupe"},
    "lupita": {"guadalupe"},
    "chayo": {"rosario"},
    "charo": {"rosario"},
    "chari": {"rosario"},
    "charito": {"rosario"},
    "concha": {"concepcion"},
    "conchita": {"concepcion"},
    "conchi": {"concepcion"},
    "lola": {"dolores"},
    "lolita": {"dolores"},
    "pili": {"pilar"},
    "maruja": {"maria"},
    "chelo": {"consuelo"},
    "meche": {"mercedes"},
    "merche": {"mercedes"},
    "tere": {"teresa"},
    "maite": {"maria teresa"},
    "mafe": {"maria fernanda"},
    "majo": {"maria jose"},
    "marilo": {"maria dolores"},
    "marisol": {"maria soledad"},
    "chabela": {"isabel"},
    "licha": {"alicia"},
    "chela": {"graciela", "marcela"},
    "susi": {"susana"},
    "pati": {"patricia"},
    "cata": {"catalina"},
    "cati": {"catalina"},
    "leti": {"leticia"},
    "luci": {"lucia"},
}

PORTUGUESE: dict[str, set[str]] = {
    "ze": {"jose"},
    "zeca": {"jose"},
    "zezinho": {"jose"},
    "juca": {"jose"},
    "chico": {"francisco"},
    "chiquinho": {"francisco"},
    "tonho": {"antonio"},
    "toninho": {"antonio"},
    "tonico": {"antonio"},
    "tiao": {"sebastiao"},
    "bastiao": {"sebastiao"},
    "quim": {"joaquim"},
    "quinzinho": {"joaquim"},
    "mane": {"manuel"},
    "maneco": {"manuel"},
    "neco": {"manuel"},
    "dudu": {"eduardo"},
    "duda": {"eduarda", "eduardo", "maria eduarda"},
    "nando": {"fernando"},
    "nanda": {"fernanda"},
    "rafa": {"rafael", "rafaela"},
    "guto": {"augusto"},
    "xande": {"alexandre"},
    "lipe": {"felipe", "filipe"},
    "biel": {"gabriel"},
    "gabi": {"gabriela", "gabriel"},
    "bia": {"beatriz"},
    "bel": {"isabel"},
    "bete": {"elisabete", "elizabete", "elizabeth"},
    "lena": {"helena"},
    "malu": {"maria luisa", "maria luiza", "maria lucia"},
    "paulinho": {"paulo"},
    "carlinhos": {"carlos"},
}


def _merged(*tables: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    merged: dict[str, set[str]] = defaultdict(set)
    for table in tables:
        for nickname, names in table.items():
            merged[nickname] |= names
    return {nickname: frozenset(names) for nickname, names in merged.items()}


HYPOCORISMS = _merged(SPANISH, PORTUGUESE)


def formal_names(word: str) -> frozenset[str]:
    """The word and the formal given names it may be a nickname of: `pepe` → {"pepe", "jose"}, `jose` →
    {"jose"}. A final "y" is read as "i", as people write it either way ("Paty", "Tony", "Lety")."""
    names = HYPOCORISMS.get(word)
    if names is None and word.endswith("y"):
        names = HYPOCORISMS.get(word[:-1] + "i")
    return names | {word} if names else frozenset({word})
