"""One-off script that wrote records.csv and hard_negatives.csv beside it: a labeled set of participant records
for measuring duplicate detection, written without looking at how the platform scores duplicates.

It is self-contained on purpose (standard library only, nothing from integrhabitat): its name lists, its
nicknames and its misspellings are its own, taken from how names are written in Colombian, Venezuelan,
Peruvian, Ecuadorian, Haitian and Brazilian registers and from the mistakes staff make typing them.

    python src/integrhabitat/bench/data/duplicates/make_records.py

Seeded: running it again writes the same files. README.md beside it says what the files hold.
"""

import csv
import random
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

SEED = 20261217
TODAY = date(2026, 12, 1)
HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------------------------
# Names. Lists go from the most to the least common: `pick` draws the first ones more often (a Zipf-like weight).

GIVEN = {
    "CO": {
        "female": [
            "María", "Luz Marina", "Ana María", "Sandra Milena", "Claudia Patricia", "Diana Marcela", "Martha Lucía",
            "Gloria Inés", "Blanca Nubia", "Luz Dary", "Yésica", "Yuliana", "Leidy Johana", "Paola Andrea",
            "Angie Paola", "Valentina", "Mariana", "Sofía", "Isabella", "Daniela", "Laura Sofía", "María José",
            "María Fernanda", "María Camila", "Natalia", "Carolina", "Andrea", "Adriana", "Lina Marcela",
            "Luisa Fernanda", "Juliana", "Yennifer", "Deisy", "Heidy", "Yuri", "Dayana", "Katherine", "Estefanía",
            "Stefany", "Karen Dayana", "Nataly", "Liliana", "Rosa Elena", "Carmen", "Ana Lucía", "Mercedes",
            "Dolores", "Rosario", "Consuelo", "Graciela", "Teresa", "Beatriz", "Isabel", "Margarita", "Alba Lucía",
            "Nelly", "Yolanda", "Amparo", "Olga Lucía", "Esperanza", "Gladys", "Luz Mery", "Maryury", "Yurany",
            "Mayerly", "Sara", "Salomé", "Emily", "Luciana", "Antonella", "Gabriela", "María Alejandra", "Josefina",
            "Francisca", "Concepción", "Patricia", "Cristina", "Elizabeth", "Ximena", "Yeraldine", "Johana",
        ],
        "male": [
            "José", "Luis Carlos", "Juan Carlos", "Jorge Eliécer", "Carlos Andrés", "Luis Fernando", "Juan David",
            "Juan Pablo", "Juan Sebastián", "Jhon Jairo", "Jhon Fredy", "Andrés Felipe", "Cristian Camilo",
            "Brayan Stiven", "Yeison", "Jefferson", "Wilmer", "Wilson", "Arley", "Duván", "Yorman", "Stiven",
            "Santiago", "Sebastián", "Mateo", "Samuel", "Alejandro", "Julián", "Camilo", "Daniel", "Nicolás",
            "Miguel Ángel", "Jesús", "Francisco", "Ignacio", "Antonio", "Guillermo", "Enrique", "Rafael", "Manuel",
            "Eduardo", "Gregorio", "Ramón", "Fernando", "Ricardo", "Alberto", "Roberto", "Humberto", "Gustavo",
            "Hernán", "Álvaro", "Édgar", "Fabio", "Orlando", "Jaime", "Héctor", "Diego", "Óscar", "Mauricio",
            "Rodolfo", "Ernesto", "Leonardo", "Javier", "Pedro", "Pablo", "Emiliano", "Thiago", "Matías",
            "Jerónimo", "Maximiliano", "Dilan", "Kevin", "Jhonatan", "Cristian", "Maicol", "Brayan",
        ],
    },
    "VE": {
        "female": [
            "María", "María Gabriela", "María Alejandra", "María José", "María Fernanda", "María de los Ángeles",
            "Yusmary", "Yorbelis", "Yuleisy", "Oriana", "Génesis", "Luisana", "Mariangel", "Daniela", "Andreína",
            "Yelitza", "Carmen", "Yajaira", "Maritza", "Milagros", "Rosa", "Yohana", "Yenny", "Karla", "Yessica",
            "Dayerlin", "Anyelis", "Yeraldine", "Wendy", "Ana Karina", "Ana Isabel", "Luz Marina", "Gladys",
            "Mercedes", "Dolores", "Josefina", "Zuleima", "Valeria", "Victoria", "Isabella", "Sofía", "Camila",
            "Valentina", "Guadalupe", "María del Carmen", "María Teresa", "Rosario", "Yuliannys", "Nairobi",
        ],
        "male": [
            "José", "José Gregorio", "José Luis", "Luis Alberto", "Jesús", "Jesús Alberto", "Carlos Eduardo",
            "Juan José", "Jorge Luis", "Yorman", "Yonaiker", "Yohandry", "Deivis", "Keiner", "Kleiber", "Anderson",
            "Eliécer", "Ender", "Richard", "Wilmer", "Wilmer José", "Ramón", "Rafael", "Manuel", "Pedro", "Miguel",
            "Alexander", "Jonathan", "Jhonny", "Freddy", "Franklin", "Henry", "Nelson", "Douglas", "Omar",
            "Orlando", "Gustavo", "Enrique", "Francisco", "Antonio", "Ignacio", "Gregorio", "Eduardo", "Guillermo",
            "Santiago", "Sebastián", "Samuel", "Diego", "Daniel", "Gabriel", "Luis Fernando", "Víctor", "Leonardo",
            "Yeferson", "Kelvin",
        ],
    },
    "PE": {
        "female": [
            "Rosa", "Juana", "María", "Luz", "Milagros", "Yessenia", "Lizbeth", "Flor", "Roxana", "Rocío", "Nelly",
            "Marleni", "Yaneth", "Gladys", "Elizabeth", "Carmen", "Ruth", "Marisol", "Sonia", "Pilar", "Fiorella",
            "Kiara", "Mía", "Camila", "Valeria", "Guadalupe", "Teresa", "Rosa María", "Maribel",
        ],
        "male": [
            "Juan", "José", "Luis", "Jhon", "Jhonatan", "Elmer", "Wilber", "Edwin", "Nilton", "Percy", "Alex",
            "Richard", "Walter", "César", "Víctor", "Julio", "Segundo", "Santos", "Hugo", "Raúl", "Rubén",
            "Fernando", "Jesús", "Miguel", "Jorge", "Francisco", "Antonio", "Gonzalo", "Máximo", "Juan Carlos",
        ],
    },
    "EC": {
        "female": [
            "María", "Joselyn", "Mishel", "Nayeli", "Dayana", "Jessica", "Gissela", "Katherine", "Nathaly", "Mayra",
            "Verónica", "Ana Lucía", "Rosa", "Gloria", "Blanca", "Fanny", "Narcisa", "Mercedes", "Dolores", "Emilia",
            "Doménica", "Valentina", "Ariana", "María Belén",
        ],
        "male": [
            "Luis Alfredo", "Jefferson", "Kevin", "Bryan", "Darwin", "Segundo", "Washington", "Holger", "Wilmer",
            "Fausto", "Jorge", "José", "Juan", "Carlos", "Klever", "Byron", "Fabián", "Edison", "Patricio", "Xavier",
            "Marcelo", "Diego", "Mateo", "Santiago", "Dylan", "Enrique", "Ángel",
        ],
    },
    "HT": {
        "female": [
            "Marie", "Rose", "Wideline", "Nadège", "Fabiola", "Guerline", "Jocelyne", "Kerline", "Daphnée",
            "Roseline", "Marie Carmelle", "Esther", "Mirlande", "Islande", "Fedna", "Judith", "Lovely", "Nathalie",
        ],
        "male": [
            "Jean", "Jean-Pierre", "Jean Robert", "Mackenson", "Wilner", "Peterson", "Schneider", "Frantz",
            "Jean-Claude", "Ricardo", "Wesly", "Emmanuel", "Joseph", "Pierre", "Louis", "Roodly", "Stanley",
            "Woodley", "Jacques",
        ],
    },
    "BR": {
        "female": [
            "Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Patrícia", "Aline",
            "Sandra", "Camila", "Amanda", "Bruna", "Jéssica", "Letícia", "Raimunda", "Maria da Conceição",
            "Maria das Graças",
        ],
        "male": [
            "José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos", "Luís",
            "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe", "Raimundo", "Rodrigo",
            "João Pedro", "José Carlos",
        ],
    },
}

