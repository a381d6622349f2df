//! The city the generator lays out: street pools, regions and planted parcels.
//!
//! These tables are the reference generator's, verbatim: 19 street pools
//! (`NAME|TYPE|WEIGHT` items, `-` for no type, some prefixed by numbered
//! avenues), 19 regions mapping block-number ranges to a lon/lat box, a pool, a
//! street angle and a condominium probability, and the planted parcels that give
//! the CL2 rules their fixed matches (the planted MAPBLKLOTs and their unit
//! counts, the block with the planted `firstCoordinates.x`, the block with the
//! planted MultiPolygon).
//!
//! Invariants: the order of pools, of the items in a pool and of
//! [`PLANTED_UNITS`] is the script's (the weighted street pick and the planted
//! lots depend on it); every street name and type is printable ASCII, where
//! serde_json's string escaping (which `citylots.rs` and `scale.rs` use) is
//! Python's `json.dumps`'s, which escapes everything else (a unit test checks
//! it).
//!
//! Costs: [`build_pools`] parses the pool texts once per corpus (734 streets);
//! everything else is constant.

/// One `pool(...)` of the script.
struct PoolSpec {
    name: &'static str,
    /// `avenues(lo, hi, w, skip)` prepended to the pool.
    avenues: Option<(u32, u32, f64, &'static [u32])>,
    /// The `pool("""...""")` text: `NAME|TYPE|WEIGHT` items, `-` for no type.
    spec: &'static str,
}

/// The pools, verbatim from the script.
const POOL_SPECS: &[PoolSpec] = &[
    PoolSpec {
        name: "northeast",
        avenues: None,
        spec: "JEFFERSON|ST|2, BEACH|ST|3, NORTH POINT|ST|4, BAY|ST|5, FRANCISCO|ST|5, CHESTNUT|ST|6, LOMBARD|ST|6, GREENWICH|ST|6, FILBERT|ST|6, UNION|ST|6, GREEN|ST|6, VALLEJO|ST|5, BROADWAY|-|5, PACIFIC|AVE|4, HYDE|ST|9, LARKIN|ST|6, LEAVENWORTH|ST|7, JONES|ST|7, TAYLOR|ST|7, MASON|ST|9, POWELL|ST|7, STOCKTON|ST|7, GRANT|AVE|6, COLUMBUS|AVE|5, KEARNY|ST|5, MONTGOMERY|ST|4, SANSOME|ST|3, BATTERY|ST|3, FRONT|ST|2, DAVIS|ST|2, DRUMM|ST|0.4, VANDEWATER|ST|1, ALTA|ST|1, JACKSON|ST|3, WASHINGTON|ST|3, CLAY|ST|3, VAN NESS|AVE|4, POLK|ST|5, HOUSTON|ST|1, JASON|CT|1, BELLAIR|PL|1, VALPARAISO|ST|1, MACONDRAY|LN|1, FIELDING|ST|1, WINTHROP|ST|1, TELEGRAPH|PL|1, CHARLTON|CT|1",
    },
    PoolSpec {
        name: "pacheights",
        avenues: None,
        spec: "MARINA|BLVD|2, CERVANTES|BLVD|1, AVILA|ST|1, PRADO|ST|1, RICO|WAY|1, CAPRA|WAY|1, ALHAMBRA|ST|1, MALLORCA|WAY|1, BEACH|ST|1, JEFFERSON|ST|0.5, NORTH POINT|ST|2, BAY|ST|2, FRANCISCO|ST|3, CHESTNUT|ST|4, LOMBARD|ST|4, GREENWICH|ST|4, FILBERT|ST|4, UNION|ST|4, GREEN|ST|4, VALLEJO|ST|4, BROADWAY|-|4, PACIFIC|AVE|4, JACKSON|ST|5, WASHINGTON|ST|5, CLAY|ST|5, SACRAMENTO|ST|5, CALIFORNIA|ST|5, PINE|ST|5, BUSH|ST|5, SUTTER|ST|4, POST|ST|4, FILLMORE|ST|5, STEINER|ST|5, PIERCE|ST|5, SCOTT|ST|5, DIVISADERO|ST|5, BRODERICK|ST|4, BAKER|ST|4, LYON|ST|3, WEBSTER|ST|5, BUCHANAN|ST|5, LAGUNA|ST|5, OCTAVIA|ST|5, GOUGH|ST|5, FRANKLIN|ST|5, VAN NESS|AVE|4, POLK|ST|4, LARKIN|ST|4, HYDE|ST|4, LEAVENWORTH|ST|3, JONES|ST|3, TAYLOR|ST|3, MASON|ST|4, POWELL|ST|3, MORAGA|AVE|1, BLAKE|ST|1",
    },
    PoolSpec {
        name: "western_addition",
        avenues: None,
        spec: "GEARY|BLVD|4, O'FARRELL|ST|4, ELLIS|ST|4, EDDY|ST|4, TURK|ST|4, GOLDEN GATE|AVE|4, MCALLISTER|ST|4, FULTON|ST|6, GROVE|ST|4, HAYES|ST|5, FELL|ST|4, OAK|ST|4, PAGE|ST|4, HAIGHT|ST|4, WALLER|ST|3, HERMANN|ST|1, DUBOCE|AVE|2, FILLMORE|ST|4, STEINER|ST|4, PIERCE|ST|4, SCOTT|ST|4, DIVISADERO|ST|4, BRODERICK|ST|3, BAKER|ST|3, WEBSTER|ST|4, BUCHANAN|ST|4, LAGUNA|ST|4, OCTAVIA|ST|3, GOUGH|ST|3, FRANKLIN|ST|2, CENTRAL|AVE|2, MASONIC|AVE|2, LYON|ST|2, PERINE|PL|1, LILY|ST|1, LINDEN|ST|1, IVY|ST|1, BIRCH|ST|1",
    },
    PoolSpec {
        name: "inner_richmond",
        avenues: None,
        spec: "CALIFORNIA|ST|4, SACRAMENTO|ST|3, CLAY|ST|3, WASHINGTON|ST|3, JACKSON|ST|3, PACIFIC|AVE|2, PRESIDIO|AVE|3, WALNUT|ST|2, LAUREL|ST|2, LOCUST|ST|2, SPRUCE|ST|2, MAPLE|ST|2, CHERRY|ST|2, ARGUELLO|BLVD|3, EUCLID|AVE|2, GEARY|BLVD|3, ANZA|ST|2, TURK|BLVD|3, GOLDEN GATE|AVE|2, FULTON|ST|3, MASONIC|AVE|3, ASHBURY|ST|3, CLAYTON|ST|3, COLE|ST|3, SHRADER|ST|3, STANYAN|ST|3, HAIGHT|ST|3, PAGE|ST|3, OAK|ST|2, FELL|ST|2, FREDERICK|ST|3, CARL|ST|2, PARNASSUS|AVE|3, BELVEDERE|ST|2, DELMAR|ST|1, PIEDMONT|ST|1, BUENA VISTA|AVE|1, PARKER|AVE|2, COMMONWEALTH|AVE|1, JORDAN|AVE|1, BEAUMONT|AVE|1, LORAINE|CT|1, BLAKE|ST|1",
    },
    PoolSpec {
        name: "richmond",
        avenues: Some((2, 48, 4.0, &[13])),
        spec: "CLEMENT|ST|6, GEARY|BLVD|6, ANZA|ST|6, BALBOA|ST|6, CABRILLO|ST|6, FULTON|ST|7, LAKE|ST|5, CALIFORNIA|ST|6, EL CAMINO DEL MAR|-|1, SEA CLIFF|AVE|1, FUNSTON|AVE|3, PARK PRESIDIO|BLVD|3, LA PLAYA|ST|1, POINT LOBOS|AVE|1, SEAL ROCK|DR|1",
    },
    PoolSpec {
        name: "sunset",
        avenues: Some((5, 48, 4.0, &[])),
        spec: "LINCOLN|WAY|4, IRVING|ST|7, JUDAH|ST|6, KIRKHAM|ST|6, LAWTON|ST|6, MORAGA|ST|6, NORIEGA|ST|6, ORTEGA|ST|6, PACHECO|ST|5, QUINTARA|ST|3, FUNSTON|AVE|3, SUNSET|BLVD|2, GREAT|HWY|1, LA PLAYA|ST|1",
    },
    PoolSpec {
        name: "parkside",
        avenues: Some((14, 48, 4.0, &[])),
        spec: "QUINTARA|ST|4, RIVERA|ST|5, SANTIAGO|ST|6, TARAVAL|ST|5, ULLOA|ST|5, VICENTE|ST|5, WAWONA|ST|4, SLOAT|BLVD|3, CRESTLAKE|DR|1, GREAT|HWY|1, SUNSET|BLVD|2, SAN DIEGO|AVE|1",
    },
    PoolSpec {
        name: "twinpeaks",
        avenues: None,
        spec: "PORTOLA|DR|4, CLARENDON|AVE|2, WOODSIDE|AVE|2, DEWEY|BLVD|2, LAGUNA HONDA|BLVD|2, SAINT FRANCIS|BLVD|2, MONTEREY|BLVD|3, FOERSTER|ST|2, DARIEN|WAY|2, SAN BENITO|WAY|2, MONTECITO|AVE|1, JUNIPERO SERRA|BLVD|2, SAN ANSELMO|AVE|1, SANTA CLARA|AVE|1, SAN FERNANDO|WAY|1, ULLOA|ST|2, VICENTE|ST|2, TARAVAL|ST|2, 14TH|AVE|1, 15TH|AVE|1, TWIN PEAKS|BLVD|2, CORBETT|AVE|3, GRAND VIEW|AVE|2, MARKET|ST|2, 17TH|ST|2, DIAMOND HEIGHTS|BLVD|2, GOLDMINE|DR|1, BURNETT|AVE|1, CRAGMONT|AVE|1, GARCIA|AVE|1, PACHECO|ST|2, OCEAN|AVE|1, KENSINGTON|WAY|1, SANTA MONICA|WAY|1",
    },
    PoolSpec {
        name: "lakeside",
        avenues: None,
        spec: "OCEAN|AVE|3, JUNIPERO SERRA|BLVD|3, LAKE MERCED|BLVD|2, FONT|BLVD|2, HOLLOWAY|AVE|3, GARFIELD|ST|2, SHIELDS|ST|2, BEVERLY|ST|2, RAMSELL|ST|2, VICTORIA|ST|2, ARCH|ST|2, 19TH|AVE|3, BROTHERHOOD|WAY|1, MONTEREY|BLVD|1, CHUMASERO|DR|1, SERRANO|DR|1, GONZALEZ|DR|1, ACEVEDO|AVE|1, MONTICELLO|ST|2, CORONA|ST|1, STRATFORD|DR|1, HOLLOWAY|AVE|1, LUNADO|WAY|1, PALMETTO|AVE|1",
    },
    PoolSpec {
        name: "castro_mission",
        avenues: None,
        spec: "CASTRO|ST|4, NOE|ST|4, SANCHEZ|ST|4, CHURCH|ST|4, DOLORES|ST|4, GUERRERO|ST|4, VALENCIA|ST|3, DIAMOND|ST|3, DOUGLASS|ST|3, EUREKA|ST|2, HARTFORD|ST|2, COLLINGWOOD|ST|2, 14TH|ST|3, 15TH|ST|3, 16TH|ST|3, 17TH|ST|6, 18TH|ST|4, 19TH|ST|4, 20TH|ST|4, 21ST|ST|3, 22ND|ST|3, MARKET|ST|3, DUBOCE|AVE|2, HENRY|ST|1, BEAVER|ST|1, STATES|ST|1, LIBERTY|ST|2, HILL|ST|2, DORLAND|ST|1, CUMBERLAND|ST|1, SAINT MARYS|AVE|0.5",
    },
    PoolSpec {
        name: "mission",
        avenues: None,
        spec: "MISSION|ST|6, VALENCIA|ST|5, GUERRERO|ST|4, CAPP|ST|3, SHOTWELL|ST|3, SOUTH VAN NESS|AVE|4, FOLSOM|ST|4, HARRISON|ST|4, TREAT|AVE|2, ALABAMA|ST|3, FLORIDA|ST|3, BRYANT|ST|3, YORK|ST|3, HAMPSHIRE|ST|3, 16TH|ST|3, 17TH|ST|4, 18TH|ST|3, 19TH|ST|3, 20TH|ST|3, 21ST|ST|3, 22ND|ST|3, 23RD|ST|3, 24TH|ST|3, 25TH|ST|3, 26TH|ST|3, LEXINGTON|ST|1, BARTLETT|ST|1, OSAGE|ALY|1, LILAC|ST|1, CYPRESS|ST|1, BALMY|ST|1",
    },
    PoolSpec {
        name: "soma",
        avenues: None,
        spec: "MISSION|ST|5, HOWARD|ST|5, FOLSOM|ST|5, HARRISON|ST|5, BRYANT|ST|5, BRANNAN|ST|5, TOWNSEND|ST|4, KING|ST|3, BERRY|ST|2, 01ST|ST|2, 02ND|ST|3, 03RD|ST|3, 04TH|ST|3, 05TH|ST|3, 06TH|ST|3, 07TH|ST|3, 08TH|ST|3, 09TH|ST|2, 10TH|ST|2, 11TH|ST|2, 12TH|ST|2, MARKET|ST|3, NATOMA|ST|2, MINNA|ST|2, TEHAMA|ST|2, CLEMENTINA|ST|2, SHIPLEY|ST|1, CLARA|ST|1, RINGOLD|ST|1, LANGTON|ST|1, RAUSCH|ST|1, BLUXOME|ST|1, THE EMBARCADERO|-|2, SPEAR|ST|2, MAIN|ST|2, BEALE|ST|2, FREMONT|ST|2, RINCON|ST|1",
    },
    PoolSpec {
        name: "potrero",
        avenues: None,
        spec: "RHODE ISLAND|ST|4, DE HARO|ST|3, CAROLINA|ST|3, WISCONSIN|ST|3, ARKANSAS|ST|3, CONNECTICUT|ST|3, MISSOURI|ST|3, TEXAS|ST|3, MISSISSIPPI|ST|3, PENNSYLVANIA|AVE|3, IOWA|ST|2, INDIANA|ST|2, MINNESOTA|ST|2, TENNESSEE|ST|2, 03RD|ST|3, KANSAS|ST|3, VERMONT|ST|3, SAN BRUNO|AVE|2, POTRERO|AVE|3, 16TH|ST|2, 17TH|ST|3, 18TH|ST|3, 19TH|ST|2, 20TH|ST|3, 22ND|ST|3, 23RD|ST|2, 24TH|ST|2, 25TH|ST|2, 26TH|ST|2, MARIPOSA|ST|3, ALAMEDA|ST|1, UTAH|ST|2, HAMPSHIRE|ST|2, YORK|ST|2, BRYANT|ST|2",
    },
    PoolSpec {
        name: "bayview_north",
        avenues: None,
        spec: "03RD|ST|4, EVANS|AVE|3, CESAR CHAVEZ|ST|3, JERROLD|AVE|2, KIRKWOOD|AVE|2, MCKINNON|AVE|2, NEWCOMB|AVE|3, OAKDALE|AVE|3, PALOU|AVE|4, QUESADA|AVE|3, REVERE|AVE|3, SHAFTER|AVE|3, THOMAS|AVE|3, UNDERWOOD|AVE|2, VAN DYKE|AVE|2, WALLACE|AVE|2, YOSEMITE|AVE|2, MENDELL|ST|2, PHELPS|ST|2, LANE|ST|2, KEITH|ST|2, INGALLS|ST|2, JENNINGS|ST|2, HUDSON|AVE|2, LA SALLE|AVE|2, HOLLISTER|AVE|2, GILMAN|AVE|2, INGERSON|AVE|2, JAMESTOWN|AVE|2, ARMSTRONG|AVE|2, BANCROFT|AVE|2, CARROLL|AVE|2, DONNER|AVE|1, EGBERT|AVE|1, FITZGERALD|AVE|1, HAWES|ST|1, GRIFFITH|ST|1, DIAMOND|ST|0.2",
    },
    PoolSpec {
        name: "bayview_bernal",
        avenues: None,
        spec: "BAYSHORE|BLVD|3, SILVER|AVE|3, SAN BRUNO|AVE|3, GOETTINGEN|ST|3, DWIGHT|ST|1, BACON|ST|2, WAYLAND|ST|2, WOOLSEY|ST|2, FELTON|ST|2, BURROWS|ST|2, BOWDOIN|ST|2, HARVARD|ST|2, YALE|ST|2, PRINCETON|ST|2, CAMBRIDGE|ST|2, OXFORD|ST|2, COLBY|ST|2, UNIVERSITY|ST|3, GIRARD|ST|2, BRUSSELS|ST|2, SOMERSET|ST|2, HAMILTON|ST|2, GAVEN|ST|1, MANSELL|ST|2, WILDE|AVE|2, BLANKEN|AVE|2, BLYTHDALE|AVE|2, TUNNEL|AVE|1, VISITACION|AVE|2, SUNNYDALE|AVE|2, CAMPBELL|AVE|1, RAYMOND|AVE|2, LELAND|AVE|2, TUCKER|AVE|1, HAHN|ST|1, GARRISON|AVE|1, BLAIRWOOD|LN|0.5",
    },
    PoolSpec {
        name: "bernal_excelsior",
        avenues: None,
        spec: "CORTLAND|AVE|4, PRECITA|AVE|3, ALEMANY|BLVD|3, MISSION|ST|3, FOLSOM|ST|3, BANKS|ST|2, PUTNAM|ST|2, PRENTISS|ST|2, ANDOVER|ST|3, MOULTRIE|ST|2, ELLSWORTH|ST|2, GATES|ST|2, BOCANA|ST|2, MONTCALM|ST|1, WOOL|ST|2, ROSCOE|ST|1, JUSTIN|DR|1, CRESCENT|AVE|3, RICHLAND|AVE|3, NEY|ST|1, TIFFANY|AVE|2, ELSIE|ST|2, COLERIDGE|ST|2, PROSPECT|AVE|2, HOLLY PARK|CIR|1",
    },
    PoolSpec {
        name: "excelsior",
        avenues: None,
        spec: "ATHENS|ST|3, VIENNA|ST|3, LONDON|ST|3, PARIS|ST|3, LISBON|ST|3, MADRID|ST|3, EDINBURGH|ST|3, NAPLES|ST|3, MUNICH|ST|3, PRAGUE|ST|3, DUBLIN|ST|3, AMAZON|AVE|3, GENEVA|AVE|3, ROLPH|ST|2, EXCELSIOR|AVE|3, PERU|AVE|2, BRAZIL|AVE|3, PERSIA|AVE|3, RUSSIA|AVE|3, FRANCE|AVE|3, ITALY|AVE|3, AVALON|AVE|2, MISSION|ST|4, SAN JOSE|AVE|2, SANTA ROSA|AVE|2, OTSEGO|AVE|2, CONGDON|ST|2",
    },
    PoolSpec {
        name: "noe_glen",
        avenues: None,
        spec: "CHENERY|ST|3, DIAMOND|ST|3, ELK|ST|2, BOSWORTH|ST|3, ARLINGTON|ST|2, CHURCH|ST|3, SANCHEZ|ST|3, NOE|ST|3, CASTRO|ST|3, 24TH|ST|3, 25TH|ST|2, 26TH|ST|2, ELIZABETH|ST|2, JERSEY|ST|2, CLIPPER|ST|3, 27TH|ST|2, 28TH|ST|2, 29TH|ST|2, 30TH|ST|2, DAY|ST|2, VALLEY|ST|2, DUNCAN|ST|2, HOFFMAN|AVE|2, DOUGLASS|ST|2, DIGBY|ST|1, MIGUEL|ST|1, LAIDLEY|ST|1, CHARLES|ST|1, MANGELS|AVE|2, JOOST|AVE|2, MONTEREY|BLVD|2, GLADYS|ST|1, SAN JOSE|AVE|1, DIAMOND|ST|1",
    },
    PoolSpec {
        name: "ingleside",
        avenues: None,
        spec: "OCEAN|AVE|3, HOLLOWAY|AVE|2, GRAFTON|AVE|3, LAKEVIEW|AVE|3, BRIGHTON|AVE|2, PLYMOUTH|AVE|3, CAPITOL|AVE|3, ASHTON|AVE|2, ORIZABA|AVE|2, BRIGHT|ST|2, HEAD|ST|2, VICTORIA|ST|2, ARCH|ST|2, SARGENT|ST|2, RANDOLPH|ST|2, BROAD|ST|2, MONTANA|ST|2, LOBOS|ST|2, MINERVA|ST|2, SAN JOSE|AVE|2, ALEMANY|BLVD|2, JUNIPERO SERRA|BLVD|2, 19TH|AVE|2, BYXBEE|ST|2, ELLINGTON|AVE|1, SANTA YNEZ|AVE|1, SAN RAMON|WAY|1, SAINT CHARLES|AVE|1, ACADIA|ST|0.3, SANTIAGO|ST|0.3",
    },
];

/// A range of block numbers and where and how its blocks are laid out.
pub(crate) struct Region {
    pub(crate) first: u32,
    pub(crate) last: u32,
    pub(crate) lon0: f64,
    pub(crate) lon1: f64,
    pub(crate) lat0: f64,
    pub(crate) lat1: f64,
    pub(crate) pool: &'static str,
    pub(crate) angle: f64,
    pub(crate) condo_p: f64,
}

#[rustfmt::skip]
pub(crate) const REGIONS: &[Region] = &[
    Region { first: 1, last: 199, lon0: -122.4250, lon1: -122.4000, lat0: 37.7950, lat1: 37.8090, pool: "northeast", angle: 0.0, condo_p: 0.10 },
    Region { first: 200, last: 699, lon0: -122.4500, lon1: -122.4050, lat0: 37.7850, lat1: 37.8050, pool: "pacheights", angle: 0.0, condo_p: 0.10 },
    Region { first: 700, last: 1099, lon0: -122.4500, lon1: -122.4200, lat0: 37.7700, lat1: 37.7870, pool: "western_addition", angle: 0.0, condo_p: 0.07 },
    Region { first: 1100, last: 1399, lon0: -122.4700, lon1: -122.4450, lat0: 37.7650, lat1: 37.7900, pool: "inner_richmond", angle: 0.0, condo_p: 0.06 },
    Region { first: 1400, last: 1699, lon0: -122.5100, lon1: -122.4600, lat0: 37.7720, lat1: 37.7880, pool: "richmond", angle: 0.0, condo_p: 0.04 },
    Region { first: 1700, last: 2099, lon0: -122.5100, lon1: -122.4600, lat0: 37.7530, lat1: 37.7660, pool: "sunset", angle: 0.0, condo_p: 0.03 },
    Region { first: 2100, last: 2599, lon0: -122.5050, lon1: -122.4700, lat0: 37.7350, lat1: 37.7530, pool: "parkside", angle: 0.0, condo_p: 0.02 },
    Region { first: 2600, last: 2999, lon0: -122.4700, lon1: -122.4350, lat0: 37.7300, lat1: 37.7650, pool: "twinpeaks", angle: 0.0, condo_p: 0.04 },
    Region { first: 3000, last: 3299, lon0: -122.4850, lon1: -122.4500, lat0: 37.7130, lat1: 37.7300, pool: "lakeside", angle: 0.0, condo_p: 0.03 },
    Region { first: 3300, last: 3599, lon0: -122.4400, lon1: -122.4150, lat0: 37.7500, lat1: 37.7700, pool: "castro_mission", angle: 0.0, condo_p: 0.07 },
    Region { first: 3600, last: 3699, lon0: -122.4250, lon1: -122.4050, lat0: 37.7450, lat1: 37.7680, pool: "mission", angle: 0.0, condo_p: 0.06 },
    Region { first: 3700, last: 3799, lon0: -122.4150, lon1: -122.3880, lat0: 37.7680, lat1: 37.7920, pool: "soma", angle: -45.0, condo_p: 0.16 },
    Region { first: 3800, last: 4199, lon0: -122.4100, lon1: -122.3850, lat0: 37.7500, lat1: 37.7720, pool: "potrero", angle: 0.0, condo_p: 0.06 },
    Region { first: 4200, last: 4999, lon0: -122.4000, lon1: -122.3750, lat0: 37.7250, lat1: 37.7500, pool: "bayview_north", angle: 0.0, condo_p: 0.02 },
    Region { first: 5000, last: 5699, lon0: -122.4200, lon1: -122.3800, lat0: 37.7150, lat1: 37.7450, pool: "bayview_bernal", angle: 0.0, condo_p: 0.02 },
    Region { first: 5700, last: 6099, lon0: -122.4300, lon1: -122.4050, lat0: 37.7250, lat1: 37.7450, pool: "bernal_excelsior", angle: 0.0, condo_p: 0.03 },
    Region { first: 6100, last: 6499, lon0: -122.4400, lon1: -122.4150, lat0: 37.7100, lat1: 37.7300, pool: "excelsior", angle: 0.0, condo_p: 0.02 },
    Region { first: 6500, last: 6999, lon0: -122.4450, lon1: -122.4250, lat0: 37.7300, lat1: 37.7560, pool: "noe_glen", angle: 0.0, condo_p: 0.04 },
    Region { first: 7000, last: 7599, lon0: -122.4800, lon1: -122.4450, lat0: 37.7100, lat1: 37.7300, pool: "ingleside", angle: 0.0, condo_p: 0.02 },
];

/// The highest block number; blocks run from 1.
pub(crate) const LAST_BLOCK: u32 = 7599;
/// Planted parcels: MAPBLKLOT -> number of units (events) sharing it (in the
/// script's dict order).
pub(crate) const PLANTED_UNITS: &[(&str, u32)] = &[
    ("1430022", 1),
    ("2607117", 101),
    ("2607218", 35),
    ("3745012", 655),
];
/// The block whose first lot gets the planted `firstCoordinates.x` [`PLANTED_X`].
pub(crate) const PLANTED_X_BLOCK: u32 = 3601;
/// The planted x of the block [`PLANTED_X_BLOCK`] (the NUMERIC set's exact value).
pub(crate) const PLANTED_X: f64 = -122.42916360922355;
/// The block whose first lot is the planted MultiPolygon.
pub(crate) const PLANTED_MP_BLOCK: u32 = 5602;
/// The planted y of the block [`PLANTED_MP_BLOCK`].
pub(crate) const PLANTED_MP_Y: f64 = 37.729900216217324;
/// Blocks that are always laid out, whatever the requested event count.
pub(crate) const PLANTED_BLOCKS: &[u32] =
    &[500, 1430, 2607, 3745, PLANTED_X_BLOCK, PLANTED_MP_BLOCK];

/// The region of a block number (the last region past the table).
pub(crate) fn region_of(block: u32) -> &'static Region {
    REGIONS
        .iter()
        .find(|r| r.first <= block && block <= r.last)
        .unwrap_or(&REGIONS[REGIONS.len() - 1])
}

