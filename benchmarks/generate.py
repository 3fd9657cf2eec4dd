"""Generate realistic synthetic news articles for benchmarks and load tests.

Each article reports one happening (a *frame*: a PLOVER event type, actors, a real city, a date and a
death toll) in news-wire style: optional dateline, a lede with a relative or absolute date, quotes from
people with titles, reactions of other actors (accusations, threats, requests, aid ...), a background
paragraph with its own years ("In 2016, ...", "Two years later, ..."), a future or hypothetical
sentence, and boilerplate lines ("Advertisement", "Read more: ...").

What makes it useful for testing the pipeline rather than only for timing it:

- about 30% of articles re-report a recent frame from another outlet with other wording (a story);
- about 10% are syndicated near-copies of a recent article: same text lightly edited, another outlet;
- relative dates are computed from the article date, so "on Tuesday" really is the last Tuesday;
- about 6% of articles are undated (`published` is None).

Output is deterministic for a given seed (only a private `random.Random` is used and no set or dict
order depends on hashing) and costs well under 0.2 ms per article. Nothing is downloaded.

CLI: ``python benchmarks/generate.py N --out FILE.jsonl [--seed S]``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

__all__ = ["generate_articles"]

MIN_WORDS = 150
MAX_WORDS = 600
COPY_SHARE = 0.10
STORY_SHARE = 0.30
UNDATED_SHARE = 0.06
_RECENT = 60  # how far back copies and story siblings reach
_START = date(2019, 1, 1)
_DAYS = (date(2024, 12, 31) - _START).days


@dataclass(frozen=True)
class Country:
    name: str
    iso2: str
    demonym: str
    cities: tuple[str, ...]
    names: str  # key of the name pool for people of this country


# fmt: off
COUNTRIES: tuple[Country, ...] = (
    Country("Somalia", "SO", "Somali", ("Mogadishu", "Kismayo", "Baidoa", "Beledweyne", "Garowe"), "horn"),
    Country("Kenya", "KE", "Kenyan", ("Nairobi", "Mombasa", "Garissa", "Lamu", "Mandera"), "east"),
    Country("Ethiopia", "ET", "Ethiopian", ("Addis Ababa", "Gondar", "Bahir Dar", "Mekelle"), "east"),
    Country("Sudan", "SD", "Sudanese", ("Khartoum", "Omdurman", "El Fasher", "Port Sudan", "Wad Madani"), "arab"),
    Country("South Sudan", "SS", "South Sudanese", ("Juba", "Malakal", "Bor", "Wau"), "east"),
    Country("Nigeria", "NG", "Nigerian", ("Abuja", "Lagos", "Maiduguri", "Kaduna", "Sokoto", "Jos"), "west"),
    Country("Niger", "NE", "Nigerien", ("Niamey", "Agadez", "Tillabéri", "Diffa"), "west"),
    Country("Mali", "ML", "Malian", ("Bamako", "Gao", "Timbuktu", "Mopti", "Kidal"), "west"),
    Country("Burkina Faso", "BF", "Burkinabe", ("Ouagadougou", "Bobo-Dioulasso", "Djibo", "Kaya"), "west"),
    Country("Chad", "TD", "Chadian", ("N'Djamena", "Abéché", "Bol"), "west"),
    Country("Cameroon", "CM", "Cameroonian", ("Yaoundé", "Douala", "Bamenda", "Maroua"), "west"),
    Country("Democratic Republic of Congo", "CD", "Congolese", ("Kinshasa", "Goma", "Bukavu", "Bunia", "Beni"), "central"),
    Country("Central African Republic", "CF", "Central African", ("Bangui", "Bambari", "Bria"), "central"),
    Country("Mozambique", "MZ", "Mozambican", ("Maputo", "Pemba", "Mocímboa da Praia"), "east"),
    Country("Uganda", "UG", "Ugandan", ("Kampala", "Gulu", "Kasese"), "east"),
    Country("Burundi", "BI", "Burundian", ("Bujumbura", "Gitega"), "east"),
    Country("Libya", "LY", "Libyan", ("Tripoli", "Benghazi", "Misrata", "Sirte"), "arab"),
    Country("Egypt", "EG", "Egyptian", ("Cairo", "Alexandria", "El Arish"), "arab"),
    Country("Yemen", "YE", "Yemeni", ("Sanaa", "Aden", "Hodeidah", "Marib", "Taiz"), "arab"),
    Country("Iraq", "IQ", "Iraqi", ("Baghdad", "Mosul", "Basra", "Kirkuk", "Erbil"), "arab"),
    Country("Syria", "SY", "Syrian", ("Damascus", "Aleppo", "Idlib", "Deir ez-Zor", "Homs"), "arab"),
    Country("Lebanon", "LB", "Lebanese", ("Beirut", "Tyre", "Sidon", "Baalbek"), "arab"),
    Country("Israel", "IL", "Israeli", ("Jerusalem", "Tel Aviv", "Haifa", "Sderot"), "hebrew"),
    Country("Iran", "IR", "Iranian", ("Tehran", "Isfahan", "Zahedan", "Tabriz"), "persian"),
    Country("Turkey", "TR", "Turkish", ("Ankara", "Istanbul", "Diyarbakır", "Gaziantep"), "persian"),
    Country("Ukraine", "UA", "Ukrainian", ("Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy"), "slavic"),
    Country("Russia", "RU", "Russian", ("Moscow", "Belgorod", "Kursk", "Rostov-on-Don", "Bryansk"), "slavic"),
    Country("Serbia", "RS", "Serbian", ("Belgrade", "Novi Sad", "Niš"), "slavic"),
    Country("Poland", "PL", "Polish", ("Warsaw", "Lublin", "Rzeszów", "Gdańsk"), "slavic"),
    Country("Georgia", "GE", "Georgian", ("Tbilisi", "Batumi", "Kutaisi"), "slavic"),
    Country("Armenia", "AM", "Armenian", ("Yerevan", "Gyumri"), "slavic"),
    Country("Azerbaijan", "AZ", "Azerbaijani", ("Baku", "Ganja"), "slavic"),
    Country("France", "FR", "French", ("Paris", "Marseille", "Lyon", "Nantes"), "west_eu"),
    Country("Germany", "DE", "German", ("Berlin", "Munich", "Hamburg", "Cologne"), "west_eu"),
    Country("Spain", "ES", "Spanish", ("Madrid", "Barcelona", "Valencia"), "west_eu"),
    Country("Greece", "GR", "Greek", ("Athens", "Thessaloniki"), "west_eu"),
    Country("Belgium", "BE", "Belgian", ("Brussels", "Antwerp", "Liège"), "west_eu"),
    Country("Pakistan", "PK", "Pakistani", ("Islamabad", "Karachi", "Peshawar", "Quetta", "Lahore"), "south_asia"),
    Country("Afghanistan", "AF", "Afghan", ("Kabul", "Kandahar", "Herat", "Jalalabad", "Kunduz"), "south_asia"),
    Country("India", "IN", "Indian", ("New Delhi", "Mumbai", "Srinagar", "Imphal", "Kolkata"), "south_asia"),
    Country("Bangladesh", "BD", "Bangladeshi", ("Dhaka", "Chittagong", "Sylhet"), "south_asia"),
    Country("Sri Lanka", "LK", "Sri Lankan", ("Colombo", "Jaffna", "Kandy"), "south_asia"),
    Country("Nepal", "NP", "Nepali", ("Kathmandu", "Pokhara"), "south_asia"),
    Country("Myanmar", "MM", "Myanmar", ("Yangon", "Mandalay", "Sittwe", "Lashio"), "se_asia"),
    Country("Philippines", "PH", "Philippine", ("Manila", "Marawi", "Cotabato", "Davao"), "se_asia"),
    Country("Indonesia", "ID", "Indonesian", ("Jakarta", "Jayapura", "Makassar"), "se_asia"),
    Country("Colombia", "CO", "Colombian", ("Bogotá", "Medellín", "Cali", "Cúcuta"), "latin"),
    Country("Mexico", "MX", "Mexican", ("Mexico City", "Culiacán", "Guadalajara", "Tijuana"), "latin"),
    Country("Ecuador", "EC", "Ecuadorian", ("Quito", "Guayaquil", "Esmeraldas", "Cuenca"), "latin"),
    Country("Peru", "PE", "Peruvian", ("Lima", "Cusco", "Juliaca", "Arequipa"), "latin"),
    Country("Venezuela", "VE", "Venezuelan", ("Caracas", "Maracaibo", "Valencia"), "latin"),
    Country("Haiti", "HT", "Haitian", ("Port-au-Prince", "Cap-Haïtien", "Les Cayes"), "latin"),
    Country("Brazil", "BR", "Brazilian", ("Brasília", "Rio de Janeiro", "São Paulo", "Manaus"), "latin"),
    Country("Bolivia", "BO", "Bolivian", ("La Paz", "Santa Cruz", "Cochabamba"), "latin"),
    Country("Chile", "CL", "Chilean", ("Santiago", "Valparaíso", "Temuco"), "latin"),
)

NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "horn": (("Abdi", "Mohamed", "Ahmed", "Hassan", "Fadumo", "Halima", "Ali", "Yusuf", "Hodan", "Amina"),
             ("Warsame", "Farah", "Hirsi", "Osman", "Dualeh", "Abdullahi", "Nur", "Gedi", "Jama", "Aden")),
    "east": (("James", "Grace", "Peter", "Mary", "Joseph", "Esther", "Daniel", "Ruth", "Samuel", "Faith"),
             ("Otieno", "Mwangi", "Kiprono", "Achieng", "Wanjiru", "Okello", "Ndayisaba", "Kamau", "Mutua", "Tesfaye")),
    "west": (("Ibrahim", "Aminu", "Musa", "Hauwa", "Moussa", "Aïssata", "Oumar", "Chinedu", "Ngozi", "Adama"),
             ("Abubakar", "Sawadogo", "Traoré", "Diallo", "Ouedraogo", "Bello", "Okafor", "Maïga", "Adeyemi", "Sule")),
    "central": (("Jean-Pierre", "Albert", "Grâce", "Patrick", "Espérance", "Christophe", "Josué", "Mireille"),
                ("Kasongo", "Mbuyi", "Ilunga", "Mwisha", "Tshibanda", "Lukusa", "Mukendi", "Bahati")),
    "arab": (("Ahmed", "Khaled", "Fatima", "Omar", "Layla", "Hassan", "Rania", "Yousef", "Nour", "Tariq"),
             ("al-Mahdi", "Haddad", "Khalil", "Saleh", "Nasser", "al-Hashimi", "Mansour", "Darwish", "Qasim", "Aziz")),
    "hebrew": (("Yossi", "Noa", "Avi", "Tamar", "Eitan", "Michal"),
               ("Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman")),
    "persian": (("Reza", "Maryam", "Ali", "Mehmet", "Ayşe", "Emre", "Zeynep", "Hossein"),
                ("Karimi", "Hosseini", "Yılmaz", "Demir", "Kaya", "Rahimi", "Şahin", "Moradi")),
    "slavic": (("Oleksandr", "Dmytro", "Iryna", "Olena", "Andrii", "Sergei", "Natalia", "Marko", "Jelena", "Piotr"),
               ("Kovalenko", "Hrytsenko", "Shevchuk", "Ivanov", "Sokolov", "Petrović", "Jovanović", "Nowak", "Beridze", "Melnyk")),
    "west_eu": (("Klaus", "Marie", "Pierre", "Sophie", "Jan", "Elena", "Luca", "Nikos", "Claire", "Thomas"),
                ("Hartmann", "Dubois", "Schneider", "García", "Martin", "Papadopoulos", "Peeters", "Weber", "Lefèvre", "Moreau")),
    "south_asia": (("Imran", "Ayesha", "Abdul", "Rahul", "Priya", "Farhan", "Sana", "Gul", "Arjun", "Nadia"),
                   ("Khan", "Hamdard", "Ahmadzai", "Sharma", "Rahman", "Hussain", "Qureshi", "Singh", "Perera", "Thapa")),
    "se_asia": (("Maria", "Jose", "Budi", "Siti", "Aung", "Thida", "Ramon", "Dewi"),
                ("Santos", "Reyes", "Wijaya", "Santoso", "Min", "Htun", "Cruz", "Pratama")),
    "latin": (("Carlos", "María", "José", "Ana", "Luis", "Gabriela", "Andrés", "Rosa", "Jorge", "Lucía"),
              ("Gómez", "Rodríguez", "Quispe", "Carrión", "Villacrés", "Salinas", "Mendoza", "Torres", "Ramírez", "Silva")),
}

# Armed groups and where they operate (ISO2 codes); countries without an entry get generic attackers.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("al-Shabaab", ("SO", "KE")), ("Boko Haram", ("NG", "NE", "CM", "TD")),
    ("Islamic State West Africa Province (ISWAP)", ("NG", "NE", "TD")),
    ("Jama'at Nusrat al-Islam wal-Muslimin (JNIM)", ("ML", "BF", "NE")), ("Islamic State Sahel", ("ML", "NE", "BF")),
    ("M23 rebels", ("CD",)), ("the Allied Democratic Forces (ADF)", ("CD", "UG")), ("CODECO militia", ("CD",)),
    ("the Rapid Support Forces (RSF)", ("SD",)), ("Fano militia", ("ET",)), ("anglophone separatists", ("CM",)),
    ("Ansar al-Sunna insurgents", ("MZ",)), ("the Tehreek-e-Taliban Pakistan (TTP)", ("PK",)),
    ("the Baloch Liberation Army", ("PK",)), ("Islamic State Khorasan", ("AF", "PK")), ("the Houthis", ("YE",)),
    ("Hezbollah", ("LB",)), ("Islamic State", ("IQ", "SY")), ("the Kurdistan Workers' Party (PKK)", ("TR", "IQ")),
    ("the Arakan Army", ("MM",)), ("the People's Defence Force", ("MM",)), ("the ELN guerrilla group", ("CO",)),
    ("FARC dissidents", ("CO",)), ("the Sinaloa cartel", ("MX",)), ("an armed gang", ("HT", "EC", "MX")),
    ("the New People's Army", ("PH",)), ("Abu Sayyaf", ("PH",)), ("separatist rebels", ("ID",)),
)
GENERIC_ATTACKERS = ("gunmen", "unidentified attackers", "suspected militants", "armed men on motorcycles", "bandits")
IGOS = ("the United Nations", "the African Union", "the European Union", "ECOWAS", "the UN Security Council",
        "the Arab League", "the Organization of American States", "the UN human rights office")
SANCTIONERS = ("the UN Security Council", "the European Union", "the African Union", "ECOWAS", "the United States",
               "the United Kingdom")
AGENCIES = ("the World Food Programme", "the International Committee of the Red Cross", "the UN refugee agency",
            "the World Health Organization", "Médecins Sans Frontières", "UNICEF")
DONORS = ("the European Union", "the United States", "Germany", "Japan", "the United Kingdom", "the World Bank",
          "Norway", "Saudi Arabia", "Qatar", "the United Arab Emirates", "Canada", "the World Food Programme")
OUTLETS = tuple(
    f"{a}-{b}.example.com"
    for a in ("horn", "sahel", "lagos", "kivu", "nile", "gulf", "levant", "kyiv", "balkan", "euro", "indus",
              "andes", "pacific", "caribe", "delta", "global", "coastal", "capital")
    for b in ("wire", "times", "herald", "monitor", "daily", "post", "dispatch")
)
AGENCY_TAGS = ("(AP)", "(AFP)", "(Reuters)", "")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTHS_SHORT = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen")
ISSUES = ("rising fuel prices", "the cost of living", "a disputed election result", "police violence",
          "a new tax law", "power cuts", "the arrest of an opposition leader", "a proposed constitutional change",
          "unpaid salaries", "a mining concession")
TOPICS = ("regional security", "counter-terrorism cooperation", "border security", "trade and investment",
          "the humanitarian situation", "a prisoner exchange", "energy supplies", "migration")
VICTIMS = ("people", "civilians", "soldiers", "villagers", "police officers", "worshippers", "passengers")
BOILERPLATE = ("Advertisement", "Advertisement. Scroll to continue reading.", "Follow us on X for the latest news.",
               "Subscribe to our newsletter for daily updates.", "Share this article on Facebook, X and WhatsApp.",
               "Sign up for breaking news alerts.", "Click here to join our WhatsApp channel.")
COPY_EDITS = (("said", "stated"), ("attack", "assault"), ("soldiers", "troops"), ("officials", "authorities"),
              ("capital", "capital city"), ("biggest", "largest"), ("about", "around"),
              ("more than", "over"), ("told reporters", "told journalists"), ("warned", "cautioned"))
# fmt: on

PLOVER_TYPES = ("ASSAULT", "PROTEST", "COERCE", "CONSULT", "AGREE", "ACCUSE", "THREATEN", "SANCTION",
                "MOBILIZE", "AID", "REQUEST", "REJECT", "RETREAT", "CONCEDE", "COOPERATE", "SUPPORT")
_TYPE_WEIGHTS = (30, 10, 7, 9, 5, 6, 4, 3, 4, 4, 4, 3, 3, 2, 3, 3)

# Lede templates per PLOVER type: (sentence, headline). Slots are filled from `_Writer.slots`.
# fmt: off
LEDES: dict[str, tuple[tuple[str, str], ...]] = {
    "ASSAULT": (
        ("{G} attacked a military base near {city} {when}, killing {toll}, security officials said.",
         "Attack on army base near {city} kills {deaths}"),
        ("A car bomb exploded at a busy market in {city} {when}, killing {toll} and wounding dozens more, police said.",
         "Car bomb kills {deaths} in {city}"),
        ("{dem} warplanes struck positions held by {g} around {city} {when}, killing {toll}, the army said.",
         "{dem} air strikes hit {g} near {city}"),
        ("Gunmen abducted {n_small} villagers from a settlement near {city} {when} and killed {toll_small}, residents said.",
         "Villagers abducted near {city}"),
    ),
    "PROTEST": (
        ("Thousands of people marched through {city} {when} to protest against {issue}, and clashes with police left {toll_people} dead.",
         "Deadly protests in {city}"),
        ("Transport workers in {country} went on strike {when}, paralysing traffic in {city} as they demanded higher wages.",
         "Strike paralyses {city}"),
        ("Demonstrators blocked the main roads into {city} {when}, burning tyres and demanding the resignation of the {dem} government.",
         "Protesters block roads into {city}"),
    ),
    "COERCE": (
        ("{dem} police arrested {n_arrest} people in {city} {when} after a night of unrest, {person} said.",
         "Dozens arrested in {city}"),
        ("The authorities in {country} imposed a curfew on {city} {when} and deployed riot police across the city.",
         "Curfew imposed on {city}"),
        ("Security forces detained an opposition leader at his home in {city} {when}, his lawyer said.",
         "Opposition leader detained in {city}"),
    ),
    "CONSULT": (
        ("{person} met {person_o} in {city} {when} to discuss {topic}.", "{country} and {other} hold talks in {city}"),
        ("Delegations from {country} and {other} held talks in {city} {when}, the first such meeting in years.",
         "{country}, {other} talks in {city}"),
        ("{person} visited {other} {when}, meeting officials to discuss {topic}.", "{dem} minister visits {other}"),
    ),
    "AGREE": (
        ("The {dem} government and {g} signed a ceasefire agreement in {city} {when}, mediators said.",
         "Ceasefire signed in {city}"),
        ("{country} and {other} agreed {when} to reopen their shared border and restore diplomatic ties.",
         "{country} and {other} agree to restore ties"),
        ("Rival factions in {country} signed a power-sharing deal in {city} {when}, ending months of deadlock.",
         "Power-sharing deal signed in {country}"),
    ),
    "ACCUSE": (
        ("{country} accused {other} {when} of arming {g}, an accusation {dem_o} officials rejected.",
         "{country} accuses {other} of arming rebels"),
        ("{person} accused the opposition {when} of trying to destabilise the country.", "Government accuses opposition"),
        ("Rights groups accused {dem} troops {when} of killing {toll} during an operation near {city}.",
         "Troops accused of killings near {city}"),
    ),
    "THREATEN": (
        ("{person} warned {when} that the {dem} government would use force against {g} if attacks around {city} continued.",
         "{country} threatens force against {g}"),
        ("{G} threatened {when} to attack foreign companies operating near {city}.", "Armed group threatens foreign firms"),
        ("{other} threatened {when} to expel {dem} diplomats over what it called interference.",
         "{other} threatens to expel {dem} diplomats"),
    ),
    "SANCTION": (
        ("{Sanctioner} imposed sanctions on {dem} officials {when} over a crackdown on protesters in {city}.",
         "Sanctions over {city} crackdown"),
        ("{other} closed its border with {country} {when} and suspended trade.", "{other} closes border with {country}"),
        ("{Sanctioner} suspended {country} {when} until constitutional order is restored.", "{country} suspended"),
    ),
    "MOBILIZE": (
        ("{country} deployed {n_troops} troops to its border with {other} {when}, the defence ministry said.",
         "{country} deploys troops to {other} border"),
        ("The {dem} army put its forces on high alert {when} after clashes near {city}.", "{dem} army on high alert"),
        ("{dem} authorities sent police reinforcements to {city} {when} after attacks by {g}.",
         "Reinforcements sent to {city}"),
    ),
    "AID": (
        ("{Donor} announced {n_million} million dollars in humanitarian aid for {country} {when}.", "New aid for {country}"),
        ("The first convoy of food aid reached {city} {when}, carrying supplies for thousands of displaced families.",
         "Aid convoy reaches {city}"),
        ("{other} delivered air defence equipment to {country} {when}, the {dem} defence ministry said.",
         "{other} sends military aid to {country}"),
    ),
    "REQUEST": (
        ("{person} called on {other} {when} to hand over suspects wanted over attacks in {city}.",
         "{country} asks {other} to hand over suspects"),
        ("{country} asked {igo} for emergency assistance {when} as floods and fighting displaced thousands near {city}.",
         "{country} appeals for help"),
        ("Aid agencies urged all sides {when} to allow food and medicine to reach {city}.", "Agencies call for access to {city}"),
    ),
    "REJECT": (
        ("{country} rejected {when} a proposal by {other} to deploy observers near {city}.", "{country} rejects {other} proposal"),
        ("{G} rejected {when} an offer of talks from the {dem} government.", "Armed group rejects talks offer"),
        ("The {dem} parliament rejected {when} a bill that would have extended the state of emergency.",
         "Parliament rejects emergency bill"),
    ),
    "RETREAT": (
        ("{dem} troops withdrew from positions around {city} {when}, handing them to local forces.", "Troops withdraw from {city}"),
        ("{G} pulled out of {city} {when} after weeks of fighting, residents said.", "Fighters leave {city}"),
        ("The {dem} authorities released {n_prisoners} prisoners {when} as part of a deal with {g}.", "Prisoners released"),
    ),
    "CONCEDE": (
        ("The {dem} government scrapped a planned fuel price increase {when} after days of protests in {city}.",
         "Government scraps fuel price rise"),
        ("The authorities lifted the curfew on {city} {when}, a week after imposing it.", "Curfew lifted in {city}"),
        ("{person} resigned {when} after weeks of demonstrations demanding his removal.", "{dem} official resigns"),
    ),
    "COOPERATE": (
        ("{dem} and {dem_o} forces began joint patrols along their border {when}.", "Joint patrols on {country}-{other} border"),
        ("{country} and {other} agreed {when} to share intelligence on {g}.", "Intelligence-sharing deal"),
        ("{dem} and {dem_o} troops launched a joint operation against {g} near {city} {when}.", "Joint operation near {city}"),
    ),
    "SUPPORT": (
        ("{other} expressed support {when} for the {dem} government's efforts to end the fighting near {city}.",
         "{other} backs {country}"),
        ("{Igo} praised {when} the conduct of elections in {country}.", "{country} vote praised"),
        ("Thousands rallied in {city} {when} in support of the {dem} army.", "Rally for the army in {city}"),
    ),
}
VIOLENT = frozenset({"ASSAULT", "PROTEST", "COERCE"})  # the others get political details and reactions
REACTIONS_VIOLENT = (
    "{Igo} condemned the violence {when2} and called for restraint.",
    "{other}'s foreign ministry accused {g} {when2} of targeting civilians.",
    "{leader} vowed {when2} to hunt down those responsible.",
    "{G} denied carrying out the attack in a statement {when2}.",
    "{dem} police said {when2} that they had arrested {n_suspects} suspects.",
    "{Agency} said {when2} it would send a team to assess the humanitarian situation.",
    "The {dem} government rejected the criticism {when2}, calling it interference in its internal affairs.",
    "{other} announced {when2} that it would send {n_million} million dollars in emergency aid.",
    "Opposition lawmakers accused the government {when2} of failing to protect civilians.",
    "{Sanctioner} threatened {when2} to impose sanctions on those responsible for the violence.",
)
REACTIONS_POLITICAL = (
    "{leader_o} welcomed the move {when2} and called on all sides to build on it.",
    "{Igo} said {when2} that it supported the process.",
    "Opposition parties rejected the decision {when2}, calling it a betrayal.",
    "{leader} defended the decision in a televised address {when2}.",
    "{Sanctioner} said {when2} that it would review its relations with {country}.",
    "{G} warned {when2} that it would not be bound by any deal made without it.",
    "{other} asked {when2} to be included in future talks.",
    "Critics accused the government {when2} of making concessions without consulting parliament.",
)
DETAILS_VIOLENT = (
    "{person} told reporters that the situation in {city} was under control.",
    "The figures could not be independently verified.",
    "Residents said many families had fled toward nearby villages.",
    "Hospitals in {city} appealed for blood donations.",
    "Internet and phone connections in the area were cut for several hours.",
    "Officials said {n_wounded} people were wounded.",
    "Local media reported that more than {n_small},000 people had been displaced.",
    "The authorities did not say how many people had been detained.",
    "Markets and schools in {city} remained closed.",
    "Witnesses described hours of gunfire and several loud explosions.",
    "Security forces sealed off the area and searched nearby houses.",
    "Photographs shared on social media showed burned vehicles and collapsed buildings.",
    "The army said it had reinforced checkpoints on the roads leading to {city}.",
    "Aid workers said the wounded were taken to hospitals in {city_b}.",
    "Several of the victims were children, according to a local health official.",
)
DETAILS_NEUTRAL = (
    "{country} has faced a series of security crises in recent years.",
    "The area has been largely cut off from aid for months, according to humanitarian workers.",
    "More than {n_small},000 people have been displaced in the region over the past year, according to the UN.",
    "A spokesman for {igo} declined to comment.",
    "Officials in {city} said they had not been informed in advance.",
)
DETAILS_POLITICAL = (
    "Details of the arrangement were not made public.",
    "{person} said the decision had been taken after weeks of consultations.",
    "Diplomats said the talks had been difficult but constructive.",
    "The announcement was broadcast on state television.",
    "Economists said the measures could affect food prices in {country}.",
    "The two countries share a long and porous border.",
    "The government did not say how the measures would be paid for.",
)
QUOTES = (
    "We heard the explosions and ran with the children",
    "Nobody has told us what will happen next",
    "The situation is very tense, people are afraid to leave their homes",
    "We have buried our dead, now we want justice",
    "Prices have doubled since the fighting began",
    "This agreement is a first step, but trust will take time",
    "We want to go back to our homes, but it is not safe yet",
    "The government must listen to the people",
)
OUTLOOKS = (
    "Officials from {country} and {other} will meet in {city_o} {future} to discuss the crisis.",
    "Analysts warned that {g} could strike again in the coming weeks.",
    "The {dem} parliament is due to debate the issue {future}.",
    "Opposition parties said they would hold fresh protests {future}.",
    "Security experts said the violence could spread to neighbouring {other}.",
    "A delegation from {igo} is expected in {city} {future}.",
)
PAST = (
    "{g} overran {city_b}, killing {toll_b}",
    "a bomb attack in {city_b} killed {toll_b}",
    "the government and {g} signed a peace agreement in {city_b}",
    "{dem} troops withdrew from {city_b}",
    "{sanctioner} imposed sanctions on {country}",
    "protests over {issue} left {toll_b} dead",
    "{dem} and {dem_o} forces clashed along their border, killing {toll_b}",
    "the authorities declared a state of emergency in {city_b}",
)
# fmt: on
CIVILIAN_ROLES = ("a resident", "a witness", "a doctor", "a local official", "a community leader", "an aid worker")
OFFICIAL_TITLES = ("Interior Minister", "Defence Minister", "Foreign Minister", "government spokesman",
                   "police spokesman", "army spokesman", "Governor", "Prime Minister")


_REGION: dict[str, tuple[Country, ...]] = {
    key: tuple(c for c in COUNTRIES if c.names == key) for key in NAMES
}


def _cap(text: str) -> str:
    """Upper-case the first letter only ("the UN" -> "The UN"; str.capitalize would lower the rest)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Frame:
    """One happening that one or several outlets report (the story's ground truth)."""

    kind: str
    country: Country
    other: Country
    city: str
    group: str
    person: str  # "Interior Minister Ahmed Farah"
    deaths: int
    day: date