SURNAMES = {
    "CO": [
        "Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández", "Sánchez", "Ramírez", "Pérez",
        "Díaz", "Muñoz", "Rojas", "Moreno", "Jiménez", "Vargas", "Castro", "Gutiérrez", "Álvarez", "Romero",
        "Suárez", "Ortiz", "Torres", "Valencia", "Quintero", "Restrepo", "Cardona", "Osorio", "Mosquera",
        "Palacios", "Rentería", "Córdoba", "Londoño", "Arango", "Ospina", "Zapata", "Giraldo", "Agudelo",
        "Betancur", "Henao", "Mejía", "Salazar", "Cárdenas", "Guerrero", "Herrera", "Medina", "Aguilar", "Castaño",
        "Patiño", "Montoya", "Villamizar", "Benavides", "Ceballos", "Velásquez", "Vásquez", "Chávez", "Bolívar",
        "Peña", "Acosta", "Rincón", "Niño", "Ibáñez", "Yepes", "Llanos", "Zambrano", "de la Cruz", "del Río",
        "de la Hoz", "de los Ríos", "Echeverri", "Uribe", "Cifuentes", "Barrera", "Bermúdez", "Avendaño",
        "Carvajal",
    ],
    "VE": [
        "González", "Rodríguez", "Pérez", "Hernández", "García", "Martínez", "López", "Díaz", "Sánchez", "Ramírez",
        "Rojas", "Fernández", "Álvarez", "Gómez", "Torres", "Moreno", "Flores", "Rivas", "Contreras", "Guerrero",
        "Blanco", "Medina", "Herrera", "Marcano", "Briceño", "Castillo", "Chirinos", "Villalobos", "Urdaneta",
        "Montilla", "Salazar", "Rondón", "Parra", "Mendoza", "Silva", "Quintero", "Zambrano", "Vielma",
        "Colmenares", "Bracho", "Mujica", "Aponte", "Yánez", "Ramos", "Suárez", "Acosta", "Bolívar", "Carrasquel",
        "Lugo", "Ocanto", "Velásquez", "Añez", "Núñez", "Peña", "Rivero", "Linares", "de la Rosa",
    ],
    "PE": [
        "Quispe", "Flores", "Sánchez", "Rodríguez", "García", "Huamán", "Mamani", "Chávez", "Rojas", "Díaz",
        "Vásquez", "Ramos", "Torres", "Mendoza", "Condori", "Castillo", "Espinoza", "López", "Pérez", "Gonzales",
        "Cruz", "Ccahuana", "Ticona", "Apaza", "Cóndor", "Huanca", "Choque", "Yupanqui", "Villanueva", "Salazar",
        "Paredes", "Vargas", "Gutiérrez", "Ñahui",
    ],
    "EC": [
        "Zambrano", "Rodríguez", "Vera", "Sánchez", "Mendoza", "Cedeño", "Chávez", "Álava", "Macías", "Moreira",
        "Andrade", "Guamán", "Tenesaca", "Chimbo", "Pillajo", "Guaranda", "Mero", "Vélez", "Loor", "Intriago",
        "Bravo", "Castro", "Ortiz", "Torres", "Jaramillo", "Gómez", "Morocho", "Yánez", "Cevallos", "Villacís",
        "Espinoza", "Suárez",
    ],
    "HT": [
        "Jean", "Pierre", "Joseph", "Louis", "Charles", "Jean-Baptiste", "Saint-Fleur", "Dorvil", "Exantus",
        "Désir", "Célestin", "Augustin", "Théodore", "Michel", "François", "Baptiste", "Étienne", "Paul", "Noël",
        "Cadet", "Fils-Aimé", "Bien-Aimé", "Saint-Louis", "Alexis", "Dorsainvil",
    ],
    "BR": [
        "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
        "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
        "Nascimento", "Araújo", "da Silva", "dos Santos", "de Souza", "da Conceição",
    ],
}

# Names of a generation: few people born after 1995 are called Gregorio, few born before 1980 Thiago.
OLD_NAMES = {
    "Luz Marina", "Claudia Patricia", "Martha Lucía", "Gloria Inés", "Blanca Nubia", "Luz Dary", "Rosa Elena",
    "Mercedes", "Dolores", "Rosario", "Consuelo", "Graciela", "Teresa", "Beatriz", "Margarita", "Alba Lucía",
    "Nelly", "Yolanda", "Amparo", "Olga Lucía", "Esperanza", "Gladys", "Luz Mery", "Josefina", "Francisca",
    "Concepción", "Jorge Eliécer", "Gregorio", "Ramón", "Humberto", "Gustavo", "Hernán", "Álvaro", "Fabio",
    "Orlando", "Jaime", "Héctor", "Rodolfo", "Ernesto", "Ignacio", "Guillermo", "Enrique", "Yajaira", "Maritza",
    "Zuleima", "Douglas", "Nelson", "Omar", "Franklin", "Juana", "Marleni", "Segundo", "Santos", "Máximo",
    "Fanny", "Narcisa", "Washington", "Holger", "Fausto", "Raimunda", "Raimundo", "Maria das Graças",
    "Maria da Conceição", "Márcia", "Jocelyne", "Jacques", "Blanca", "Gloria", "Walter", "Hugo", "Luz",
}
YOUNG_NAMES = {
    "Valentina", "Mariana", "Sofía", "Isabella", "Laura Sofía", "María José", "Salomé", "Emily", "Luciana",
    "Antonella", "Santiago", "Sebastián", "Mateo", "Samuel", "Thiago", "Matías", "Jerónimo", "Maximiliano",
    "Emiliano", "Dilan", "Kevin", "Brayan", "Brayan Stiven", "Stiven", "Juan Sebastián", "Juan David", "Yonaiker",
    "Keiner", "Yohandry", "Génesis", "Oriana", "Luisana", "Mariangel", "Yuliannys", "Dayerlin", "Valeria",
    "Victoria", "Camila", "Kiara", "Mía", "Fiorella", "Doménica", "Ariana", "Dylan", "Nayeli", "Mishel",
    "Joselyn", "Lucas", "Gabriel", "João Pedro", "Bruna", "Amanda", "Letícia", "Aranza", "Maicol", "Yeraldine",
    "Angie Paola", "Karen Dayana", "Nataly", "Stefany", "Estefanía", "Jhonatan", "Jefferson", "Yeferson",
}

# Where the people of a center in Colombia come from (host community and migrants).
COUNTRIES = [("CO", 45), ("VE", 36), ("PE", 6), ("EC", 7), ("HT", 3), ("BR", 3)]

# Second given names added when someone gives a fuller name the second time ("José" → "José Gregorio").
SECOND_GIVEN = {
    "female": ["Alejandra", "Andrea", "Fernanda", "Isabel", "Lucía", "Marcela", "Patricia", "Milena", "Johana",
               "Paola", "Carolina", "Cristina", "Elena", "Teresa", "Victoria", "Camila", "del Carmen"],
    "male": ["Alberto", "Andrés", "Antonio", "Carlos", "David", "Eduardo", "Felipe", "Fernando", "Gregorio",
             "José", "Javier", "Luis", "Manuel", "Miguel", "Pablo", "Sebastián", "Rafael", "Enrique", "Alexander"],
}

