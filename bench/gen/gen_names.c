#include "bench/gen/gen_names.h"

#include <string.h>

static const gen_person_name gen_given[] = {
    {"Anna", "anna"},
    {"Lukas", "lukas"},
    {"Marie", "marie"},
    {"Jonas", "jonas"},
    {"Sophie", "sophie"},
    {"Paul", "paul"},
    {"Emma", "emma"},
    {"Leon", "leon"},
    {"Julia", "julia"},
    {"Felix", "felix"},
    {"Laura", "laura"},
    {"David", "david"},
    {"Sarah", "sarah"},
    {"Thomas", "thomas"},
    {"Claire", "claire"},
    {"Pierre", "pierre"},
    {"Camille", "camille"},
    {"Louis", "louis"},
    {"Giulia", "giulia"},
    {"Marco", "marco"},
    {"Lucia", "lucia"},
    {"Pablo", "pablo"},
    {"Carmen", "carmen"},
    {"James", "james"},
    {"Olivia", "olivia"},
    {"William", "william"},
    {"Emily", "emily"},
    {"Daan", "daan"},
    {"Sanne", "sanne"},
    {"Erik", "erik"},
    {"Ingrid", "ingrid"},
    {"Piotr", "piotr"},
    {"Katarzyna", "katarzyna"},
    {"Hiroshi", "hiroshi"},
    {"Yuki", "yuki"},
    {"Mateus", "mateus"},
    {"Beatriz", "beatriz"},
    {"Noah", "noah"},
    {"Mia", "mia"},
    {"Oliver", "oliver"},
    {"Charlotte", "charlotte"},
    {"Henrik", "henrik"},
    {"Nikos", "nikos"},
    {"Eleni", "eleni"},
    {"Jan", "jan"},
    {"Eva", "eva"},
    {"Michael", "michael"},
    {"Susanne", "susanne"},
    {"J\xc3\xbcrgen", "juergen"},
    {"Ren\xc3\xa9", "rene"},
    {"Zo\xc3\xab", "zoe"},
    {"Bj\xc3\xb6rn", "bjoern"},
    {"Ma\xc3\xaflys", "maelys"},
    {"Jos\xc3\xa9", "jose"},
    {"In\xc3\xa9s", "ines"},
    {"S\xc3\xb8ren", "soeren"},
    {"\xc3\x81gnes", "agnes"},
    {"\xc3\x89lodie", "elodie"},
    {"Ren\xc3\xa9"
     "e",
     "renee"},
    {"Fran\xc3\xa7ois", "francois"},
};

static const gen_person_name gen_sur[] = {
    {"Schmidt", "schmidt"},
    {"Weber", "weber"},
    {"Wagner", "wagner"},
    {"Becker", "becker"},
    {"Hoffmann", "hoffmann"},
    {"Fischer", "fischer"},
    {"Martin", "martin"},
    {"Bernard", "bernard"},
    {"Dubois", "dubois"},
    {"Laurent", "laurent"},
    {"Rossi", "rossi"},
    {"Russo", "russo"},
    {"Ferrari", "ferrari"},
    {"Garcia", "garcia"},
    {"Fernandez", "fernandez"},
    {"Lopez", "lopez"},
    {"Smith", "smith"},
    {"Jones", "jones"},
    {"Taylor", "taylor"},
    {"Brown", "brown"},
    {"Wilson", "wilson"},
    {"de Vries", "devries"},
    {"Jansen", "jansen"},
    {"Bakker", "bakker"},
    {"Johansson", "johansson"},
    {"Andersson", "andersson"},
    {"Nowak", "nowak"},
    {"Kowalski", "kowalski"},
    {"Tanaka", "tanaka"},
    {"Suzuki", "suzuki"},
    {"Silva", "silva"},
    {"Santos", "santos"},
    {"O'Brien", "obrien"},
    {"Papadopoulos", "papadopoulos"},
    {"Novak", "novak"},
    {"Horvat", "horvat"},
    {"Meyer", "meyer"},
    {"Schulz", "schulz"},
    {"Keller", "keller"},
    {"Huber", "huber"},
    {"Peeters", "peeters"},
    {"Maes", "maes"},
    {"M\xc3\xbcller", "mueller"},
    {"Gro\xc3\x9f", "gross"},
    {"Sch\xc3\xa4"
     "fer",
     "schaefer"},
    {"Lef\xc3\xa8vre", "lefevre"},
    {"Garc\xc3\xad"
     "a",
     "garcia"},
    {"N\xc3\xba\xc3\xb1"
     "ez",
     "nunez"},
    {"J\xc3\xb8rgensen", "joergensen"},
    {"\xc3\x85"
     "berg",
     "aaberg"},
    {"W\xc3\xb3jcik", "wojcik"},
    {"Dvo\xc5\x99\xc3\xa1k", "dvorak"},
    {"K\xc3\xb6nig", "koenig"},
    {"Br\xc3\xbc"
     "ckner",
     "brueckner"},
};

