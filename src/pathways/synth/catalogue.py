"""The parts of the Dalarna model that every synthetic region shares, copied from ``model/``.

Sources, care levels, roles, needs, profile dimensions, settings, events and grey zones
are national (the law and the rehabilitation process are the same everywhere), so a
synthetic model holds them once. The need ``bmb`` (an open question of the Dalarna
agreement, deliberately without an owner) is left out: a synthetic model is clean
except for the gaps planted in it.
"""

from __future__ import annotations

SOURCES: list[dict] = [
    {
        "id": "seed-000",
        "kind": "seed",
        "title": "Slutrapport: implementering och utvärdering av ÖK Rehabilitering, habilitering inkl hjälpmedel i "
        "Dalarnas län (Dnr RD20/03668), 2020-2022",
        "ref": "shared/seeds/000_0e210974c7a6ea3c.txt",
    },
    {
        "id": "seed-001",
        "kind": "seed",
        "title": "Uppdrag till LPO RHF: gemensam målbild för rehabilitering i länet",
        "ref": "shared/seeds/001_146bafad5a57318e.txt",
    },
    {
        "id": "seed-002",
        "kind": "seed",
        "title": "Ombudsträff: dialogmöte om överenskommelsen (bildspel)",
        "ref": "shared/seeds/002_40c131c32db2e817.txt",
    },
    {
        "id": "seed-003",
        "kind": "seed",
        "title": "Implementeringsuppdraget: faser, målgrupper och behov (bildspel)",
        "ref": "shared/seeds/003_5952701481082dec.txt",
    },
    {
        "id": "seed-004",
        "kind": "peer_region",
        "title": "Region Örebro län: ny överenskommelse om hälso- och sjukvård i hemmet på primärvårdsnivå",
        "ref": "shared/seeds/004_44bc845f968f312d.txt",
    },
    {"id": "domain", "kind": "seed", "title": "Domänbeskrivning för projektet (domain.md)", "ref": "shared/domain.md"},
    {
        "id": "hsl-16-4",
        "kind": "statute",
        "title": "Hälso- och sjukvårdslagen (2017:30) 16 kap. 4 § och socialtjänstlagen 2 kap. 7 §: samordnad "
        "individuell plan",
        "ref": "SFS 2017:30",
    },
    {
        "id": "lag-2017-612",
        "kind": "statute",
        "title": "Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård",
        "ref": "SFS 2017:612",
    },
    {
        "id": "hslf-fs-2021-52",
        "kind": "regulation",
        "title": "Socialstyrelsens föreskrifter om förskrivning av medicintekniska produkter (HSLF-FS 2021:52)",
        "ref": "HSLF-FS 2021:52",
    },
    {
        "id": "rd-forskrivare",
        "kind": "web",
        "title": "Region Dalarna: information till förskrivare av hjälpmedel (utanför seeds, att verifiera)",
        "ref": "domain.md, avsnittet Assistive devices",
    },
]

CARE_LEVELS: list[dict] = [
    {
        "id": "specialiserad-vard",
        "label": {"sv": "Specialiserad vård", "en": "Specialised care"},
        "principal_kind": "region",
        "source": {"doc": "seed-001", "section": "1. Bakgrund"},
        "status": "agreement",
    },
    {
        "id": "slutenvard",
        "label": {"sv": "Slutenvård", "en": "Inpatient care"},
        "principal_kind": "region",
        "parent": "specialiserad-vard",
        "source": {
            "doc": "seed-001",
            "section": "1. Bakgrund",
            "quote": "Inom slutenvården finns specifika rehabiliteringsavdelningar",
        },
        "status": "agreement",
    },
    {
        "id": "specialiserad-oppenvard",
        "label": {"sv": "Specialiserad öppenvård", "en": "Specialised outpatient care"},
        "principal_kind": "region",
        "parent": "specialiserad-vard",
        "source": {
            "doc": "seed-001",
            "section": "1. Bakgrund",
            "quote": "Öppenvårdsrehabilitering sker på mottagning både på primärvårdsnivå och inom specialiserad vård",
        },
        "status": "agreement",
    },
    {
        "id": "regional-primarvard",
        "label": {"sv": "Regionfinansierad primärvård", "en": "Regional primary care"},
        "principal_kind": "region",
        "source": {
            "doc": "seed-001",
            "section": "1. Bakgrund",
            "quote": "vårdcentraler/primärvårds-rehab/privata aktörer med regionsavtal",
        },
        "status": "agreement",
    },
    {
        "id": "kommunal-primarvard",
        "label": {"sv": "Kommunal primärvård", "en": "Municipal primary care"},
        "principal_kind": "municipality",
        "source": {
            "doc": "seed-001",
            "section": "1. Bakgrund",
            "quote": "Kommunal rehabilitering sker på primärvårdsnivå i patientens hem, både i särskilt och "
            "ordinärt boende",
        },
        "status": "agreement",
    },
]