class _Writer:
    """Write articles from frames; `rng` is the only source of variation (determinism)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def name(self, country: Country) -> str:
        first, last = NAMES[country.names]
        return f"{self.rng.choice(first)} {self.rng.choice(last)}"

    def group_for(self, country: Country) -> str:
        local = [name for name, where in GROUPS if country.iso2 in where]
        if local and self.rng.random() < 0.8:
            return self.rng.choice(local)
        return self.rng.choice(GENERIC_ATTACKERS)

    def frame(self) -> Frame:
        rng = self.rng
        country = rng.choice(COUNTRIES)
        neighbours = _REGION[country.names] if rng.random() < 0.85 else COUNTRIES
        other = rng.choice(neighbours)
        while other is country:
            other = rng.choice(COUNTRIES)
        return Frame(
            kind=rng.choices(PLOVER_TYPES, weights=_TYPE_WEIGHTS)[0], country=country, other=other,
            city=rng.choice(country.cities), group=self.group_for(country),
            person=f"{rng.choice(OFFICIAL_TITLES)} {self.name(country)}",
            deaths=rng.choice((rng.randint(2, 15), rng.randint(10, 60), rng.randint(40, 300))),
            day=_START + timedelta(days=rng.randrange(_DAYS)),
        )

    def deaths_phrase(self, n: int, victims: str | None = None) -> str:
        """Return a toll phrase for about `n` deaths in one of the forms news writers use."""
        rng = self.rng
        victims = victims or rng.choice(VICTIMS)
        roll = rng.random()
        if n >= 200 and roll < 0.3:
            return f"hundreds of {victims}"
        if 24 <= n < 60 and roll < 0.35:
            return f"dozens of {victims}"
        if 40 <= n < 100 and roll < 0.5:
            return f"scores of {victims}"
        if 12 <= n <= 15 and roll < 0.4:
            return f"{rng.choice(('a dozen', 'more than a dozen'))} {victims}"
        form = rng.randrange(5)
        if form == 0:
            return f"at least {n} {victims}"
        if form == 1:
            return f"more than {n} {victims}"
        if form == 2:
            return f"up to {n} {victims}"
        if form == 3:
            return f"between {max(n - rng.randint(2, 5), 2)} and {n} {victims}"
        return f"{NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else n} {victims}"

    def when(self, day: date, published: date) -> str:
        """Return a date phrase for past `day` as a writer on `published` would put it."""
        delta = (published - day).days
        weekday = WEEKDAYS[day.weekday()]
        roll = self.rng.random()
        if delta == 1 and roll < 0.15:
            return "yesterday"
        if delta == 2 and roll < 0.35:
            return "two days ago"
        if 3 <= delta <= 5 and roll < 0.2:
            return f"{NUMBER_WORDS[delta]} days ago"
        if 0 <= delta <= 6:
            return self.rng.choice((f"on {weekday}", f"early on {weekday}", f"late on {weekday}",
                                    f"on {weekday} night", f"on {weekday}"))
        if 7 <= delta <= 13 and roll < 0.4:
            return "last week"
        if roll < 0.2:
            return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"
        return f"on {MONTHS[day.month - 1]} {day.day}"

    def future(self, published: date) -> str:
        ahead = self.rng.randint(1, 12)
        day = published + timedelta(days=ahead)
        if ahead <= 6:
            return f"on {WEEKDAYS[day.weekday()]}"
        return self.rng.choice(("next week", f"on {MONTHS[day.month - 1]} {day.day}", "later this month"))

    def slots(self, f: Frame, published: date) -> dict[str, str]:
        """Draw every value a template of this article may use (once, so templates stay cheap)."""
        rng = self.rng
        c, o = f.country, f.other
        igo, sanctioner = rng.choice(IGOS), rng.choice(SANCTIONERS)
        later = f.day + timedelta(days=rng.randint(0, max(0, (published - f.day).days)))
        return {
            "country": c.name, "other": o.name, "dem": c.demonym, "dem_o": o.demonym, "city": f.city,
            "city_o": rng.choice(o.cities), "city_b": rng.choice(c.cities), "g": f.group, "G": _cap(f.group),
            "person": f.person, "person_o": f"{rng.choice(('Foreign Minister', 'Defence Minister'))} {self.name(o)}",
            "leader": f"{rng.choice(('President', 'Prime Minister', 'Interior Minister'))} {self.name(c)}",
            "leader_o": f"{rng.choice(('Foreign Minister', 'President'))} {self.name(o)}",
            "igo": igo, "Igo": _cap(igo), "Donor": _cap(rng.choice(DONORS)), "issue": rng.choice(ISSUES),
            "sanctioner": sanctioner, "Sanctioner": _cap(sanctioner), "Agency": _cap(rng.choice(AGENCIES)),
            "toll_small": self.deaths_phrase(rng.randint(2, 9)),
            "topic": rng.choice(TOPICS), "deaths": str(f.deaths), "toll": self.deaths_phrase(f.deaths),
            "toll_people": self.deaths_phrase(f.deaths, rng.choice(("people", "protesters"))),
            "toll_b": self.deaths_phrase(rng.randint(5, 250)), "when": self.when(f.day, published),
            "when2": self.when(later, published), "future": self.future(published),
            "n_small": str(rng.randint(2, 90)), "n_arrest": str(rng.randint(12, 140)),
            "n_troops": str(rng.randint(2, 40) * 100), "n_million": str(rng.randint(2, 90)),
            "n_prisoners": str(rng.randint(20, 300)), "n_suspects": str(rng.randint(2, 9)),
            "n_wounded": str(rng.randint(20, 400)),
        }

    def background(self, f: Frame, slots: dict[str, str], published: date) -> str:
        """Return a history paragraph with its own years, sometimes a 'N years later' chain."""
        rng = self.rng
        local = dict(slots, city_b=rng.choice(f.country.cities), toll_b=self.deaths_phrase(rng.randint(5, 250)))
        year = published.year - rng.randint(2, 25)
        first, second = (p.format_map(local) for p in rng.sample(PAST, 2))
        month = f"{MONTHS[rng.randrange(12)]} " if rng.random() < 0.4 else ""
        text = f"In {month}{year}, {first}."
        if rng.random() < 0.5:
            gap = rng.randint(1, min(5, published.year - year))
            text += f" {'A year later' if gap == 1 else NUMBER_WORDS[gap].capitalize() + ' years later'}, {second}."
        elif rng.random() < 0.5:
            text += f" Since {year - rng.randint(1, 6)}, the conflict has killed thousands of people."
        return text

    def dateline(self, f: Frame, published: date | None) -> str:
        roll = self.rng.random()
        city = f.city.upper()
        if roll < 0.25 and published is not None:
            return f"{city}, {f.country.name}, {MONTHS_SHORT[published.month - 1]} {published.day} - "
        if roll < 0.5:
            tag = self.rng.choice(AGENCY_TAGS)
            return f"{city}, {f.country.name} {tag} - " if tag else f"{city}, {f.country.name} - "
        if roll < 0.65:
            return f"{city} - "
        return ""

    def quote(self, f: Frame) -> str:
        speaker = f"{self.name(f.country)}, {self.rng.choice(CIVILIAN_ROLES)} in {f.city}"
        return f'"{self.rng.choice(QUOTES)}," said {speaker}.'

    def paragraphs(self, f: Frame, slots: dict[str, str], published: date) -> list[str]:
        """Return candidate body paragraphs in reading order (the caller keeps as many as it needs)."""
        rng = self.rng
        violent = f.kind in VIOLENT
        reactions = rng.sample(REACTIONS_VIOLENT if violent else REACTIONS_POLITICAL, 6)
        pool = DETAILS_NEUTRAL + (DETAILS_VIOLENT if violent else DETAILS_POLITICAL)
        details = [_cap(t.format_map(slots)) for t in rng.sample(pool, len(pool))]
        chunks = []
        while details:
            size = rng.randint(1, 3)
            chunks.append(" ".join(details[:size]))
            details = details[size:]
        body = [self.quote(f), *(_cap(r.format_map(slots)) for r in reactions[:3]),
                self.background(f, slots, published), _cap(rng.choice(OUTLOOKS).format_map(slots)),
                self.quote(f), *(_cap(r.format_map(slots)) for r in reactions[3:]),
                self.background(f, slots, published), self.background(f, slots, published)]
        ordered = [chunks.pop(0)]
        for para in body:  # interleave facts and details the way wire copy reads
            ordered.append(para)
            if chunks:
                ordered.append(chunks.pop(0))
        return ordered + chunks

    def article(self, f: Frame, published: date, *, dated: bool) -> tuple[str, str]:
        """Return (text, title) reporting frame `f` as of `published`, 150-600 words."""
        rng = self.rng
        slots = self.slots(f, published)
        lede, title = rng.choice(LEDES[f.kind])
        first = self.dateline(f, published if dated else None) + _cap(lede.format_map(slots))
        target = rng.randint(MIN_WORDS + 30, MAX_WORDS - 80)
        paragraphs, words = [first], len(first.split())
        for para in self.paragraphs(f, slots, published):
            if words >= target:
                break
            paragraphs.append(para)
            words += len(para.split())
        for _ in range(rng.choice((0, 1, 1, 2))):
            line = rng.choice(BOILERPLATE + (f"Read more: {rng.choice(COUNTRIES).name} crisis explained",))
            paragraphs.insert(rng.randint(1, len(paragraphs)), line)
        if rng.random() < 0.03:
            paragraphs.insert(1, paragraphs[0])  # a repeated lede, as some crawls have it
        return _fit(paragraphs), title.format_map(slots)

    def near_copy(self, text: str, title: str) -> tuple[str, str]:
        """Return a lightly edited syndicated copy: a few word swaps, boilerplate changed."""
        rng = self.rng
        for old, new in rng.sample(COPY_EDITS, rng.randint(2, 4)):
            text = text.replace(old, new, 1)
        paragraphs = [p for p in text.split("\n\n") if p not in BOILERPLATE]
        if len(paragraphs) > 4 and rng.random() < 0.5:
            paragraphs.pop()
        paragraphs.append(rng.choice(("This article was syndicated from a partner news agency.",
                                      "Share this story.", "Advertisement")))
        return _fit(paragraphs), rng.choice(("", "UPDATE 1-", "WRAPUP ", "")) + title


_PAD = "The situation remained tense, and officials said more details would be released later."


def _fit(paragraphs: list[str]) -> str:
    """Join paragraphs, dropping trailing ones above MAX_WORDS and padding below MIN_WORDS."""
    counts = [len(p.split()) for p in paragraphs]
    total = sum(counts)
    while total > MAX_WORDS and len(paragraphs) > 1:
        total -= counts.pop()
        paragraphs.pop()
    if total > MAX_WORDS:  # one huge paragraph: cut it at a word boundary
        paragraphs, total = [" ".join(paragraphs[0].split()[:MAX_WORDS])], MAX_WORDS
    while total < MIN_WORDS:
        paragraphs.append(_PAD)
        total += len(_PAD.split())
    return "\n\n".join(paragraphs)


def _slug(title: str) -> str:
    return "-".join("".join(ch for ch in word.lower() if ch.isalnum()) for word in title.split()[:8])


def generate_articles(n: int, *, seed: int = 0, per_day: int | None = None,
                      start: date = date(2023, 1, 2)) -> Iterator[dict]:
    """Yield `n` synthetic articles as JSON Lines-shaped dicts: id, text, url, outlet, published, title.

    Deterministic for a given `seed`. About 30% re-report a recent happening from another outlet with
    other wording, about 10% are lightly edited syndicated copies of a recent article (another outlet,
    the same text give or take a few words), about 6% are undated (`published` None). Raises
    ValueError for a negative `n` or a `per_day` below 1.

    By default happenings are spread over 2019-2024 in random order. With `per_day`, the articles
    are a *news stream* as an ingest sees one: `per_day` articles a day from `start` on, in date
    order (copies carry their original's date, a day or two back), reporting happenings of the
    last days; and each outlet adds its own standing lines (a tagline, a funding note) to most of its
    articles, the boilerplate an ingest must learn per outlet. Re-reports and copies then reach back
    `_RECENT` articles, so raise `per_day` for fewer stories per day and denser ones.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if per_day is not None and per_day < 1:
        raise ValueError(f"per_day must be >= 1, got {per_day}")
    writer = _Writer(seed)
    rng = writer.rng
    frames: deque[Frame] = deque(maxlen=_RECENT)
    originals: deque[dict] = deque(maxlen=_RECENT)
    for i in range(n):
        roll = rng.random()
        if roll < COPY_SHARE and originals:
            yield _copy_of(writer, rng.choice(originals), f"syn{seed}-{i:07d}")
            continue
        today = start + timedelta(days=i // per_day) if per_day else None
        if roll < COPY_SHARE + STORY_SHARE and frames:
            frame = rng.choice(frames)
        else:
            frame = writer.frame()
            if today is not None:
                frame = replace(frame, day=today - timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 3))))
            frames.append(frame)
        if today is None:
            published = frame.day + timedelta(days=rng.choice((0, 1, 1, 1, 2, 3, 6, 9)))
        else:
            published = max(today, frame.day)
        dated = rng.random() >= UNDATED_SHARE
        text, title = writer.article(frame, published, dated=dated)
        outlet = rng.choice(OUTLETS)
        if per_day:
            text = _with_outlet_lines(text, outlet, rng)
        record = {
            "id": f"syn{seed}-{i:07d}",
            "text": text,
            "url": f"https://{outlet}/{published:%Y/%m/%d}/{_slug(title)}-{i}",
            "outlet": outlet,
            "published": published.isoformat() if dated else None,
            "title": title,
        }
        originals.append(record)
        yield record