static const char *const gen_org_words[] = {
    "Nordwind",   "Alpenblick", "Bluewater", "Silverline", "Greenfield", "Ironbridge", "Sunrise",
    "Lighthouse", "Northstar",  "Redwood",   "Cobalt",     "Quantum",    "Helix",      "Meridian",
    "Atlas",      "Orion",      "Vertex",    "Pioneer",    "Summit",     "Harbor",     "Falcon",
    "Evergreen",  "Granite",    "Horizon",   "Keystone",   "Lumen",      "Mosaic",     "Nimbus",
    "Oakridge",   "Pinnacle",   "Riverside", "Sapphire",   "Tandem",     "Unity",      "Vanguard",
    "Westbrook",  "Zenith",     "Aurora",    "Beacon",     "Crescent",   "Delta",      "Ember",
};

static const char *const gen_org_kinds[] = {
    "Logistik", "Consulting", "Systems", "Energie", "Bank",       "Versicherung", "Medical",
    "Software", "Partners",   "Trading", "Capital", "Industries", "Analytics",    "Labs",
};

static const char *const gen_street_words[] = {
    "Hauptstrasse", "Bahnhofstrasse", "Main Street", "High Street", "Rue de la Paix",
    "Via Roma",     "Calle Mayor",    "Kerkstraat",  "Storgatan",   "Market Square",
};

static const char *const gen_titles[] = {
    "Director", "Engineer",   "Accountant", "Attorney", "Physician",
    "Manager",  "Consultant", "Notary",     NULL,
};

static const char *const de_cities[] = {"Berlin",  "Hamburg",   "Munich",
                                        "Cologne", "Stuttgart", NULL};
static const char *const de_states[] = {
    "Berlin", "Hamburg", "Bayern", "Nordrhein-Westfalen", "Baden-Wuerttemberg", NULL};
static const char *const de_suffix[] = {"GmbH", "AG", "KG", "SE", NULL};
static const char *const fr_cities[] = {"Paris", "Lyon", "Marseille", "Toulouse", NULL};
static const char *const fr_suffix[] = {"SAS", "SA", "SARL", NULL};
static const char *const us_cities[] = {"Austin", "Seattle", "Boston", "Denver", "Chicago", NULL};
static const char *const us_states[] = {"Texas",    "Washington", "Massachusetts",
                                        "Colorado", "Illinois",   NULL};
static const char *const us_suffix[] = {"Inc.", "LLC", "Corp.", NULL};
static const char *const gb_cities[] = {"London", "Manchester", "Leeds", "Bristol", NULL};
static const char *const gb_suffix[] = {"Ltd", "PLC", "LLP", NULL};
static const char *const nl_cities[] = {"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", NULL};
static const char *const nl_suffix[] = {"B.V.", "N.V.", NULL};
static const char *const it_cities[] = {"Milano", "Roma", "Torino", "Bologna", NULL};
static const char *const it_suffix[] = {"S.p.A.", "S.r.l.", NULL};
static const char *const es_cities[] = {"Madrid", "Barcelona", "Valencia", "Sevilla", NULL};
static const char *const es_suffix[] = {"S.A.", "S.L.", NULL};
static const char *const ch_cities[] = {"Zurich", "Geneva", "Basel", "Bern", NULL};
static const char *const ch_suffix[] = {"AG", "SA", "GmbH", NULL};
static const char *const at_cities[] = {"Wien", "Graz", "Linz", "Salzburg", NULL};
static const char *const at_suffix[] = {"GmbH", "AG", NULL};
static const char *const be_cities[] = {"Brussels", "Antwerp", "Ghent", "Liege", NULL};
static const char *const be_suffix[] = {"NV", "BV", "SA", NULL};
static const char *const se_cities[] = {"Stockholm", "Gothenburg", "Malmo", "Uppsala", NULL};
static const char *const se_suffix[] = {"AB", NULL};
static const char *const pl_cities[] = {"Warszawa", "Krakow", "Gdansk", "Wroclaw", NULL};
static const char *const pl_suffix[] = {"Sp. z o.o.", "S.A.", NULL};
static const char *const gr_cities[] = {"Athens", "Thessaloniki", "Patras", NULL};
static const char *const gr_suffix[] = {"S.A.", "IKE", NULL};
static const char *const jp_cities[] = {"Tokyo", "Osaka", "Nagoya", "Fukuoka", NULL};
static const char *const jp_suffix[] = {"K.K.", "Co., Ltd.", NULL};
static const char *const br_cities[] = {"Sao Paulo", "Rio de Janeiro", "Curitiba", NULL};
static const char *const br_suffix[] = {"Ltda.", "S.A.", NULL};
static const char *const ca_cities[] = {"Toronto", "Montreal", "Vancouver", "Ottawa", NULL};
static const char *const ca_states[] = {"Ontario", "Quebec", "British Columbia", NULL};
static const char *const ca_suffix[] = {"Inc.", "Ltd.", NULL};