ROLES: list[dict] = [
    {
        "id": "arbetsterapeut",
        "label": {"sv": "Arbetsterapeut", "en": "Occupational therapist"},
        "source": {"doc": "seed-002", "section": "Målsättning"},
        "status": "agreement",
    },
    {
        "id": "fysioterapeut",
        "label": {"sv": "Fysioterapeut", "en": "Physiotherapist"},
        "source": {"doc": "seed-002", "section": "Målsättning"},
        "status": "agreement",
    },
    {
        "id": "samordningssjukskoterska",
        "label": {"sv": "Samordningssjuksköterska", "en": "Coordination nurse"},
        "source": {"doc": "seed-002", "section": "Målsättning"},
        "status": "agreement",
    },
    {
        "id": "lakare",
        "label": {"sv": "Läkare", "en": "Physician"},
        "source": {"doc": "seed-002", "section": "Målsättning"},
        "status": "agreement",
    },
    {
        "id": "bistandshandlaggare",
        "label": {"sv": "Biståndshandläggare", "en": "Needs assessor"},
        "principal_kind": "municipality",
        "source": {"doc": "seed-002", "section": "Målsättning"},
        "status": "agreement",
    },
    {
        "id": "mas-mar",
        "label": {"sv": "MAS/MAR", "en": "Medically responsible nurse / rehab professional"},
        "principal_kind": "municipality",
        "source": {"doc": "seed-003", "section": "Arbetsgrupp"},
        "status": "agreement",
    },
    {
        "id": "utskrivningssamordnare",
        "label": {"sv": "Utskrivningssamordnare", "en": "Discharge coordinator"},
        "principal_kind": "region",
        "source": {
            "doc": "seed-004",
            "section": "Från specialiserad öppenvård till hemsjukvård",
            "quote": "Mottagningen tar hjälp av utskrivningssamordnaren när SIP ska genomföras",
        },
        "status": "peer_region",
    },
    {
        "id": "fast-vardkontakt",
        "label": {"sv": "Fast vårdkontakt", "en": "Named care contact"},
        "source": {"doc": "lag-2017-612"},
        "status": "law",
    },
    {
        "id": "kommunal-sjukskoterska",
        "label": {"sv": "Kommunens sjuksköterska", "en": "Municipal nurse"},
        "principal_kind": "municipality",
        "source": {
            "doc": "seed-004",
            "section": "Utredningens förslag",
            "quote": "Kommunerna ansvarar för bedömning om vården kan utföras på ett patientsäkert sätt",
        },
        "status": "assumption",
        "note": "Vem i kommunen som gör bedömningen vid inskrivning i hemsjukvården säger källorna inte; modellen "
        "antar kommunens sjuksköterska.",
    },
]