# Hypocorisms people give instead of (or are registered with before) their name, as used in Latin America.
NICKNAMES = {
    "José": ["Pepe", "Chepe", "Cheo", "Joselito"], "Luis": ["Lucho"], "Jesús": ["Chucho", "Chuy"],
    "Francisco": ["Paco", "Pancho", "Pacho"], "Ignacio": ["Nacho"], "Antonio": ["Toño", "Tony"],
    "Guadalupe": ["Lupe", "Lupita"], "Guillermo": ["Memo", "Guille"], "Enrique": ["Kike", "Quique"],
    "Alejandro": ["Alejo", "Álex"], "Alberto": ["Beto"], "Roberto": ["Beto", "Robert"], "Humberto": ["Beto"],
    "Manuel": ["Manolo", "Manu"], "Rafael": ["Rafa"], "Eduardo": ["Lalo", "Edu"], "Gregorio": ["Goyo"],
    "Rosario": ["Charo", "Chayo"], "Concepción": ["Concha", "Conchita"], "Dolores": ["Lola", "Lolita"],
    "Consuelo": ["Chelo"], "Mercedes": ["Meche"], "Graciela": ["Chela"], "Ramón": ["Moncho"],
    "Santiago": ["Santi"], "Sebastián": ["Sebas"], "Daniela": ["Dani"], "Valentina": ["Vale"],
    "Gabriela": ["Gabi"], "Fernando": ["Nando", "Fer"], "Ricardo": ["Richi"], "Isabel": ["Chabela", "Isa"],
    "Josefina": ["Fina", "Pepa"], "Teresa": ["Tere"], "Margarita": ["Marga", "Magui"],
    "Francisca": ["Paca", "Pancha"], "Mauricio": ["Mao"], "Rodolfo": ["Fito"], "Ernesto": ["Neto"],
    "Nicolás": ["Nico"], "Natalia": ["Nati"], "Patricia": ["Paty"], "Cristina": ["Cris"], "Liliana": ["Lili"],
    "Alejandra": ["Aleja", "Ale"], "Beatriz": ["Bea"], "Leonardo": ["Leo"], "Elizabeth": ["Eli", "Betty"],
    "Carolina": ["Caro"], "Juan": ["Juancho"], "Gustavo": ["Tavo"], "Camila": ["Cami"], "Sofía": ["Sofi"],
    "Mariana": ["Mari"], "Estefanía": ["Tefa"], "Yolanda": ["Yoli"], "Jorge": ["Coque"],
    "María José": ["Majo"], "María Fernanda": ["Mafe"], "Juan Carlos": ["Juanca"], "Juan José": ["Juanjo"],
    "María del Carmen": ["Maricarmen"], "María Isabel": ["Maribel"], "María Luisa": ["Marisa"],
    "María Teresa": ["Maite"], "María de los Ángeles": ["Marielos"], "Luis Alberto": ["Lucho"],
    "Luis Fernando": ["Lucho"], "Luis Carlos": ["Lucho"], "Jesús Alberto": ["Chucho"], "José Luis": ["Pepe"],
    "José Gregorio": ["Goyo", "Cheo"], "Eliécer": ["Cheche"],
    "Ana": ["Anita"], "Carlos": ["Carlitos"], "Rosa": ["Rosita"], "Juana": ["Juanita"], "Pedro": ["Perucho"],
    "Carmen": ["Carmencita", "Menchu"], "Miguel": ["Miguelito"], "Pablo": ["Pablito"], "Alexander": ["Álex"],
    "Jonathan": ["Jona"], "Jhonatan": ["Jhona"], "Cristian": ["Cris"], "Fernanda": ["Fer"], "Julián": ["Juli"],
    "Andrés": ["Andresito"], "Orlando": ["Lando"], "Eugenia": ["Queña"],
    # Brazil
    "João": ["Joãozinho"], "Antônio": ["Tonho"], "Raimundo": ["Mundinho"],
}

# Spellings of one name that registers hold side by side (what a clerk hears and writes).
SPELLINGS = [
    ["Yésica", "Jessica", "Yesica", "Yessica", "Jésica"], ["Yorman", "Jorman"], ["Jhon", "John", "Jon"],
    ["Stiven", "Steven", "Estiven", "Stiben"], ["Brayan", "Bryan", "Brian", "Braian"],
    ["Yennifer", "Jennifer", "Yenifer", "Jenifer"], ["Heidy", "Heidi", "Eidy", "Heydi"],
    ["Deisy", "Daisy", "Deysi", "Deicy"], ["Wilmer", "Wilmar", "Vilmer"], ["Yohana", "Johana", "Johanna", "Yoana"],
    ["Yeison", "Jeison", "Jason", "Yeyson"], ["Jefferson", "Jeferson", "Yeferson"],
    ["Katherine", "Katerine", "Catherine", "Katerin"], ["Estefanía", "Stefanía", "Estephanía"],
    ["Stefany", "Estefany", "Stephanie", "Estefani"], ["Leidy", "Lady", "Leydi", "Leidi"],
    ["Jhonatan", "Jonathan", "Yonatan", "Jonatán"], ["Dayana", "Dayanna", "Dallana"],
    ["Nataly", "Nathaly", "Nathalie", "Natali"], ["Maryury", "Mariury", "Maryuri"], ["Yurany", "Yurani", "Yuranny"],
    ["Mayerly", "Mayerli", "Maireli"], ["Cristian", "Christian", "Kristian"],
    ["Yeraldine", "Geraldine", "Jeraldine"], ["Ximena", "Jimena"], ["Elizabeth", "Elisabeth", "Elizabet"],
    ["Wendy", "Wendi"], ["Jhonny", "Johnny", "Jhony", "Yoni"], ["Freddy", "Fredy", "Fredi"], ["Édgar", "Edgard"],
    ["Kevin", "Kebin"], ["Dilan", "Dylan"], ["Maicol", "Michael", "Maikol"], ["Yuleisy", "Yuleisi", "Yuleysi"],
    ["Yusmary", "Yusmari", "Jusmary"], ["Xavier", "Javier"], ["Génesis", "Jénesis"], ["Kleiber", "Cleiber", "Kleyber"],
    ["Deivis", "Deibis", "Davis"], ["Mishel", "Michelle", "Michel"], ["Joselyn", "Yoselin", "Joselin", "Jocelyn"],
    ["Nayeli", "Nayely"], ["Gissela", "Gisela", "Guisela"], ["Klever", "Cléver", "Kléber"], ["Byron", "Bairon"],
    ["Wideline", "Widline"], ["Guerline", "Gerline"], ["Mackenson", "Makenson"], ["Schneider", "Sneider", "Snaider"],
    ["Daphnée", "Dafne", "Daphne"], ["Roodly", "Rodly"], ["Yessenia", "Yesenia", "Jesenia"], ["Yaneth", "Janeth"],
    ["Lizbeth", "Lisbeth"], ["Yelitza", "Yelisa", "Yelitsa"], ["Yajaira", "Yahaira"], ["Anyelis", "Angelis"],
    ["Kelvin", "Kelbin"], ["Yohandry", "Johandry"], ["Yonaiker", "Jonaiker"], ["Nilton", "Milton"],
    ["Wilber", "Wilbert", "Vilber"], ["Elmer", "Helmer"], ["Edison", "Edisson"], ["Jhon Jairo", "John Jairo"],
    # surnames
    ["González", "Gonzales", "Gonzáles"], ["Vásquez", "Vázquez", "Basquez"], ["Velásquez", "Velázquez"],
    ["Méndez", "Mendes"], ["Benavides", "Benavidez", "Venavides"], ["Villamizar", "Villamisar"],
    ["Ceballos", "Cevallos", "Zeballos"], ["Zambrano", "Sambrano"], ["Herrera", "Errera"], ["Llanos", "Yanos"],
    ["Yepes", "Yépez"], ["Rivas", "Ribas"], ["Chávez", "Chaves"], ["Ibáñez", "Ybáñez"], ["Bolívar", "Bolibar"],
    ["Yánez", "Yáñez", "Llánez"], ["Huamán", "Guamán", "Wamán"], ["Quispe", "Kispe"], ["Ccahuana", "Cahuana"],
    ["Jiménez", "Giménez", "Ximénez"], ["Espinoza", "Espinosa"], ["Vélez", "Véliz"], ["Mujica", "Múgica"],
    ["Briceño", "Briseño"], ["Osorio", "Ossorio"], ["Saint-Fleur", "Sainfleur", "St. Fleur"],
    ["Jean-Baptiste", "Jean Baptiste", "Jeanbaptiste"], ["Désir", "Dezir"], ["Souza", "Sousa"],
    ["Villalobos", "Villalovos"], ["Hernández", "Hernándes"], ["Rodríguez", "Rodrígues"],
    ["Álvarez", "Álvares"], ["Núñez", "Núñes"], ["Colmenares", "Colmenarez"], ["Añez", "Añes"],
]
SPELLING_OF: dict[str, list[str]] = {}
for _family in SPELLINGS:
    for _name in _family:
        SPELLING_OF.setdefault(_name.lower(), _family)
        SPELLING_OF.setdefault(unicodedata.normalize("NFD", _name.lower()).encode("ascii", "ignore").decode(), _family)

# Sound-alike rewrites of Spanish spelling, for names no list above holds: (pattern, replacement).
SOUND_RULES = [
    (r"v", "b"), (r"b", "v"), (r"z\b", "s"), (r"s\b", "z"), (r"ce", "se"), (r"ci", "si"), (r"z", "s"),
    (r"(?<=[aeiou])ll(?=[aeiou])", "y"), (r"(?<=[aeiou])y(?=[aeiou])", "ll"), (r"^h(?=[aeiou])", ""),
    (r"y\b", "i"), (r"(?<=[aeiou])i\b", "y"), (r"ge", "je"), (r"gi", "ji"), (r"je", "ge"), (r"^x", "j"),
    (r"qu(?=[ei])", "k"), (r"ss", "s"), (r"nn", "n"), (r"th", "t"), (r"ph", "f"), (r"(?<=[jt])h", ""),
    (r"ei", "ey"), (r"ey", "ei"), (r"ai", "ay"), (r"^y(?=[aeiou])", "j"), (r"^j(?=[aeiou])", "y"),
]

# What a scanner's character recognition confuses, in names and in document numbers.
OCR_LETTERS = [("m", "rn"), ("rn", "m"), ("d", "cl"), ("cl", "d"), ("l", "1"), ("I", "l"), ("e", "c"),
               ("n", "ri"), ("h", "li"), ("w", "vv"), ("o", "0"), ("S", "5"), ("í", "i"), ("ñ", "n"), ("u", "ii")]