def _outlet_lines(outlet: str) -> tuple[str, str]:
    """An outlet's own standing lines: a tagline closing its articles and a funding or corrections note."""
    name = " ".join(part.capitalize() for part in outlet.split(".")[0].split("-"))
    return (f"{name} is an independent newsroom covering conflict and politics across the region.",
            f"Spotted an error in this {name} report? Write to the corrections desk at {outlet}.")


def _with_outlet_lines(text: str, outlet: str, rng: random.Random) -> str:
    """Add the outlet's standing lines to most of its articles (each line to about 80% of them)."""
    tagline, note = _outlet_lines(outlet)
    paragraphs = text.split("\n\n")
    if rng.random() < 0.8:
        paragraphs.append(tagline)
    if rng.random() < 0.8:
        paragraphs.insert(min(2, len(paragraphs)), note)
    return "\n\n".join(paragraphs)


def _copy_of(writer: _Writer, original: dict, article_id: str) -> dict:
    text, title = writer.near_copy(original["text"], original["title"])
    outlet = writer.rng.choice(OUTLETS)
    while outlet == original["outlet"]:
        outlet = writer.rng.choice(OUTLETS)
    return {
        "id": article_id,
        "text": text,
        "url": f"https://{outlet}/syndication/{_slug(title)}-{article_id.rsplit('-', 1)[1]}",
        "outlet": outlet,
        "published": original["published"],
        "title": title,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic news articles as JSON Lines.")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="output .jsonl file ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same articles)")
    parser.add_argument("--per-day", type=int, default=None,
                        help="a date-ordered news stream of this many articles a day, with outlet boilerplate")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be >= 0")
    start = time.perf_counter()
    out = sys.stdout if str(args.out) == "-" else args.out.open("w", encoding="utf-8")
    try:
        for record in generate_articles(args.n, seed=args.seed, per_day=args.per_day):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    elapsed = time.perf_counter() - start
    print(f"wrote {args.n} articles in {elapsed:.2f} s ({args.n / max(elapsed, 1e-9):,.0f}/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