NEEDS: list[dict] = [
    {
        "id": "kroppsfunktion",
        "label": {"sv": "Kroppsfunktion", "en": "Body functions"},
        "category": "icf",
        "after": ["egenvardsbedomning"],
        "source": {
            "doc": "seed-002",
            "section": "ICF-indelning",
            "quote": "Funktioner/aktivitet sker främst via regionens rehabilitering",
        },
        "status": "agreement",
    },
    {
        "id": "aktivitet",
        "label": {"sv": "Aktivitet", "en": "Activity"},
        "category": "icf",
        "after": ["egenvardsbedomning"],
        "source": {"doc": "seed-002", "section": "ICF-indelning"},
        "status": "agreement",
    },
    {
        "id": "delaktighet",
        "label": {"sv": "Delaktighet i vardagslivet", "en": "Participation in everyday life"},
        "category": "icf",
        "settings": ["mottagning", "hemmet"],
        "after": ["egenvardsbedomning"],
        "source": {
            "doc": "seed-002",
            "section": "ICF-indelning",
            "quote": "Aktiviteter/funktioner och delaktighet i vardagslivet sker främst inom kommunens rehabilitering",
        },
        "status": "agreement",
    },
    {
        "id": "egenvardsbedomning",
        "label": {"sv": "Egenvårdsbedömning", "en": "Self-care assessment"},
        "category": "pathway_step",
        "order": 0,
        "source": {
            "doc": "seed-002",
            "section": "ICF-indelning",
            "quote": "En egenvårdsbedömning ska alltid föregå en åtgärd",
        },
        "status": "agreement",
    },
    {
        "id": "rehabbedomning",
        "label": {"sv": "Bedömning av rehabiliteringsbehov", "en": "Rehab-need assessment"},
        "category": "pathway_step",
        "order": 1,
        "after": ["egenvardsbedomning"],
        "source": {
            "doc": "domain",
            "section": "Rules of the Dalarna agreement",
            "quote": "identify and assess the rehab need",
        },
        "status": "agreement",
    },
    {
        "id": "rehabplan",
        "label": {"sv": "Rehabiliteringsplan", "en": "Rehab plan"},
        "category": "pathway_step",
        "order": 2,
        "after": ["rehabbedomning"],
        "source": {
            "doc": "domain",
            "section": "Rules of the Dalarna agreement",
            "quote": "an individual rehab plan based on ICF",
        },
        "status": "agreement",
    },
    {
        "id": "behandling",
        "label": {"sv": "Behandling och träning", "en": "Treatment and training"},
        "category": "pathway_step",
        "order": 3,
        "after": ["rehabplan"],
        "source": {"doc": "domain", "section": "Rules of the Dalarna agreement"},
        "status": "agreement",
    },
    {
        "id": "uppfoljning",
        "label": {"sv": "Uppföljning och utvärdering", "en": "Follow-up and evaluation"},
        "category": "pathway_step",
        "settings": ["mottagning", "hemmet"],
        "order": 4,
        "after": ["behandling"],
        "source": {"doc": "domain", "section": "Rules of the Dalarna agreement"},
        "status": "agreement",
    },
    {
        "id": "hjm-behovsbedomning",
        "label": {"sv": "Behovsbedömning av hjälpmedel", "en": "Device needs assessment"},
        "category": "device_step",
        "order": 0,
        "after": ["egenvardsbedomning"],
        "source": {"doc": "hslf-fs-2021-52"},
        "status": "law",
    },
    {
        "id": "hjm-utprovning",
        "label": {"sv": "Utprovning och anpassning av hjälpmedel", "en": "Device try-out and fitting"},
        "category": "device_step",
        "order": 1,
        "after": ["hjm-behovsbedomning"],
        "source": {"doc": "hslf-fs-2021-52"},
        "status": "law",
    },
    {
        "id": "hjm-instruktion",
        "label": {"sv": "Information och instruktion om hjälpmedel", "en": "Device information and instruction"},
        "category": "device_step",
        "order": 2,
        "after": ["hjm-utprovning"],
        "source": {"doc": "hslf-fs-2021-52"},
        "status": "law",
    },
    {
        "id": "hjm-uppfoljning",
        "label": {"sv": "Uppföljning av hjälpmedel", "en": "Device follow-up"},
        "category": "device_step",
        "settings": ["mottagning", "hemmet"],
        "order": 3,
        "after": ["hjm-instruktion"],
        "source": {"doc": "hslf-fs-2021-52"},
        "status": "law",
    },
    {
        "id": "hjm-hyra",
        "label": {"sv": "Hyra och kostnad för hjälpmedel", "en": "Device rent and cost"},
        "category": "device_step",
        "settings": ["mottagning", "hemmet"],
        "order": 4,
        "after": ["hjm-utprovning"],
        "source": {
            "doc": "rd-forskrivare",
            "quote": "ongoing rent after the care episode is paid by whoever holds the follow-up responsibility",
        },
        "status": "assumption",
        "note": "Uppgiften om hyra efter vårdepisoden kommer från Region Dalarnas förskrivarsidor, utanför seeds. "
        "Verifiera mot bilaga 1.",
    },
    {
        "id": "sip",
        "label": {"sv": "Samordnad individuell plan (SIP)", "en": "Coordinated individual plan (SIP)"},
        "category": "coordination",
        "applies_to": {"social": ["ja"]},
        "source": {"doc": "hsl-16-4"},
        "status": "law",
    },
]