OCR_DIGITS = [("0", "O"), ("1", "l"), ("1", "I"), ("5", "S"), ("8", "B"), ("6", "G"), ("2", "Z")]

# Spanish (Latin American) keyboard: keys beside each letter.
KEY_ROWS = ["qwertyuiop", "asdfghjklñ", "zxcvbnm"]


def _neighbours() -> dict[str, str]:
    near: dict[str, str] = {}
    for r, row in enumerate(KEY_ROWS):
        for c, key in enumerate(row):
            around = [row[c - 1] if c else "", row[c + 1] if c + 1 < len(row) else ""]
            for other in (r - 1, r + 1):
                if 0 <= other < len(KEY_ROWS):
                    around += [KEY_ROWS[other][i] for i in (c - 1, c, c + 1) if 0 <= i < len(KEY_ROWS[other])]
            near[key] = "".join(around)
    return near


NEAR_KEYS = _neighbours()

# Hard negatives' names.
COMMON_GIVEN = [("José", "male"), ("María", "female"), ("Luis", "male"), ("Ana", "female"),
                ("Juan Carlos", "male"), ("María Fernanda", "female"), ("Carlos", "male"), ("Jorge", "male"),
                ("Rosa", "female"), ("Carmen", "female"), ("Luz Marina", "female"), ("José Luis", "male"),
                ("Juan", "male"), ("Miguel", "male"), ("Jesús", "male"), ("Daniela", "female")]
COMMON_SURNAMES = ["Rodríguez", "García", "González", "Hernández", "Pérez", "Martínez", "López", "Gómez",
                   "Sánchez", "Díaz", "Ramírez", "Torres"]
UNISEX_GIVEN = ["Guadalupe", "Rosario", "Cruz", "Trinidad", "Alexis", "Yuri", "Dayan", "Reyes", "Noel", "Ariel",
                "Jesús", "Asunción"]
GENDERED_PAIRS = [("Daniel", "Daniela"), ("Gabriel", "Gabriela"), ("Luis", "Luisa"), ("Fernando", "Fernanda"),
                  ("Mario", "María"), ("Juan", "Juana"), ("Francisco", "Francisca"), ("Antonio", "Antonia"),
                  ("Alejandro", "Alejandra"), ("Camilo", "Camila"), ("Julián", "Juliana"), ("Andrés", "Andrea"),
                  ("Manuel", "Manuela"), ("Emanuel", "Emanuela"), ("Valentín", "Valentina"), ("José", "Josefa"),
                  ("Paulo", "Paula"), ("Sergio", "Sergia")]
TWIN_NAMES = [("Juan David", "Juan Pablo"), ("Juan José", "Juan Manuel"), ("María José", "María Paula"),
              ("Ana María", "Ana Lucía"), ("Luis Miguel", "Luis Ángel"), ("Yeison", "Yeiner"),
              ("Samuel", "Santiago"), ("Mateo", "Matías"), ("Valentina", "Valeria"), ("Daniel", "Daniela"),
              ("Gabriel", "Gabriela"), ("Luis", "Luisa"), ("Camilo", "Camila"), ("Sara", "Sofía"),
              ("Kevin", "Brayan"), ("Dilan", "Dylan Andrés"), ("Emanuel", "Samuel"), ("Yorman", "Yorbis"),
              ("Ángel", "Ángela"), ("María Camila", "María Alejandra")]
TWIN_SEX = {"Daniela": "female", "Gabriela": "female", "Luisa": "female", "Camila": "female", "Ángela": "female",
            "Valentina": "female", "Valeria": "female", "Sara": "female", "Sofía": "female", "Ana María": "female",
            "Ana Lucía": "female", "María José": "female", "María Paula": "female", "María Camila": "female",
            "María Alejandra": "female"}


# ---------------------------------------------------------------------------------------------------------------
# Helpers.