/// `01ST`, `02ND`, ..., `13TH`, ...: the script's avenue names.
fn ordinal(n: u32) -> String {
    let suf = if (10..=20).contains(&(n % 100)) {
        "TH"
    } else {
        match n % 10 {
            1 => "ST",
            2 => "ND",
            3 => "RD",
            _ => "TH",
        }
    };
    format!("{n:02}{suf}")
}

/// A street of the street table, shared by all pools.
pub(crate) struct Street {
    pub(crate) name: String,
    pub(crate) typ: Option<&'static str>,
}

/// A weighted street pool: `acc` holds the running weight sums, `tot` the total.
pub(crate) struct Pool {
    pub(crate) name: &'static str,
    pub(crate) streets: Vec<u32>,
    pub(crate) acc: Vec<f64>,
    pub(crate) tot: f64,
}

/// The street table and the pools indexing into it, in [`POOL_SPECS`] order.
pub(crate) fn build_pools() -> (Vec<Street>, Vec<Pool>) {
    let mut streets = Vec::new();
    let mut pools = Vec::new();
    for ps in POOL_SPECS {
        let mut items: Vec<(String, Option<&'static str>, f64)> = Vec::new();
        if let Some((lo, hi, w, skip)) = ps.avenues {
            for n in lo..=hi {
                if !skip.contains(&n) {
                    items.push((ordinal(n), Some("AVE"), w));
                }
            }
        }
        for item in ps.spec.split(',') {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let parts: Vec<&'static str> = item.split('|').collect();
            let name = parts[0].trim();
            let typ = parts.get(1).map_or("ST", |t| t.trim());
            let w: f64 = parts
                .get(2)
                .map_or(2.0, |w| w.trim().parse().expect("weight"));
            items.push((name.to_string(), (typ != "-").then_some(typ), w));
        }
        let mut pool = Pool {
            name: ps.name,
            streets: Vec::new(),
            acc: Vec::new(),
            tot: 0.0,
        };
        for (name, typ, w) in items {
            pool.tot += w;
            pool.acc.push(pool.tot);
            pool.streets.push(streets.len() as u32);
            streets.push(Street { name, typ });
        }
        pools.push(pool);
    }
    (streets, pools)
}

#[cfg(test)]
mod tests {
    use super::build_pools;

    #[test]
    fn street_names_and_types_are_printable_ascii() {
        let printable = |t: &str| t.bytes().all(|b| (0x20..0x7f).contains(&b));
        let (streets, pools) = build_pools();
        assert_eq!(pools.len(), 19);
        assert_eq!(streets.len(), 734);
        for s in &streets {
            assert!(printable(&s.name), "{:?}", s.name);
            assert!(s.typ.is_none_or(printable), "{:?}", s.typ);
        }
    }
}