const gen_country gen_countries[] = {
    {"DE", "DE", "de", de_cities, de_states, de_suffix, "99999"},
    {"FR", "FR", "fr", fr_cities, NULL, fr_suffix, "99999"},
    {"US", "US", "com", us_cities, us_states, us_suffix, "99999"},
    {"GB", "GB", "co.uk", gb_cities, NULL, gb_suffix, "AA9 9AA"},
    {"NL", "NL", "nl", nl_cities, NULL, nl_suffix, "9999 AA"},
    {"IT", "IT", "it", it_cities, NULL, it_suffix, "99999"},
    {"ES", "ES", "es", es_cities, NULL, es_suffix, "99999"},
    {"CH", "CH", "ch", ch_cities, NULL, ch_suffix, "9999"},
    {"AT", "AT", "at", at_cities, NULL, at_suffix, "9999"},
    {"BE", "BE", "be", be_cities, NULL, be_suffix, "9999"},
    {"SE", "SE", "se", se_cities, NULL, se_suffix, "999 99"},
    {"PL", "PL", "pl", pl_cities, NULL, pl_suffix, "99-999"},
    {"GR", "EL", "gr", gr_cities, NULL, gr_suffix, "999 99"},
    {"JP", "JP", "jp", jp_cities, NULL, jp_suffix, "999-9999"},
    {"BR", "BR", "com.br", br_cities, NULL, br_suffix, "99999-999"},
    {"CA", "CA", "ca", ca_cities, ca_states, ca_suffix, "A9A 9A9"},
};
const size_t gen_num_countries = sizeof gen_countries / sizeof gen_countries[0];

#define GEN_COUNT(a) (sizeof(a) / sizeof((a)[0]))

const gen_person_name *gen_given_name(gen_rng *r) {
    return &gen_given[gen_rng_below(r, GEN_COUNT(gen_given))];
}

const gen_person_name *gen_surname(gen_rng *r) {
    return &gen_sur[gen_rng_below(r, GEN_COUNT(gen_sur))];
}

static const gen_person_name gen_idn_words[] = {
    {"B\xc3\xa4ren", "b\xc3\xa4ren"},
    {"M\xc3\xbchlen", "m\xc3\xbchlen"},
    {"Stra\xc3\x9f"
     "e",
     "stra\xc3\x9f"
     "e"},
    {"Caf\xc3\xa9", "caf\xc3\xa9"},
    {"Z\xc3\xbcrich", "z\xc3\xbcrich"},
    {"\xc3\x85ngstr\xc3\xb6m", "\xc3\xa5ngstr\xc3\xb6m"},
    {"K\xc3\xb6ln", "k\xc3\xb6ln"},
    {"S\xc3\xa3o Bento", "s\xc3\xa3o-bento"},
};

const gen_person_name *gen_org_word_idn(gen_rng *r) {
    return &gen_idn_words[gen_rng_below(r, GEN_COUNT(gen_idn_words))];
}

const char *gen_org_word(gen_rng *r) {
    return gen_org_words[gen_rng_below(r, GEN_COUNT(gen_org_words))];
}

const char *gen_street_word(gen_rng *r) {
    return gen_street_words[gen_rng_below(r, GEN_COUNT(gen_street_words))];
}

const char *gen_title(gen_rng *r) {
    return gen_titles[gen_rng_below(r, GEN_COUNT(gen_titles) - 1)];
}

const char *gen_pick(gen_rng *r, const char *const *list) {
    size_t n = 0;
    while (list[n] != NULL) {
        n++;
    }
    return list[gen_rng_below(r, n)];
}

const char *gen_org_kind(gen_rng *r) {
    return gen_org_kinds[gen_rng_below(r, GEN_COUNT(gen_org_kinds))];
}

int gen_names_printable(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              strchr(" '()+,-./:=?", c) != NULL) ||
            c == '\0') {
            return 0;
        }
    }
    return 1;
}

size_t gen_names_slug(const char *s, char *out, size_t cap) {
    size_t n = 0;
    for (; *s != '\0' && n + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z') {
            out[n++] = (char)(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out[n++] = (char)c;
        } else if ((c == ' ' || c == '-') && n > 0 && out[n - 1] != '-') {
            out[n++] = '-';
        }
    }
    while (n > 0 && out[n - 1] == '-') {
        n--;
    }
    out[n] = '\0';
    return n;
}