def plain(text: str) -> str:
    """Without accents (ñ too): how most people type names on a keyboard."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def given_name(rng: random.Random, country: str, sex: str, birth: date | None) -> str:
    names = GIVEN[country][sex]
    if birth and birth.year >= 1995:
        names = [n for n in names if n not in OLD_NAMES]
    elif birth and birth.year < 1980:
        names = [n for n in names if n not in YOUNG_NAMES]
    return pick(rng, names)


def pick(rng: random.Random, items: list, skew: float = 0.9):
    return rng.choices(items, weights=[1 / (i + 1) ** skew for i in range(len(items))])[0]


def title_token(token: str) -> str:
    return token[:1].upper() + token[1:]


def with_case_of(new: str, old: str) -> str:
    return title_token(new) if old[:1].isupper() else new


def replace_at(rng: random.Random, text: str, pattern: str, repl: str) -> str | None:
    spots = list(re.finditer(pattern, text))
    if not spots:
        return None
    spot = rng.choice(spots)
    return text[:spot.start()] + repl + text[spot.end():]


def birth_between(rng: random.Random, oldest: int, youngest: int) -> date:
    """A birth date of someone between `youngest` and `oldest` years old on TODAY."""
    start = TODAY.replace(year=TODAY.year - oldest - 1) + timedelta(days=1)
    end = TODAY.replace(year=TODAY.year - youngest)
    return start + timedelta(days=rng.randrange((end - start).days))


def phone_for(rng: random.Random, country: str) -> str:
    """A mobile number in E.164: most migrants in Colombia use a Colombian line, some keep their own."""
    home = country if rng.random() < 0.3 else "CO"
    if home == "VE":
        return f"+58{rng.choice(['412', '414', '416', '424', '426'])}{rng.randrange(10**7):07d}"
    if home == "PE":
        return f"+519{rng.randrange(10**8):08d}"
    if home == "EC":
        return f"+5939{rng.randrange(10**8):08d}"
    if home == "HT":
        return f"+509{rng.choice('34')}{rng.randrange(10**7):07d}"
    if home == "BR":
        return f"+55{rng.choice(['11', '21', '92', '95', '97'])}9{rng.randrange(10**8):08d}"
    prefix = rng.choice(["300", "301", "302", "304", "305", "310", "311", "312", "313", "314", "315", "316",
                         "317", "318", "319", "320", "321", "322", "323", "350", "351"])
    return f"+57{prefix}{rng.randrange(10**7):07d}"


def document_for(rng: random.Random, country: str, birth: date | None) -> str:
    """A document number written as people write them on forms."""
    age = (TODAY - birth).days // 365 if birth else 30
    if country == "CO":
        if age < 18:
            return f"1{rng.randrange(10**9, 10**10)}"  # tarjeta de identidad / NUIP
        number = f"{rng.randrange(10**9, 11 * 10**8)}" if age < 45 else f"{rng.randrange(10**7, 10**8 - 1)}"
        return dotted(number) if rng.random() < 0.3 else number
    if country == "VE":
        if age < 9 or rng.random() < 0.35:  # PPT: the Colombian temporary protection permit
            return f"{rng.randrange(10**6, 10**7)}"
        # Venezuelan cédulas were numbered in order: the younger the person, the higher the number.
        year = birth.year if birth else 1996
        low = min(max(500_000 * (year - 1945), 800_000), 32_000_000)
        number = str(rng.randrange(low, low + 3_000_000))
        return rng.choice([f"V-{number}", f"V{number}", number, f"V-{dotted(number)}"])
    if country == "PE":
        return f"{rng.randrange(10**7, 8 * 10**7):08d}"
    if country == "EC":
        return f"{rng.randrange(1, 25):02d}{rng.randrange(10**8):08d}"
    if country == "HT":
        digits = f"{rng.randrange(10**9):09d}0"
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]}-{digits[9]}"
    digits = f"{rng.randrange(10**10, 10**11):011d}"
    return f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}-{digits[9:]}"


def dotted(number: str) -> str:
    groups = []
    while number:
        groups.insert(0, number[-3:])
        number = number[:-3]
    return ".".join(groups)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def email_for(rng: random.Random, given: str, surnames: list[str], birth: date | None) -> str:
    first = plain(given.split()[0]).lower().replace("-", "")
    last = plain(surnames[0]).lower().replace(" ", "").replace("-", "") if surnames else "x"
    tail = rng.choice(["", str(birth.year % 100).zfill(2) if birth else "", str(rng.randrange(1, 999))])
    style = rng.choice([f"{first}.{last}", f"{first}{last}", f"{first}_{last}", f"{first[0]}{last}"])
    return f"{style}{tail}@{rng.choice(['gmail.com', 'gmail.com', 'hotmail.com', 'yahoo.es', 'outlook.com'])}"


# ---------------------------------------------------------------------------------------------------------------
# People and records.


@dataclass
class Person:
    pid: int
    country: str
    sex: str  # female / male / intersex
    given: str  # as the person says it, with accents
    surnames: list[str]
    birth: date | None
    estimated: bool = False
    phone: str = ""
    document: str = ""
    email: str = ""
    records: list["Record"] = field(default_factory=list)


@dataclass
class Record:
    pid: int
    given: str
    family: str
    birth: date | None
    estimated: bool
    sex: str
    phone: str
    document: str
    email: str
    variation: str = "original"


def first_record(rng: random.Random, p: Person) -> Record:
    """How the person was first typed in: a quarter of clerks type without accents, and some forms keep one
    surname only."""
    surnames = p.surnames
    if len(surnames) > 1 and p.country not in ("HT",) and rng.random() < 0.12:
        surnames = surnames[:1]
    given, family = p.given, " ".join(surnames)
    if rng.random() < 0.25:
        given, family = plain(given), plain(family)
    sex = p.sex if rng.random() > 0.05 else ""
    return Record(p.pid, given, family, p.birth, p.estimated, sex, p.phone, p.document, p.email)


# Variations: each takes the person, their first record and a copy to change; returns False when it does not
# apply. NAME_VARIATIONS change the name, DATA_VARIATIONS the other fields; the weight is how often each is met.

def tokens_of(rec: Record, where: str) -> list[str]:
    return (rec.given if where == "given" else rec.family).split()


def set_token(rec: Record, where: str, index: int, new: str) -> None:
    parts = tokens_of(rec, where)
    parts[index] = new
    text = " ".join(part for part in parts if part)
    if where == "given":
        rec.given = text
    else:
        rec.family = text


def change_one_token(rng: random.Random, rec: Record, change, places=("given", "family")) -> bool:
    """Apply `change(token) -> str | None` to one token of the given or family names, chosen at random."""
    spots = [(where, i) for where in places for i, tok in enumerate(tokens_of(rec, where))
             if tok.lower() not in ("de", "del", "la", "los", "las", "da", "das", "do", "dos")]
    rng.shuffle(spots)
    for where, i in spots:
        new = change(tokens_of(rec, where)[i])
        if new and new != tokens_of(rec, where)[i]:
            set_token(rec, where, i, new)
            return True
    return False


def v_nickname(rng, p, base, rec) -> bool:
    given = p.given
    if given in NICKNAMES:
        rec.given = rng.choice(NICKNAMES[given])
        return True
    parts = given.split()
    for i, part in enumerate(parts):
        if part in NICKNAMES and (i == 0 or rng.random() < 0.5):
            rec.given = rng.choice(NICKNAMES[part])
            return True
    return False


def v_phonetic(rng, p, base, rec) -> bool:
    def sound_alike(token: str) -> str | None:
        family = SPELLING_OF.get(token.lower()) or SPELLING_OF.get(plain(token).lower())
        if family:
            others = [name for name in family if plain(name).lower() != plain(token).lower()]
            if others:
                other = rng.choice(others)
                return plain(other) if token == plain(token) else other
        low = token.lower()
        rules = SOUND_RULES[:]
        rng.shuffle(rules)
        for pattern, repl in rules:
            new = replace_at(rng, low, pattern, repl)
            if new and len(new) > 1 and new != low:
                return with_case_of(new, token)
        return None
    return change_one_token(rng, rec, sound_alike)


def v_ocr(rng, p, base, rec) -> bool:
    if rec.document and rng.random() < 0.35:
        pairs = [(a, b) for a, b in OCR_DIGITS if a in rec.document]
        if pairs:
            a, b = rng.choice(pairs)
            rec.document = replace_at(rng, rec.document, re.escape(a), b)
            return True

    def misread(token: str) -> str | None:
        pairs = [(a, b) for a, b in OCR_LETTERS if a in token]
        if not pairs:
            return None
        a, b = rng.choice(pairs)
        return replace_at(rng, token, re.escape(a), b)
    return change_one_token(rng, rec, misread)


def v_keyboard_typo(rng, p, base, rec) -> bool:
    def typo(token: str) -> str | None:
        if len(token) < 4:
            return None
        i = rng.randrange(1, len(token))  # the first letter is seldom the wrong one
        kind = rng.choice(["adjacent", "adjacent", "double", "missing", "swap"])
        char = token[i]
        if kind == "adjacent" and plain(char.lower()) in NEAR_KEYS:
            new = rng.choice(NEAR_KEYS[plain(char.lower())])
            return token[:i] + new + token[i + 1:]
        if kind == "double":
            return token[:i] + char + token[i:]
        if kind == "missing":
            return token[:i] + token[i + 1:]
        if i + 1 < len(token):
            return token[:i] + token[i + 1] + token[i] + token[i + 2:]
        return None
    return change_one_token(rng, rec, typo)


def v_accents(rng, p, base, rec) -> bool:
    full = f"{p.given} {' '.join(p.surnames)}"
    if plain(full) == full:  # nothing to drop: an accent typed where there is none
        def stray(token: str) -> str | None:
            vowels = [i for i, c in enumerate(token) if c in "aeiou"]
            if not vowels:
                return None
            i = rng.choice(vowels)
            return token[:i] + unicodedata.normalize("NFC", token[i] + "\u0301") + token[i + 1:]
        return change_one_token(rng, rec, stray)
    if plain(rec.given + rec.family) == rec.given + rec.family:  # typed plain first: now with its accents
        proper = {plain(tok).lower(): tok for tok in full.split()}
        rec.given = " ".join(proper.get(tok.lower(), tok) for tok in rec.given.split())
        rec.family = " ".join(proper.get(tok.lower(), tok) for tok in rec.family.split())
        return plain(rec.given + rec.family) != rec.given + rec.family
    if "ñ" in (rec.given + rec.family).lower() and rng.random() < 0.4:
        ene = rng.choice(["n", "ni", "nn"])
        rec.given, rec.family = rec.given.replace("ñ", ene), rec.family.replace("ñ", ene)
        return True
    rec.given, rec.family = plain(rec.given), plain(rec.family)
    return True


def v_case(rng, p, base, rec) -> bool:
    style = rng.choice(["upper", "upper", "lower", "spaces"])
    if style == "upper":
        rec.given, rec.family = rec.given.upper(), rec.family.upper()
    elif style == "lower":
        rec.given, rec.family = rec.given.lower(), rec.family.lower()
    else:
        rec.given, rec.family = f" {rec.given}  ", rec.family.replace(" ", "  ") + " "
    return True


def v_dropped_second_given_name(rng, p, base, rec) -> bool:
    parts = rec.given.split()
    if len(parts) < 2 or parts[1].lower() in ("de", "del", "da", "das"):
        return False
    rec.given = parts[0]
    return True


def v_dropped_first_given_name(rng, p, base, rec) -> bool:
    parts = rec.given.split()
    if len(parts) < 2 or parts[1].lower() in ("de", "del", "da", "das") or parts[0].lower() not in (
            "maría", "maria", "juan", "josé", "jose", "luis", "ana", "jhon", "john", "jesús", "jesus"):
        return False
    rec.given = " ".join(parts[1:])
    return True


def v_added_second_given_name(rng, p, base, rec) -> bool:
    if len(rec.given.split()) != 1 or p.sex not in SECOND_GIVEN:
        return False
    second = rng.choice([s for s in SECOND_GIVEN[p.sex] if s != rec.given])
    rec.given = f"{rec.given} {plain(second) if plain(rec.given) == rec.given else second}"
    return True


def v_dropped_second_surname(rng, p, base, rec) -> bool:
    surnames = split_surnames(rec.family)
    if len(surnames) < 2:
        return False
    rec.family = surnames[0]
    return True


def v_dropped_first_surname(rng, p, base, rec) -> bool:
    surnames = split_surnames(rec.family)
    if len(surnames) < 2:
        return False
    rec.family = surnames[1]
    return True


def v_transposed_surnames(rng, p, base, rec) -> bool:
    surnames = split_surnames(rec.family)
    if len(surnames) != 2:
        return False
    rec.family = f"{surnames[1]} {surnames[0]}"
    return True


def v_particle(rng, p, base, rec) -> bool:
    """"de la Cruz" written "De La Cruz", "Delacruz" or "Cruz"; "María del Carmen" written "María Carmen"."""
    particle = r"\b(de la|de las|de los|del|de|da|das|dos|do)\s+(\w+)"
    found = re.search(particle, rec.family, flags=re.IGNORECASE)
    if found:
        words, word = found.group(1), found.group(2)
        spelled = rng.choice([word, f"{words.title()} {word}", (words + word).replace(" ", "").title()])
        rec.family = re.sub(r"\s+", " ", rec.family[:found.start()] + spelled + rec.family[found.end():]).strip()
        return True
    found = re.search(particle, rec.given, flags=re.IGNORECASE)
    if found and found.start() > 0:
        words, word = found.group(1), found.group(2)
        spelled = rng.choice([word, f"{words.title()} {word}"])
        rec.given = re.sub(r"\s+", " ", rec.given[:found.start()] + spelled + rec.given[found.end():]).strip()
        return True
    return False


def v_married_surname(rng, p, base, rec) -> bool:
    """An older custom still on some IDs: "Martha Gómez de Pérez"."""
    if p.sex != "female" or not p.birth or (TODAY - p.birth).days < 25 * 365 or p.country not in ("CO", "VE", "PE"):
        return False
    husband = pick(rng, SURNAMES[p.country])
    first = split_surnames(rec.family)[0] if rec.family else ""
    if not first or plain(husband) == plain(first):
        return False
    rec.family = f"{first} de {husband}"
    return True


def v_name_fields_swapped(rng, p, base, rec) -> bool:
    """Surnames typed in the given names box and the other way round (forms that ask "apellidos y nombres")."""
    if not rec.family:
        return False
    rec.given, rec.family = rec.family, rec.given
    return True


def v_name_in_one_field(rng, p, base, rec) -> bool:
    """The whole name typed in one box, or the second given name typed as the first surname."""
    if not rec.family:
        return False
    parts = rec.given.split()
    if len(parts) >= 2 and rng.random() < 0.5:
        rec.given, rec.family = parts[0], " ".join(parts[1:] + [rec.family])
    else:
        rec.given, rec.family = f"{rec.given} {rec.family}", ""
    return True


def v_hyphen(rng, p, base, rec) -> bool:
    for where in ("given", "family"):
        text = rec.given if where == "given" else rec.family
        if "-" in text:
            new = text.replace("-", rng.choice([" ", ""]), 1)
            if where == "given":
                rec.given = new
            else:
                rec.family = new
            return True
    return False


def split_surnames(family: str) -> list[str]:
    """Surnames with their particles kept on: "de la Cruz Gómez" → ["de la Cruz", "Gómez"]."""
    out: list[str] = []
    pending = ""
    for tok in family.split():
        if tok.lower() in ("de", "del", "la", "los", "las", "da", "das", "do", "dos", "san", "santa"):
            pending = f"{pending} {tok}".strip()
            continue
        out.append(f"{pending} {tok}".strip())
        pending = ""
    if pending and out:
        out[-1] = f"{out[-1]} {pending}"
    return out


def v_missing_birth_date(rng, p, base, rec) -> bool:
    if rec.birth is None:
        return False
    rec.birth, rec.estimated = None, False
    return True


def v_estimated_birth_year(rng, p, base, rec) -> bool:
    """Only the age was given: the year it implies (maybe one off), on 1 January or 1 July."""
    if rec.birth is None or rec.estimated:
        return False
    year = rec.birth.year + rng.choice([0, 0, 0, -1, 1])
    rec.birth, rec.estimated = date(year, rng.choice([1, 1, 7]), 1), True
    return True


def v_birth_day_month_swapped(rng, p, base, rec) -> bool:
    b = rec.birth
    if b is None or rec.estimated or b.day > 12 or b.day == b.month:
        return False
    rec.birth = date(b.year, b.day, b.month)
    return True


def v_birth_date_typo(rng, p, base, rec) -> bool:
    b = rec.birth
    if b is None or rec.estimated:
        return False
    for _ in range(10):
        kind = rng.choice(["day", "day", "year", "year", "month", "year_swap"])
        try:
            if kind == "day":
                new = b.replace(day=b.day + rng.choice([-1, 1, 10, -10]))
            elif kind == "month":
                new = b.replace(month=b.month + rng.choice([-1, 1]))
            elif kind == "year":
                new = b.replace(year=b.year + rng.choice([-1, 1, 10, -10]))
            else:
                y = str(b.year)
                new = b.replace(year=int(y[:2] + y[3] + y[2]))
        except ValueError:
            continue
        if new != b and date(1900, 1, 1) <= new <= TODAY:
            rec.birth = new
            return True
    return False


def v_missing_phone(rng, p, base, rec) -> bool:
    if not rec.phone:
        return False
    rec.phone = ""
    return True


def v_new_phone(rng, p, base, rec) -> bool:
    """A new line: migrants change SIM cards often."""
    rec.phone = phone_for(rng, p.country)
    return True


def v_phone_format(rng, p, base, rec) -> bool:
    e164 = rec.phone
    if not e164:
        return False
    if e164.startswith("+57"):
        n = e164[3:]
        rec.phone = rng.choice([n, f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", f"(+57) {n}",
                                f"+57 {n[:3]} {n[3:6]} {n[6:]}", f"57 {n}", f"+57-{n[:3]}-{n[3:]}"])
    elif e164.startswith("+58"):
        n = e164[3:]
        rec.phone = rng.choice([f"+58 {n[:3]}-{n[3:]}", f"+58 ({n[:3]}) {n[3:6]} {n[6:]}", f"0{n[:3]}-{n[3:]}",
                                f"+58 {n}"])
    else:
        cc = next(c for c in ("+593", "+509", "+51", "+55") if e164.startswith(c))
        n = e164[len(cc):]
        rec.phone = rng.choice([f"{cc} {n}", f"{cc} {n[:3]} {n[3:6]} {n[6:]}", f"{cc}-{n}"])
    return True


def v_phone_typo(rng, p, base, rec) -> bool:
    if not rec.phone:
        return False
    head, tail = rec.phone[:-7], list(rec.phone[-7:])
    i = rng.randrange(7)
    if rng.random() < 0.5 and i < 6 and tail[i] != tail[i + 1]:
        tail[i], tail[i + 1] = tail[i + 1], tail[i]
    else:
        tail[i] = rng.choice([d for d in "0123456789" if d != tail[i]])
    rec.phone = head + "".join(tail)
    return True


def v_missing_document(rng, p, base, rec) -> bool:
    if not rec.document:
        return False
    rec.document = ""
    return True


def v_document_format(rng, p, base, rec) -> bool:
    doc = rec.document
    digits = digits_of(doc)
    if not doc or len(digits) < 6:
        return False
    if p.country == "VE" and not doc.isdigit() or (p.country == "VE" and len(digits) >= 7 and rng.random() < .5):
        options = [f"V-{digits}", f"V{digits}", digits, f"V-{dotted(digits)}", f"V {digits}", dotted(digits)]
    else:
        options = [digits, dotted(digits), " ".join(dotted(digits).split(".")), f"{digits[:-1]}-{digits[-1]}"]
    options = [o for o in options if o != doc]
    rec.document = rng.choice(options)
    return True


def v_document_typo(rng, p, base, rec) -> bool:
    doc = rec.document
    spots = [i for i, c in enumerate(doc) if c.isdigit()]
    if len(spots) < 6:
        return False
    kind = rng.choice(["digit", "digit", "swap", "missing"])
    i = rng.choice(spots[:-1])
    chars = list(doc)
    if kind == "swap" and chars[i + 1].isdigit() and chars[i] != chars[i + 1]:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif kind == "missing":
        del chars[i]
    else:
        chars[i] = rng.choice([d for d in "0123456789" if d != chars[i]])
    rec.document = "".join(chars)
    return True


def v_new_document(rng, p, base, rec) -> bool:
    """Another document: a Venezuelan who came with a cédula and now has the PPT, a child now with an ID card."""
    rec.document = document_for(rng, p.country, p.birth)
    return digits_of(rec.document) != digits_of(base.document)


def v_missing_email(rng, p, base, rec) -> bool:
    if not rec.email:
        return False
    rec.email = ""
    return True


def v_email_case(rng, p, base, rec) -> bool:
    if not rec.email:
        return False
    rec.email = rec.email.upper() if rng.random() < 0.5 else f" {rec.email.capitalize()} "
    return True


def v_missing_sex(rng, p, base, rec) -> bool:
    if not rec.sex:
        return False
    rec.sex = ""
    return True


def v_sex_mistyped(rng, p, base, rec) -> bool:
    if rec.sex not in ("female", "male"):
        return False
    rec.sex = "male" if rec.sex == "female" else "female"
    return True


# name, function, weight, field it touches (one change per field and record), order of application.
NAME_VARIATIONS = [
    ("nickname", v_nickname, 16, "given", 1),
    ("phonetic", v_phonetic, 12, "spelling", 2),
    ("ocr", v_ocr, 5, "spelling", 2),
    ("keyboard_typo", v_keyboard_typo, 10, "spelling", 2),
    ("accents", v_accents, 8, "accents", 3),
    ("dropped_second_given_name", v_dropped_second_given_name, 7, "given", 1),
    ("dropped_first_given_name", v_dropped_first_given_name, 3, "given", 1),
    ("added_second_given_name", v_added_second_given_name, 3, "given", 1),
    ("dropped_second_surname", v_dropped_second_surname, 10, "family", 1),
    ("dropped_first_surname", v_dropped_first_surname, 2, "family", 1),
    ("transposed_surnames", v_transposed_surnames, 5, "family", 1),
    ("particle", v_particle, 4, "particle", 1),
    ("married_surname", v_married_surname, 2, "family", 1),
    ("hyphen", v_hyphen, 2, "particle", 1),
    ("name_fields_swapped", v_name_fields_swapped, 2, "layout", 4),
    ("name_in_one_field", v_name_in_one_field, 2, "layout", 4),
    ("case", v_case, 5, "case", 5),
]
DATA_VARIATIONS = [
    ("missing_birth_date", v_missing_birth_date, 6, "birth"),
    ("estimated_birth_year", v_estimated_birth_year, 5, "birth"),
    ("birth_day_month_swapped", v_birth_day_month_swapped, 4, "birth"),
    ("birth_date_typo", v_birth_date_typo, 4, "birth"),
    ("missing_phone", v_missing_phone, 8, "phone"),
    ("new_phone", v_new_phone, 6, "phone"),
    ("phone_format", v_phone_format, 8, "phone"),
    ("phone_typo", v_phone_typo, 3, "phone"),
    ("missing_document", v_missing_document, 6, "document"),
    ("document_format", v_document_format, 5, "document"),
    ("document_typo", v_document_typo, 3, "document"),
    ("new_document", v_new_document, 3, "document"),
    ("missing_email", v_missing_email, 2, "email"),
    ("email_case", v_email_case, 1, "email"),
    ("missing_sex", v_missing_sex, 2, "sex"),
    ("sex_mistyped", v_sex_mistyped, 0.5, "sex"),
]
LIGHT = {"phonetic", "ocr", "keyboard_typo", "accents", "case", "hyphen", "particle"}


def choose(rng: random.Random, table: list, count: int) -> list:
    chosen, fields = [], set()
    pool = table[:]
    while pool and len(chosen) < count:
        entry = rng.choices(pool, weights=[row[2] for row in pool])[0]
        pool.remove(entry)
        if entry[3] not in fields:
            chosen.append(entry)
            fields.add(entry[3])
    return chosen


def has_anchor(base: Record, rec: Record, names: list[str]) -> bool:
    """Would a person at the front desk have something besides the name to tell it is the same person?"""
    strong = False
    if base.birth and rec.birth and not rec.estimated:
        strong = True  # the same date, or one typed a little wrong
    if base.phone and rec.phone and digits_of(rec.phone)[-7:] == digits_of(base.phone)[-7:]:
        strong = True
    if base.phone and rec.phone and edits(digits_of(rec.phone)[-10:], digits_of(base.phone)[-10:]) <= 2:
        strong = True
    if base.document and rec.document and edits(digits_of(base.document), digits_of(rec.document)) <= 2:
        strong = True
    if base.email and rec.email and base.email.strip().lower() == rec.email.strip().lower():
        strong = True
    name_changes = [n for n in names if n in {v[0] for v in NAME_VARIATIONS}]
    if strong:
        return len(name_changes) <= 2
    return len(name_changes) <= 1 and all(n in LIGHT for n in name_changes) and (
        rec.birth is not None or base.birth is None)


def duplicate_of(rng: random.Random, p: Person, base: Record) -> Record:
    for _ in range(50):
        n_name = rng.choices([0, 1, 2], weights=[15, 60, 25])[0]
        n_data = rng.choices([0, 1, 2], weights=[30, 45, 25])[0]
        if n_name + n_data == 0:
            n_name = 1
        names = sorted(choose(rng, NAME_VARIATIONS, n_name), key=lambda row: row[4])
        data = choose(rng, DATA_VARIATIONS, n_data)
        rec = replace(base)
        applied = [name for name, fn, *_ in names + data if fn(rng, p, base, rec)]
        rec.given, rec.family = rec.given or base.given, rec.family
        if not applied or same(rec, base) or not has_anchor(base, rec, applied):
            continue
        rec.variation = "+".join(applied)
        return rec
    raise RuntimeError(f"no duplicate for {p}")


def edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def same(a: Record, b: Record) -> bool:
    return (a.given, a.family, a.birth, a.estimated, a.sex, a.phone, a.document, a.email) == (
        b.given, b.family, b.birth, b.estimated, b.sex, b.phone, b.document, b.email)


# ---------------------------------------------------------------------------------------------------------------
# The population: households (siblings, twins, a father and son of one name, a couple on one phone), cousins,
# namesakes, people of one name and two sexes, and everybody else.

class World:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people: list[Person] = []
        self.negatives: list[tuple[int, int, str]] = []  # (pid, pid, kind)
        self.documents: set[str] = set()

    def person(self, country: str, sex: str, *, given: str = "", surnames: list[str] | None = None,
               birth: date | None = None, age: tuple[int, int] = (18, 75), phone: str | None = None,
               known_birth: bool = True) -> Person:
        rng = self.rng
        estimated = False
        if birth is None and known_birth:
            roll = rng.random()
            birth = birth_between(rng, *reversed(age)) if roll > 0.07 else None
            if 0.07 < roll < 0.14 and age[0] >= 18:
                birth, estimated = date(birth.year, 1, 1), True
        given = given or given_name(rng, country, sex, birth)
        if surnames is None:
            surnames = self.surnames(country)
        if phone is None:
            phone = phone_for(rng, country) if rng.random() < 0.75 else ""
        adult = birth is None or (TODAY - birth).days >= 18 * 365
        document = document_for(rng, country, birth) if rng.random() < (0.75 if adult else 0.4) else ""
        while document and digits_of(document) in self.documents:  # a number is one person's
            document = document_for(rng, country, birth)
        self.documents.add(digits_of(document))
        email = email_for(rng, given, surnames, birth) if adult and rng.random() < 0.22 else ""
        p = Person(len(self.people) + 1, country, sex, given, surnames, birth, estimated, phone, document, email)
        self.people.append(p)
        return p

    def surnames(self, country: str) -> list[str]:
        rng = self.rng
        if country == "HT":
            return [pick(rng, SURNAMES["HT"])]
        if country == "BR":
            first = pick(rng, SURNAMES["BR"])
            second = pick(rng, [s for s in SURNAMES["BR"] if s != first])
            return [first, second] if rng.random() < 0.6 else [first]
        first = pick(rng, SURNAMES[country])
        second = pick(rng, SURNAMES[country])
        return [first, second]

    def negative(self, a: Person, b: Person, kind: str) -> None:
        self.negatives.append((a.pid, b.pid, kind))

    def country(self) -> str:
        return self.rng.choices([c for c, _ in COUNTRIES], weights=[w for _, w in COUNTRIES])[0]

    def household(self) -> None:
        rng = self.rng
        country = self.country()
        mother = self.person(country, "female", age=(20, 50))
        phone = mother.phone or phone_for(rng, country)
        mother.phone = phone
        father = None
        if rng.random() < 0.55:
            father = self.person(country, "male", age=(22, 60), phone=phone if rng.random() < 0.7 else None)
            if father.phone == phone:
                self.negative(mother, father, "shared_phone")
        father_surname = father.surnames[0] if father else self.surnames(country)[0]
        if country == "HT":
            kids_surnames = [father_surname]
        elif country == "BR":
            kids_surnames = [mother.surnames[-1], father_surname]
        else:
            kids_surnames = [father_surname, mother.surnames[0]]
        mother_age = (TODAY - mother.birth).days // 365 if mother.birth else rng.randrange(25, 45)
        count = rng.choices([1, 2, 3, 4, 5], weights=[20, 35, 25, 13, 7])[0]
        kids: list[Person] = []
        birth = birth_between(rng, min(mother_age - 16, 30), 0) if mother_age > 17 else birth_between(rng, 2, 0)
        for i in range(count):
            if i:
                birth = birth + timedelta(days=rng.randrange(330, 5 * 365))
                if birth > TODAY:
                    break
            sex = rng.choice(["female", "male"])
            kid_phone = phone if rng.random() < 0.8 else ""
            taken = {k.given for k in kids} | {mother.given, father.given if father else ""}
            given = given_name(rng, country, sex, birth)
            while given in taken:
                given = given_name(rng, country, sex, birth)
            kids.append(self.person(country, sex, given=given, surnames=kids_surnames[:], birth=birth,
                                    phone=kid_phone))
            # Twins: one birth date, other names, maybe another sex.
            if rng.random() < 0.09 and country not in ("HT", "BR"):
                first, second = rng.choice(TWIN_NAMES)
                if rng.random() < 0.5:
                    first, second = second, first
                kids[-1].given, kids[-1].sex = first, TWIN_SEX.get(first, "male")
                twin = self.person(country, TWIN_SEX.get(second, "male"), given=second, surnames=kids_surnames[:],
                                   birth=birth, phone=kid_phone)
                self.negative(kids[-1], twin, "twins")
                kids.append(twin)
        for a, b in combinations(kids, 2):
            if a.birth != b.birth:
                self.negative(a, b, "siblings")
        # A father and a son of one name: the son's record carries the family's name as the father's does.
        if father and father.birth and rng.random() < 0.4:
            son_birth = father.birth + timedelta(days=rng.randrange(18 * 365, 40 * 365))
            if son_birth < TODAY - timedelta(days=365):
                family = [father.surnames[0]] if country not in ("BR",) else father.surnames[:]
                son = self.person(country, "male", given=father.given, surnames=family, birth=son_birth,
                                  phone=phone if rng.random() < 0.6 else None)
                father.surnames = family[:]
                if rng.random() < 0.3:
                    son.given += rng.choice([" Jr.", " Junior", " hijo"]) if country != "BR" else ""
                    if country == "BR":
                        son.surnames = son.surnames + ["Filho"]
                self.negative(father, son, "parent_child_same_name")
        if len(kids) >= 2 and rng.random() < 0.1:  # a neighbour who leaves the family's number
            neighbour = self.person(self.country(), rng.choice(["female", "male"]), phone=phone)
            self.negative(mother, neighbour, "shared_phone")

    def shared_phone_adults(self) -> None:
        """Two adults of different families on one number (a friend's, the landlady's)."""
        rng = self.rng
        country = self.country()
        a = self.person(country, rng.choice(["female", "male"]))
        a.phone = a.phone or phone_for(rng, country)
        b = self.person(self.country(), rng.choice(["female", "male"]), phone=a.phone)
        self.negative(a, b, "shared_phone")

    def cousins(self) -> None:
        rng = self.rng
        country = rng.choice(["CO", "VE", "PE", "EC"])
        sex = rng.choice(["female", "male"])
        first = self.person(country, sex)
        surname = first.surnames[0]
        second_surname = pick(rng, [s for s in SURNAMES[country] if s not in first.surnames])
        given = first.given if rng.random() < 0.4 else ""
        birth = None
        if first.birth:
            birth = first.birth + timedelta(days=rng.choice([-1, 1]) * rng.randrange(200, 8 * 365))
            birth = min(birth, TODAY - timedelta(days=400))
        other = self.person(country, sex if given else rng.choice(["female", "male"]), given=given,
                            surnames=[surname, second_surname], birth=birth)
        self.negative(first, other, "cousins")

    def namesakes(self) -> None:
        """People of a very common name (José Rodríguez, María García) who are not one another."""
        rng = self.rng
        given, sex = rng.choice(COMMON_GIVEN)
        surname = rng.choice(COMMON_SURNAMES)
        country = rng.choice(["CO", "VE", "VE", "CO", "PE", "EC"])
        group: list[Person] = []
        for _ in range(rng.choices([2, 3, 4], weights=[60, 30, 10])[0]):
            births = [p.birth for p in group if p.birth]
            birth = birth_between(rng, 80, 16)
            while any(abs((birth - b).days) < 3 * 365 for b in births):
                birth = birth_between(rng, 80, 16)
            second = self.surnames(country)[1] if rng.random() < 0.7 else None
            group.append(self.person(country, sex, given=given, surnames=[surname] + ([second] if second else []),
                                     birth=birth))
        for a, b in combinations(group, 2):
            self.negative(a, b, "common_name")

    def same_name_other_sex(self) -> None:
        rng = self.rng
        country = rng.choice(["CO", "VE", "PE", "EC"])
        surnames = self.surnames(country)
        if rng.random() < 0.5:
            given = rng.choice(UNISEX_GIVEN)
            a = self.person(country, "female", given=given if given != "Jesús" else "María de Jesús",
                            surnames=surnames[:])
            if given == "Jesús":
                a.given = "Jesús"
            b = self.person(country, "male", given=given, surnames=surnames[:])
            if a.birth and b.birth and a.birth == b.birth:
                b.birth = b.birth.replace(year=b.birth.year - 3)
            self.negative(a, b, "same_name_other_sex")
        else:
            male, female = rng.choice(GENDERED_PAIRS)
            a = self.person(country, "male", given=male, surnames=surnames[:])
            b = self.person(country, "female", given=female, surnames=surnames[:])
            if a.birth and b.birth and a.birth == b.birth:
                b.birth = b.birth.replace(year=b.birth.year - 2)
            self.negative(a, b, "masculine_feminine_forms")

    def someone(self) -> None:
        country = self.country()
        sex = self.rng.choices(["female", "male", "intersex"], weights=[56, 43, 1])[0]
        if sex == "intersex":
            self.person(country, "female" if self.rng.random() < 0.5 else "male").sex = "intersex"
            return
        old = self.rng.random() < 0.15
        self.person(country, sex, age=(60, 90) if old else (16, 59))


def build(rng: random.Random) -> World:
    world = World(rng)
    for _ in range(230):
        world.household()
    for _ in range(70):
        world.shared_phone_adults()
    for _ in range(70):
        world.cousins()
    for _ in range(45):
        world.namesakes()
    for _ in range(70):
        world.same_name_other_sex()
    while len(world.people) < 2350:
        world.someone()
    return world


def key(rec: Record) -> tuple:
    return (plain(f"{rec.given} {rec.family}").lower().split(), rec.birth)


def write(world: World, rng: random.Random) -> list[Record]:
    records: list[Record] = []
    seen: dict[tuple, int] = {}
    for p in world.people:
        base = first_record(rng, p)
        k = (tuple(key(base)[0]), base.birth)
        if base.birth and k in seen and seen[k] != p.pid:  # two strangers of one name and one birth date
            base.birth = base.birth + timedelta(days=rng.randrange(40, 900))
            p.birth = base.birth
        seen[(tuple(key(base)[0]), base.birth)] = p.pid
        p.records = [base]
        copies = rng.choices([0, 1, 2, 3], weights=[72, 22, 4.8, 1.2])[0]
        for _ in range(copies):
            p.records.append(duplicate_of(rng, p, base))
        records += p.records
    rng.shuffle(records)
    return records


def main() -> None:
    rng = random.Random(SEED)
    world = build(rng)
    records = write(world, rng)
    pids = list({r.pid: None for r in records})
    person_code = {pid: f"P{i + 1:04d}" for i, pid in enumerate(pids)}
    record_code: dict[int, str] = {}
    with open(HERE / "records.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["record_id", "person_id", "given_names", "family_names", "birth_date",
                         "birth_date_estimated", "sex", "phone", "document_number", "email", "variation"])
        for i, r in enumerate(records):
            record_code[id(r)] = f"R{i + 1:04d}"
            writer.writerow([record_code[id(r)], person_code[r.pid], r.given, r.family,
                             r.birth.isoformat() if r.birth else "", int(r.estimated), r.sex, r.phone, r.document,
                             r.email, r.variation])
    by_pid = {p.pid: p for p in world.people}
    rows = sorted((record_code[id(by_pid[a].records[0])], record_code[id(by_pid[b].records[0])], kind)
                  for a, b, kind in world.negatives)
    rows = [tuple(sorted(row[:2])) + (row[2],) for row in rows]
    with open(HERE / "hard_negatives.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["record_id_a", "record_id_b", "kind"])
        writer.writerows(sorted(rows))
    summary(world, records, rows)


def summary(world: World, records: list[Record], negatives: list[tuple]) -> None:
    from collections import Counter
    print("people by country", dict(Counter(p.country for p in world.people).most_common()))
    print("records without birth date", sum(not r.birth for r in records),
          "estimated", sum(r.estimated for r in records), "without phone", sum(not r.phone for r in records),
          "without document", sum(not r.document for r in records), "with email", sum(bool(r.email) for r in records))
    sizes = Counter(Counter(r.pid for r in records).values())
    pairs = sum(n * (n - 1) // 2 * c for n, c in sizes.items())
    print(f"records {len(records)}, people {sum(sizes.values())}, true pairs {pairs}, clusters by size "
          f"{dict(sorted(sizes.items()))}")
    print("hard negatives", len(negatives), dict(Counter(kind for *_, kind in negatives)))
    print("variations", dict(Counter(v for r in records if r.variation != "original"
                                     for v in r.variation.split("+")).most_common()))


if __name__ == "__main__":
    main()