DIMENSIONS: list[dict] = [
    {
        "id": "alder",
        "label": {"sv": "Åldersgrupp", "en": "Age band"},
        "values": [
            {"id": "barn", "label": {"sv": "Barn under 18 år", "en": "Child under 18"}},
            {"id": "vuxen", "label": {"sv": "Vuxen", "en": "Adult"}},
        ],
        "source": {
            "doc": "seed-004",
            "section": "Vad är nytt?",
            "quote": "Barn under 18 år – specialiserad vård ansvarar",
        },
        "status": "peer_region",
    },
    {
        "id": "boende",
        "label": {"sv": "Boende", "en": "Housing"},
        "values": [
            {"id": "ordinart", "label": {"sv": "Ordinärt boende", "en": "Ordinary housing"}},
            {"id": "sarskilt", "label": {"sv": "Särskilt boende", "en": "Special housing"}},
        ],
        "source": {"doc": "seed-001", "section": "1. Bakgrund", "quote": "både i särskilt och ordinärt boende"},
        "status": "agreement",
    },
    {
        "id": "besok",
        "label": {"sv": "Kan besöka mottagning", "en": "Able to visit a clinic"},
        "values": [
            {"id": "kan", "label": {"sv": "Kan besöka mottagning", "en": "Can visit a clinic"}},
            {"id": "kan-inte", "label": {"sv": "Kan inte besöka mottagning", "en": "Cannot visit a clinic"}},
        ],
        "source": {"doc": "seed-001", "section": "1. Bakgrund"},
        "status": "assumption",
        "note": "Källorna säger att kommunal rehab sker i hemmet och primärvårdsrehab på mottagning, men inte uttryckligen att förmågan att ta sig till mottagningen avgör. Bekräfta kriteriet.",
    },
    {
        "id": "hemsjukvard",
        "label": {"sv": "Inskriven i hemsjukvård", "en": "Enrolled in home healthcare"},
        "values": [
            {"id": "inskriven", "label": {"sv": "Inskriven i hemsjukvård", "en": "Enrolled"}},
            {"id": "ej-inskriven", "label": {"sv": "Ej inskriven", "en": "Not enrolled"}},
        ],
        "source": {"doc": "seed-004", "section": "Tre vägar in"},
        "status": "agreement",
    },
    {
        "id": "diagnos",
        "label": {"sv": "Diagnosgrupp", "en": "Diagnosis group"},
        "multiple": True,
        "values": [
            {"id": "somatisk", "label": {"sv": "Somatisk", "en": "Somatic"}},
            {"id": "psykiatrisk", "label": {"sv": "Psykiatrisk", "en": "Psychiatric"}},
            {"id": "npf", "label": {"sv": "Neuropsykiatrisk (t.ex. autism)", "en": "Neuropsychiatric (e.g. autism)"}},
            {
                "id": "habilitering",
                "label": {"sv": "Funktionsnedsättning inom habiliteringen", "en": "Disability served by habilitation"},
            },
        ],
        "source": {
            "doc": "seed-002",
            "section": "Inkomna frågeställningar",
            "quote": "autism och gränsdragningen mellan hab, psykiatrin och primärvården",
        },
        "status": "agreement",
        "note": "En patient kan ha flera diagnosgrupper samtidigt (autism med ångest); ett fall får då ange en lista, och ansvar för var och en av dem gäller.",
    },
    {
        "id": "social",
        "label": {"sv": "Insatser från socialtjänsten", "en": "Social-care interventions"},
        "values": [
            {"id": "ja", "label": {"sv": "Har socialtjänstinsatser", "en": "Has social-care interventions"}},
            {"id": "nej", "label": {"sv": "Inga socialtjänstinsatser", "en": "No social-care interventions"}},
        ],
        "source": {"doc": "hsl-16-4"},
        "status": "law",
    },
]

SETTINGS: list[dict] = [
    {
        "id": "inneliggande",
        "label": {"sv": "Inneliggande på sjukhus", "en": "Inpatient"},
        "source": {"doc": "seed-001", "section": "1. Bakgrund"},
        "status": "agreement",
    },
    {
        "id": "mottagning",
        "label": {"sv": "På mottagning", "en": "At a clinic"},
        "profile": {"besok": ["kan"]},
        "source": {"doc": "seed-001", "section": "1. Bakgrund", "quote": "Öppenvårdsrehabilitering sker på mottagning"},
        "status": "agreement",
    },
    {
        "id": "hemmet",
        "label": {"sv": "I hemmet", "en": "At home"},
        "profile": {"besok": ["kan-inte"]},
        "source": {
            "doc": "seed-001",
            "section": "1. Bakgrund",
            "quote": "Kommunal rehabilitering sker på primärvårdsnivå i patientens hem",
        },
        "status": "assumption",
        "note": "Modellen antar att vård i hemmet gäller den som inte kan besöka mottagning. Bekräfta.",
    },
]

EVENTS: list[dict] = [
    {
        "id": "inskrivning",
        "label": {"sv": "Inskrivning i slutenvård", "en": "Admission"},
        "at": ["units"],
        "unit_kinds": ["inpatient_ward", "inpatient_rehab_ward"],
        "source": {"doc": "lag-2017-612"},
        "status": "law",
    },
    {
        "id": "inskrivningsmeddelande",
        "label": {"sv": "Inskrivningsmeddelande skickat", "en": "Admission notice sent"},
        "at": ["units"],
        "unit_kinds": ["inpatient_ward", "inpatient_rehab_ward"],
        "requires": ["inskrivning"],
        "source": {"doc": "lag-2017-612"},
        "status": "law",
    },
    {
        "id": "fast-vardkontakt-utsedd",
        "label": {"sv": "Fast vårdkontakt utsedd", "en": "Named care contact appointed"},
        "at": ["units"],
        "unit_kinds": ["health_centre", "specialist_clinic", "adult_psychiatry", "habilitation"],
        "requires": ["inskrivningsmeddelande"],
        "source": {"doc": "lag-2017-612"},
        "status": "law",
    },
    {
        "id": "operation",
        "label": {"sv": "Operation (planerad)", "en": "Planned surgery"},
        "at": ["units"],
        "unit_kinds": ["inpatient_ward"],
        "requires": ["inskrivning"],
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar", "quote": "Preop-hjälpmedel"},
        "status": "agreement",
    },
    {
        "id": "preop-besok",
        "label": {"sv": "Preoperativt besök", "en": "Pre-operative visit"},
        "at": ["units"],
        "unit_kinds": ["specialist_clinic", "inpatient_ward", "primary_care_rehab", "municipal_rehab_ordinary"],
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar", "quote": "Preop-hjälpmedel"},
        "status": "assumption",
        "note": "Källorna nämner preop-hjälpmedel men inte vem som gör det preoperativa besöket; modellen tillåter specialistmottagning, vårdavdelning, primärvårdsrehab och kommunal rehab. Bekräfta.",
    },
    {
        "id": "utskrivningsklar",
        "label": {"sv": "Utskrivningsklar", "en": "Ready for discharge"},
        "at": ["units"],
        "unit_kinds": ["inpatient_ward", "inpatient_rehab_ward"],
        "requires": ["inskrivning"],
        "source": {"doc": "lag-2017-612"},
        "status": "law",
    },
    {
        "id": "information-overford",
        "label": {"sv": "Information överförd", "en": "Information transferred"},
        "at": ["units"],
        "unit_kinds": ["inpatient_ward", "inpatient_rehab_ward"],
        "requires": ["inskrivning"],
        "source": {"doc": "lag-2017-612"},
        "status": "law",
    },
    {
        "id": "hemgangsklar",
        "label": {
            "sv": "Hemgångsklar (hjälpmedel på plats i hemmet)",
            "en": "Ready to go home (devices in place at home)",
        },
        "at": ["units"],
        "requires": ["inskrivning", "preop-besok"],
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar", "quote": "begreppet hemgångsklar"},
        "status": "agreement",
    },
    {
        "id": "utskrivning",
        "label": {"sv": "Utskrivning", "en": "Discharge"},
        "at": ["units", "handovers"],
        "requires": ["inskrivning"],
        "source": {"doc": "lag-2017-612"},
        "status": "law",
    },
    {
        "id": "remiss",
        "label": {"sv": "Remiss", "en": "Referral"},
        "at": ["units", "handovers"],
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
        "status": "agreement",
    },
    {
        "id": "remiss-retur",
        "label": {"sv": "Remiss eller vårdbegäran skickad tillbaka", "en": "Referral or care request sent back"},
        "at": ["units"],
        "requires": ["remiss", "vardbegaran", "hanvisning"],
        "returns": True,
        "source": {"doc": "seed-004", "section": "Tre vägar in"},
        "status": "peer_region",
        "note": "Mottagaren avvisar; händelsen läggs på den verksamhet som skickar tillbaka.",
    },
    {
        "id": "vardbegaran",
        "label": {"sv": "Skriftlig vårdbegäran", "en": "Written care request"},
        "at": ["handovers"],
        "source": {
            "doc": "seed-002",
            "section": "Inkomna frågeställningar",
            "quote": "istället för skriftlig vårdbegäran",
        },
        "status": "agreement",
    },
    {
        "id": "hanvisning",
        "label": {"sv": "Hänvisning", "en": "Guidance to another provider"},
        "at": ["handovers"],
        "source": {
            "doc": "seed-002",
            "section": "Inkomna frågeställningar",
            "quote": "hänvisa patienter till kommunrehab",
        },
        "status": "agreement",
    },
    {
        "id": "forsta-besok",
        "label": {"sv": "Mottagarens första besök", "en": "The receiver's first visit"},
        "at": ["units"],
        "source": {"doc": "seed-001", "section": "1. Bakgrund"},
        "status": "agreement",
    },
    {
        "id": "inskrivning-hemsjukvard",
        "label": {"sv": "Inskrivning i hemsjukvård", "en": "Enrolment in home healthcare"},
        "at": ["units"],
        "unit_kinds": ["home_healthcare"],
        "source": {"doc": "seed-004", "section": "Innehåll i överenskommelsen"},
        "status": "peer_region",
    },
    {
        "id": "sip-kallad",
        "label": {"sv": "Kallelse till SIP skickad", "en": "SIP called"},
        "at": ["sip_points"],
        "source": {"doc": "lag-2017-612"},
        "status": "law",
    },
    {
        "id": "sip-mote",
        "label": {"sv": "SIP-möte hållet", "en": "SIP meeting held"},
        "at": ["sip_points", "handovers"],
        "source": {"doc": "hsl-16-4"},
        "status": "law",
    },
    {
        "id": "forskrivning",
        "label": {"sv": "Förskrivning av hjälpmedel", "en": "Device prescription"},
        "at": ["units", "handovers"],
        "source": {"doc": "hslf-fs-2021-52"},
        "status": "law",
    },
    {
        "id": "tillfallig-forskrivning",
        "label": {
            "sv": "Tillfällig förskrivning av hjälpmedel (med slutdatum)",
            "en": "Temporary device prescription (with an end date)",
        },
        "at": ["units"],
        "source": {"doc": "hslf-fs-2021-52"},
        "status": "law",
    },
    {
        "id": "hjm-levererat",
        "label": {"sv": "Hjälpmedel levererat", "en": "Device delivered"},
        "at": ["units"],
        "requires": ["forskrivning", "tillfallig-forskrivning"],
        "source": {"doc": "hslf-fs-2021-52"},
        "status": "law",
    },
    {
        "id": "avslut",
        "label": {"sv": "Avslutad kontakt", "en": "End of contact"},
        "at": ["units", "handovers"],
        "source": {
            "doc": "seed-002",
            "section": "Inkomna frågeställningar",
            "quote": "När habiliteringen avslutar en patient med hyreshjälpmedel",
        },
        "status": "agreement",
    },
]

GREY_ZONES: list[dict] = [
    {
        "id": "gz1",
        "number": 1,
        "label": {
            "sv": "Rehab från lasarett med SIP under vårdtiden: vem ansvarar för hjälpmedlen?",
            "en": "Rehab from hospital with a SIP during the stay: who is responsible for the devices?",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
    {
        "id": "gz2",
        "number": 2,
        "label": {
            "sv": "Kommunikation mellan instanser: borde biståndshandläggaren ha varit med i SIP?",
            "en": "Communication between instances: should the needs assessor have been in the SIP?",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
    {
        "id": "gz3",
        "number": 3,
        "label": {
            "sv": "Habiliteringen avslutar en patient med hyreshjälpmedel: kan kostnad och uppföljning gå "
            "till vårdcentralen?",
            "en": "Habilitation ends contact with a patient with rented devices: can cost and follow-up pass "
            "to the health centre?",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
    {
        "id": "gz4",
        "number": 4,
        "label": {
            "sv": "Autism: gränsen mellan habilitering, psykiatri och primärvård",
            "en": "Autism: the boundary between habilitation, psychiatry and primary care",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
    {
        "id": "gz5",
        "number": 5,
        "label": {
            "sv": "Hänvisning till kommunrehab i stället för skriftlig vårdbegäran",
            "en": "Guidance to municipal rehab instead of a written care request",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
    {
        "id": "gz6",
        "number": 6,
        "label": {
            "sv": "Patienter hänvisas till kommunrehab fast vårdcentralen kan hjälpa dem",
            "en": "Patients are sent to municipal rehab when the health centre could help them",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
    {
        "id": "gz7",
        "number": 7,
        "label": {
            "sv": "Vårdkedjan och samarbetet mellan vårdnivåer",
            "en": "The care chain and collaboration between care levels",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
    {
        "id": "gz8",
        "number": 8,
        "label": {
            "sv": "Preop-hjälpmedel: begreppet hemgångsklar och hjälpmedel i hemmet",
            "en": "Pre-operative devices: 'ready to go home' and devices in the home",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
    {
        "id": "gz9",
        "number": 9,
        "label": {
            "sv": "Kan BMB ske automatiskt, eller måste det göras för hand?",
            "en": "Can BMB happen automatically, or must it be done by hand?",
        },
        "source": {"doc": "seed-002", "section": "Inkomna frågeställningar"},
    },
]

SYNTH_SOURCE = {
    "id": "synth",
    "kind": "web",
    "title": "Syntetisk modell skapad av 'pathways synth' efter Dalarnamodellens struktur (inte verkliga verksamheter)",
    "ref": "pathways synth",
}
"""The document every generated element cites besides the Dalarna source it copies."""

INPATIENT_NEEDS = [
    "egenvardsbedomning",
    "rehabbedomning",
    "rehabplan",
    "behandling",
    "kroppsfunktion",
    "aktivitet",
    "hjm-behovsbedomning",
    "hjm-utprovning",
    "hjm-instruktion",
]
"""Needs owned during an inpatient stay (those that exist in the setting ``inneliggande``)."""

REHAB_NEEDS = ["rehabbedomning", "rehabplan", "behandling", "uppfoljning", "kroppsfunktion", "aktivitet", "delaktighet"]
DEVICE_NEEDS = ["hjm-behovsbedomning", "hjm-utprovning", "hjm-instruktion", "hjm-uppfoljning", "hjm-hyra"]
ALL_CARE_NEEDS = ["egenvardsbedomning", *REHAB_NEEDS, *DEVICE_NEEDS]
NOT_HAB = ["somatisk", "psykiatrisk", "npf"]
"""Diagnosis groups outside habilitation."""
