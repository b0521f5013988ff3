"""Generate src/mgf_check/schemas/policy.schema.json, the city policy schema (v1).

The schema is written out in full (every measure's fields inlined, `additionalProperties: false`
everywhere) because editors give the best completion and "did you mean" hints on flat schemas.
Run `python scripts/gen_policy_schema.py` after editing; a test fails when the committed file
is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = (Path(__file__).resolve().parent.parent / "src" / "mgf_check" / "schemas"
       / "policy.schema.json")

Schema = dict[str, Any]

LANG = {
    "type": "string",
    "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    "description": "A language code (ISO 639-1 or 639-3, optionally with a region or script "
    "subtag), e.g. `en`, `ar`, `fil`, `zh-Hans`.",
}
DATE = {"type": "string", "format": "date", "description": "A date written YYYY-MM-DD."}
PARTIAL_DATE = {
    "type": "string",
    "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    "description": "A year, a month or a day: `2019`, `2019-06` or `2019-06-30`.",
}
STATUS_DOC = (
    "Where the measure stands. `implemented`: in force and operating; `adopted`: formally "
    "adopted but not yet operating in full; `pilot`: running on a trial basis or in part of the "
    "city; `planned`: announced or in preparation; `none`: the city states it has no such "
    "measure."
)
GROUPS = [
    "migrants-regular", "migrants-irregular", "refugees", "asylum-seekers", "migrant-workers",
    "domestic-workers", "seasonal-workers", "international-students", "returnees",
    "internally-displaced", "children", "unaccompanied-children", "women", "older-people",
    "persons-with-disabilities", "victims-of-trafficking", "survivors-of-gbv", "lgbtiq",
    "stateless-persons", "detained-migrants", "tourists-and-visitors",
]
AREAS = [
    "health", "education", "social-protection", "housing", "employment", "justice",
    "policing", "civil-registration", "emergency-management", "urban-planning", "culture",
    "transport", "economic-development", "immigration", "labour-inspection", "border-management",
    "reception", "elections",
]


def s(description: str, **kw: Any) -> Schema:
    """A string field."""
    return {"type": "string", "description": description, **kw}


def b(description: str) -> Schema:
    """A boolean field."""
    return {"type": "boolean", "description": description}


def n(description: str, **kw: Any) -> Schema:
    """A number field."""
    return {"type": "number", "description": description, **kw}


def i(description: str, **kw: Any) -> Schema:
    """An integer field."""
    return {"type": "integer", "description": description, **kw}


def enum(description: str, values: list[str]) -> Schema:
    """A string field with a closed list of values."""
    return {"type": "string", "enum": values, "description": description}


def array(description: str, items: Schema, **kw: Any) -> Schema:
    """A list field."""
    return {"type": "array", "items": items, "description": description, **kw}


def strings(description: str, values: list[str] | None = None) -> Schema:
    """A list of distinct strings, optionally from a closed list."""
    item: Schema = {"type": "string", "minLength": 1}
    if values:
        item = {"type": "string", "enum": values}
    return array(description, item, uniqueItems=True)


def langs(description: str) -> Schema:
    """A list of distinct language codes."""
    return array(description, {"$ref": "#/$defs/language"}, uniqueItems=True)


def obj(description: str, props: dict[str, Schema], required: list[str] | None = None) -> Schema:
    """A closed object (unknown keys are errors)."""
    out: Schema = {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "properties": props,
    }
    if required:
        out["required"] = required
    return out


def common_measure() -> dict[str, Schema]:
    """The fields every policy measure shares (their definitions live in `$defs`)."""
    return {name: {"$ref": f"#/$defs/{ref}"} for name, ref in COMMON_FIELDS.items()}


COMMON_FIELDS = {
    "status": "status", "name": "name", "scope": "scope", "groups": "groups",
    "instrument": "instrument", "responsible": "responsible", "since": "since",
    "reviewed": "reviewed", "languages": "languages", "funded": "funded",
    "evidence": "evidence_list", "notes": "notes",
    "language_count": "language_count", "delivered_by": "delivered_by", "reach": "reach",
    "target_areas": "target_areas",
}


def common_defs() -> dict[str, Schema]:
    """Definitions of the shared measure fields."""
    return {
        "status": enum(STATUS_DOC, ["implemented", "adopted", "pilot", "planned", "none"]),
        "name": s("The measure's own name, e.g. the name of the office, plan or ordinance."
                  " Context only: no criterion scores it; reports show it."),
        "scope": enum(
            "Who the measure covers. `everyone`: all residents whatever their migration status; "
            "`regular-status`: migrants with a regular status only; `specific-groups`: only the "
            "groups listed in `groups`; `nationals`: citizens only.",
            ["everyone", "regular-status", "specific-groups", "nationals"],
        ),
        "group": enum("A group of people.", GROUPS),
        "groups": array(
            "Groups the measure names or targets (used with `scope: specific-groups`, or to "
            "show which groups get particular attention).",
            {"$ref": "#/$defs/group"}, uniqueItems=True,
        ),
        "instrument": enum(
            "The kind of instrument that sets the measure up.",
            ["law", "ordinance", "decree", "strategy", "plan", "programme", "service",
             "agreement", "practice", "other"],
        ),
        "responsible": s("The office, department or body responsible for it."),
        "since": {**PARTIAL_DATE, "type": ["string", "integer"], "minimum": 1800,
                  "maximum": 2200, "description": "When the measure started or was adopted: "
                  "`2019`, `2019-06` or `2019-06-30`."
                  " Context only: no criterion scores it; reports show it."},
        "reviewed": {**DATE, "description": "When the measure was last reviewed or updated "
                     "(YYYY-MM-DD)."},
        "languages": langs("Languages the measure's information or service is offered in."),
        "funded": b("True when the measure has its own budget line or secured funding."),
        "evidence_list": array(
            "Documents that show the measure exists: ordinances, plans, web pages, reports."
            " Context only: no criterion scores it; reports list them as the evidence behind "
            "a verdict.",
            {"$ref": "#/$defs/evidence"},
        ),
        "notes": s("Anything a reader of the report should know about this measure."
                   " Context only: no criterion scores it; reports show it."),
        "language_count": i(
            "How many languages the service or information is offered in, when a source gives "
            "the number but not the languages (e.g. 'in 14 languages'). Criteria that compare "
            "languages treat a count as a partial answer and ask for the names.", minimum=1),
        "delivered_by": array(
            "Who delivers the measure in the city: `city` (the municipality itself), "
            "`national-body` or `regional-body` (another level of government, e.g. a national "
            "health service), `partner` (an NGO or company under agreement), "
            "`international-organisation`. A measure delivered in the city by another body "
            "counts for residents; the report says who delivers it.",
            enum("A delivering body.", ["city", "national-body", "regional-body", "partner",
                                        "international-organisation"]), uniqueItems=True),
        "reach": obj("How many people the measure reached, as a source states it.", {
            "people": i("Number of people served or reached.", minimum=0),
            "period": s("The period the number covers: `2023`, `2022-2023`, `2023-06`."),
        }),
        "target_areas": strings("Neighbourhoods, districts or settlements the measure's "
                                "outreach is aimed at."),
    }


def measure(description: str, extra: dict[str, Schema] | None = None) -> Schema:
    """A policy measure: the common fields plus any topic-specific ones."""
    props = common_measure()
    clash = set(extra or {}) & set(props)
    if clash:  # a topic field must never change the meaning of a shared measure field
        raise ValueError(f"topic fields clash with shared measure fields: {sorted(clash)}")
    props.update(extra or {})
    out = obj(description + " A policy measure (see `$defs/measure` for the shared fields).",
              props, required=["status"])
    out["type"] = ["object", "null"]  # an empty key states nothing (reported as not-stated)
    return out


def section(description: str, props: dict[str, Schema]) -> Schema:
    """A top-level topic section (an empty section is allowed and states nothing)."""
    out = obj(description + " Leave a key empty, or out, when it is not known.", props)
    out["type"] = ["object", "null"]
    for prop in props.values():
        if prop.get("type") == "object":
            prop["type"] = ["object", "null"]
    return out


def city() -> Schema:
    competence = enum(
        "`full`: the city decides and delivers this policy area; `shared`: it shares the "
        "competence with another level of government; `none`: another level of government "
        "holds it (criteria that need it are reported as out of competence).",
        ["full", "shared", "none"],
    )
    return obj(
        "Who the policy belongs to: the city and its context.",
        {
            "name": s("The city's name as it should appear in reports.", minLength=1),
            "country": s("ISO 3166-1 alpha-2 country code, e.g. `PH`, `NO`, `BR`.",
                         pattern="^[A-Z]{2}$"),
            "region": s("Province, state or region, if useful. Context only: no criterion "
                        "scores it; shown in reports."),
            "population": i("Resident population (latest estimate). Context only: no "
                            "criterion scores it; shown in reports.",
                            minimum=0),
            "migrant_share": n("Share of residents born abroad or of foreign nationality, in "
                               "percent (0-100). Context only: no criterion scores it; "
                               "shown in reports.", minimum=0, maximum=100),
            "languages": langs("Official or majority languages of the city administration. "
                               "Context only: no criterion scores it; multilingual criteria "
                               "compare with `migrant_languages`."),
            "migrant_languages": langs(
                "The main languages spoken by migrant residents who do not speak the official "
                "languages well. Criteria on multilingual information compare against this list; "
                "write `[]` when migrants share the city's official languages (those criteria "
                "are then met by information in the official languages)."
            ),
            "migration_profile": strings(
                "How migration shows in the city: a destination, a place of origin, transit, "
                "return, a border city, host of displaced people.",
                ["destination", "origin", "transit", "return", "border", "displacement-host"],
            ),
            "hazards": strings(
                "Hazards and crises the city is exposed to. MICIC-G01.05 asks that alerts cover "
                "each of them (compared with crisis.early_warning.hazards).",
                ["flood", "typhoon", "cyclone", "storm-surge", "earthquake", "tsunami",
                 "landslide", "drought", "heatwave", "wildfire", "volcano", "epidemic",
                 "conflict", "industrial-accident", "mass-arrival"],
            ),
            "competences": obj(
                "Which policy areas the city controls. Areas not listed are taken as `full`.",
                {a: {**competence, "description": f"Competence over {a.replace('-', ' ')}. "
                     + competence["description"]} for a in AREAS},
            ),
            "illustrative": b("True when this file describes an invented city (an example), "
                              "not a real one."),
        },
        required=["name", "country"],
    )


def assessment() -> Schema:
    return obj(
        "Who prepared this description of the policy, and when.",
        {
            "date": {**DATE, "description": "The date the description is valid for "
                     "(YYYY-MM-DD). Waiver expiry and `within_years` checks are measured from "
                     "it, never from today's clock."},
            "prepared_by": s("Who prepared the file (office or person)."),
            "reviewed_by": s("Who reviewed it, if anyone."),
            "sources": array("Documents the description rests on.", {"$ref": "#/$defs/evidence"}),
            "notes": s("Anything else about how the file was prepared."),
        },
        required=["date"],
    )


def governance() -> Schema:
    return section("How the city organises itself to govern migration (whole of government).", {
        "strategy": measure(
            "A written local migration or migrant-inclusion strategy, policy or plan.",
            {
                "aligned_with_development_plan": b("True when the strategy is tied to the "
                                                   "city's development or master plan."),
                "action_plan": b("True when the strategy has an action plan with actions, "
                                 "owners and dates."),
                "monitoring": b("True when it has indicators and is monitored."),
                "consulted_migrants": b("True when migrants or their associations were "
                                        "consulted while drafting it."),
                "gender_analysis": b("True when the strategy analyses how migration and its "
                                     "measures affect women, men, girls and boys differently."),
                "covers": strings("Topics the strategy covers."
                " Context only: no criterion scores it; shown in reports.", [
                    "rights", "services", "employment", "education", "health", "housing",
                    "participation", "anti-discrimination", "crisis", "data", "partnerships",
                    "regular-pathways", "trafficking", "return-reintegration", "diaspora"]),
            },
        ),
        "legal_framework": measure("A municipal law, ordinance or by-law on migrants' rights and "
                                   "access to municipal services."),
        "migrant_office": measure(
            "A municipal office, unit or desk responsible for migrants or migration.",
            {
                "one_stop": b("True when it works as a one-stop or reference centre that "
                              "orients migrants to all services."),
                "staff": i("Number of staff (full-time equivalent)."
                " Context only: no criterion scores it; shown in reports.",
                           minimum=0),
            },
        ),
        "coordination_body": measure(
            "An inter-departmental or intersectoral body that coordinates migration matters "
            "inside city government.",
            {
                "departments": i("Number of municipal departments that take part.", minimum=0),
                "includes_civil_society": b("True when civil society sits on it."),
                "includes_migrants": b("True when migrants or their associations sit on it."),
                "meets": enum("How often it meets.", ["monthly", "quarterly", "yearly",
                                                       "ad-hoc"]),
            },
        ),
        "national_coordination": measure(
            "A formal link with the national (or regional) migration authorities: a working "
            "group, agreement, liaison or decentralised unit.",
            {"mechanism": s("What the link is.")},
        ),
        "budget": measure(
            "Money for migration-related programmes.",
            {
                "dedicated_line": b("True when the city budget has a dedicated line for "
                                    "migration or migrant inclusion."),
                "multi_year": b("True when funding is committed for more than one year."
                                " Context only: no criterion scores it; shown in reports."),
                "external_funding": b("True when national or international funds are used."),
            },
        ),
        "staff_training": measure(
            "Training and awareness for municipal staff on migrants' rights and needs.",
            {
                "sectors": strings("Which staff are trained.", [
                    "frontline", "health", "education", "social-work", "police", "housing",
                    "employment", "emergency-services", "justice", "management"]),
                "topics": strings("What the training covers.", [
                    "rights", "anti-discrimination", "intercultural", "gender", "trafficking",
                    "crisis", "data-protection", "languages"]),
                "regular": b("True when the training is repeated on a schedule."
                " Context only: no criterion scores it; shown "
                             "in reports."),
            },
        ),
        "transparency": measure(
            "Public, accessible information on the city's migration-related rules, services, "
            "responsibilities and results.",
            {"annual_report": b("True when the city publishes a yearly report on its "
                                "migration work.")},
        ),
        "urban_planning": measure(
            "Migration and population movement taken into account in urban, development or "
            "resilience planning.",
            {"plans": strings("Which plans do so.", ["master-plan", "development-plan",
                                                      "resilience-strategy", "housing-plan",
                                                      "climate-plan", "drr-plan", "budget"])},
        ),
        "evaluation": measure("Evaluation of the city's migration policies and of integration "
                              "outcomes, used to revise policy."),
        "data": obj("What the city knows about its migrant residents, and how it uses it.", {
            "collection": measure(
                "City-level data collection on migrants and their needs.",
                {
                    "disaggregated_by": strings("What the data can be split by.", [
                        "migration-status", "nationality", "country-of-birth", "sex", "age",
                        "disability", "neighbourhood", "language", "occupation",
                        "length-of-stay"]),
                    "sources": strings("Where the data come from."
                    " Context only: no criterion scores it; shown in reports.", [
                        "census", "survey", "administrative", "service-records",
                        "civil-society", "national-statistics", "dtm"]),
                    "reliability": enum(
                        "How far the city's own data can be relied on, as the city or a "
                        "reviewer judges it: `reliable`, `partly-reliable` (gaps or outdated), "
                        "`unreliable`, `unknown`.",
                        ["reliable", "partly-reliable", "unreliable", "unknown"]),
                },
            ),
            "publication": measure("Publication of migration data (open data, reports, "
                                   "dashboards)."),
            "service_statistics": measure("Departments report statistics on migrant users of "
                                          "their services."),
            "protection": measure(
                "Rules that protect migrants' personal data: purpose limits, consent, "
                "confidentiality, retention.",
                {"aggregated_by_default": b("True when data are shared only in aggregate.")},
            ),
            "used_for_policy": b("True when the data demonstrably inform policy decisions."),
        }),
    })


def rights() -> Schema:
    return section("Migrants' rights and access to basic services.", {
        "health": measure(
            "Access to primary and public health services run or funded by the city.",
            {
                "insurance_outreach": b("True when the city helps residents, migrants "
                                        "included, enrol in health insurance or coverage."),
                "community_health_workers": b("True when migrant community health workers or "
                                              "cultural mediators work in health services."),
                "mental_health": b("True when psychosocial or mental-health services are open "
                                   "to migrants."),
            },
        ),
        "education": measure(
            "Enrolment of migrant children in municipal or public schools.",
            {
                "documents_required": b("True when enrolment requires residence documents."),
                "language_support": b("True when schools give host-language support to "
                                      "newcomer pupils."),
                "adult_education": b("True when adult education is open to migrants."),
            },
        ),
        "social_protection": measure("Local social assistance and social protection for "
                                     "migrants."),
        "housing": measure(
            "Housing support for migrants: social housing, rent support, fair-housing action.",
            {"discrimination_action": b("True when the city acts against discrimination in "
                                        "renting."),
             "residence_years_required": n("Years of residence required before a migrant "
                                           "can apply for social housing (0 when none).",
                                           minimum=0)},
        ),
        "emergency_shelter": measure(
            "Emergency shelter or temporary accommodation open to migrants.",
            {"documents_required": b("True when shelters ask for identity or residence "
                                     "documents.")},
        ),
        "justice": measure(
            "Access to justice: legal aid, legal information and help with procedures.",
            {"legal_aid": b("True when free or low-cost legal advice or representation is "
                            "offered."),
             "legal_information": b("True when information on legal rights and procedures is "
                                    "offered.")}),
        "crime_victims": measure(
            "A safe way for migrant victims and witnesses of crime to report and get support, "
            "whatever their status."),
        "gender_based_violence": measure("Protection services that migrant survivors of "
                                         "gender-based violence can use."),
        "child_protection": measure(
            "Protection for migrant children, including unaccompanied and separated children.",
            {"unaccompanied_children": b("True when it covers unaccompanied and separated "
                                         "children (care, guardianship or referral)."),
             "best_interests_procedure": b("True when decisions follow a best-interests "
                                           "assessment of each child.")}),
        "identity_documents": measure(
            "Acceptance of foreign or alternative identity papers, or a municipal identity "
            "card, for access to municipal services.",
            {"city_id_card": b("True when the city issues its own identity or residence "
                               "card.")},
        ),
        "firewall": measure(
            "A rule that personal data collected by municipal services are not passed to "
            "immigration enforcement, and that services do not check immigration status.",
            {"services": strings("Which services the rule covers.", [
                "health", "education", "social-services", "shelter", "police", "justice",
                "housing", "labour-inspection", "emergency-services", "all"])},
        ),
        "anti_discrimination": measure(
            "An anti-discrimination policy or ordinance that covers nationality, origin and "
            "migration status.",
            {"grounds": strings("Grounds it covers.", [
                "nationality", "ethnic-origin", "race", "religion", "language",
                "migration-status", "sex", "sexual-orientation", "disability", "age"]),
             "equality_body": b("True when a local equality or anti-discrimination body or "
                                "office takes complaints and gives advice."),
             "hate_crime_reporting": b("True when hate crimes and incidents can be reported "
                                       "(also by third parties) and victims get support.")},
        ),
        "complaints": measure("An independent complaint mechanism or ombudsperson migrants can "
                              "use about municipal services."),
        "family_support": measure("Information and support on family reunification and "
                                  "family-related procedures."),
        "birth_registration": measure(
            "Registration of births of children born in the city, and help to obtain legal "
            "identity, including for stateless residents.",
            {"any_status": b("True when births are registered whatever the parents' migration "
                             "status."),
             "statelessness_support": b("True when stateless residents or those at risk of "
                                        "statelessness get advice and referral.")}),
    })


def inclusion() -> Schema:
    return section("Inclusion, participation and social cohesion.", {
        "language_courses": measure(
            "Host-language classes for migrants.",
            {"free": b("True when the classes are free of charge.")},
        ),
        "information": measure(
            "Guides and information on rights and services in migrants' languages.",
            {"channels": strings("How the information is given.", [
                "web", "print", "social-media", "radio", "hotline", "office", "app",
                "community-leaders"])},
        ),
        "orientation": measure(
            "Orientation for newcomers on arrival: how the city works, rights, services.",
            {"includes_emergency_info": b("True when it covers local risks and how to get help "
                                          "in an emergency.")},
        ),
        "interpretation": measure(
            "Interpretation and cultural mediation in municipal services.",
            {"free_of_charge": b("True when users do not pay for interpretation."),
             "cultural_mediators": b("True when trained cultural mediators work in services."),
             "services": strings("Services where interpretation is available.", [
                 "health", "education", "social-services", "housing", "justice", "police",
                 "employment", "civil-registration", "all"])}),
        "advisory_council": measure(
            "A migrants' advisory council or similar body that advises the city.",
            {
                "migrant_members": b("True when migrants are members."),
                "elected": b("True when members are elected by migrant residents."),
            },
        ),
        "consultation": measure(
            "Consultation of migrants or their associations on policies, plans and by-laws.",
            {"kind": enum("`migrant-specific`: a consultation of migrants or their "
                          "associations as such; `general`: a consultation open to all residents "
                          "that migrants can join.", ["migrant-specific", "general"])}),
        "local_voting": measure(
            "Voting rights for foreign residents in local elections.",
            {"eligible": enum("Which foreign residents may vote locally.",
                              ["all-foreign-residents", "some-nationalities", "none"]),
             "registration_support": b("True when the city informs foreign residents of "
                                       "their right and helps them register.")}),
        "anti_xenophobia": measure(
            "Campaigns and programmes against xenophobia, racism and exclusion, and positive "
            "public communication about migration.",
            {"monitoring": b("True when incidents or public attitudes are monitored.")},
        ),
        "social_cohesion": measure("Programmes that bring migrants and longer-term residents "
                                   "together."),
        "culture": measure(
            "Support for migrants' cultural life and intercultural events.",
            {"intercultural": b("True when programmes bring residents of different origins "
                                "together rather than only serving one community.")}),
    })


def economy() -> Schema:
    return section("Socioeconomic well-being of migrants and the city.", {
        "employment_services": measure("Municipal employment services, job placement and "
                                       "career guidance open to migrants."),
        "work_permit_support": measure("Help with work permits or authorisations (information, "
                                       "referral, paperwork)."),
        "skills_recognition": measure("Support to get foreign qualifications and skills "
                                      "recognised (own scheme or referral)."),
        "vocational_training": measure("Vocational and technical training open to migrants."),
        "entrepreneurship": measure("Support for migrant entrepreneurs: advice, credit, "
                                    "licences."),
        "labour_rights": measure(
            "Action for decent work and against labour exploitation of migrants.",
            {
                "complaint_channel": b("True when migrant workers can report abuse safely."),
                "labour_inspection_cooperation": b("True when the city works with labour "
                                                   "inspection on migrant workers' rights."),
            },
        ),
        "fair_recruitment": measure("Fair and ethical recruitment: information on recruitment "
                                    "rights, or conditions in municipal procurement."),
        "informal_workers": measure("Inclusion of migrants in programmes for informal-sector "
                                    "workers."),
        "financial_inclusion": measure("Access to bank accounts and financial services for "
                                       "migrants."),
        "remittances": measure("Information or programmes on cheaper, safer remittances and "
                               "their productive use."),
        "inclusive_employer": measure("The city as an employer open to migrants: access to "
                                      "municipal jobs, diversity in its workforce."),
        "international_students": measure("Attraction and support of international "
                                          "students."),
        "labour_market_analysis": measure(
            "Analysis of local labour and skills needs that informs migration and training "
            "policy.",
            {"includes_migrants": b("True when the analysis looks at migrant workers' skills "
                                    "and situation.")}),
    })


def partner(description: str) -> Schema:
    return measure(description, {
        "formal": b("True when the partnership rests on a signed agreement or MoU."),
        "partners": strings("Who the partners are (names)."),
        "roles": strings("What the partners do.", [
            "service-delivery", "agenda-setting", "funding", "research", "advocacy",
            "information-sharing", "crisis-response", "training", "capacity-building"]),
    })


def partnerships() -> Schema:
    return section("Cooperation with other levels of government and non-state actors.", {
        "national_government": partner("Cooperation with the national government on "
                                       "migration."),
        "other_cities": measure(
            "Cooperation with other cities: peer exchange, city networks.",
            {
                "networks": strings("City networks the city belongs to."),
                "formal": b("True when it rests on a signed agreement or network membership."),
                "global_mechanisms": strings(
                    "Global local-government mechanisms on migration the city takes part in.",
                    ["gfmd-mayors-mechanism", "mayors-migration-council", "uclg",
                     "marrakech-mayors-declaration", "call-to-local-action",
                     "sister-city-with-origin"]),
            },
        ),
        "civil_society": partner("Partnership with civil-society organisations on migration."),
        "private_sector": partner("Partnership with employers, business associations or "
                                  "unions on migration."),
        "academia": partner("Work with universities or research institutes on migration."),
        "international_organisations": partner("Cooperation with international organisations "
                                               "(e.g. IOM, UNHCR, UN-Habitat, ILO)."),
        "migrant_associations": partner("Work with migrant or diaspora associations."),
        "diaspora": partner("Programmes that engage the city's diaspora abroad (for cities of "
                            "origin)."),
        "consulates": partner("Working relations with consulates of migrants' countries of "
                              "origin."),
        "cross_border": partner("Intermunicipal or cross-border coordination on migration."),
    })


def crisis() -> Schema:
    return section("Crises (disasters, conflict, epidemics) and the migrants who live through "
                   "them: preparedness, response, recovery.", {
        "risk_assessment": measure(
            "A local risk or vulnerability assessment.",
            {
                "includes_migrants": b("True when it looks at migrants' particular exposure "
                                       "and vulnerability."),
                "factors": strings("Migrant-specific factors it considers.", [
                    "language", "migration-status", "location", "working-conditions",
                    "social-networks", "documentation", "mobility", "housing-conditions"]),
                "community_based": b("True when migrants take part in community risk "
                                     "assessment."),
            },
        ),
        "early_warning": measure(
            "Early-warning and alert system for hazards.",
            {
                "channels": strings("Channels alerts are sent through.", [
                    "sms", "cell-broadcast", "app", "social-media", "radio", "tv", "sirens",
                    "loudspeakers", "door-to-door", "community-leaders", "hotline",
                    "migrant-media", "employers", "consulates"]),
                "tested_with_migrants": b("True when the system was tested with migrant "
                                          "users."),
                "hazards": strings("Hazards the alerts cover (same values as city.hazards).", [
                    "flood", "typhoon", "cyclone", "storm-surge", "earthquake", "tsunami",
                    "landslide", "drought", "heatwave", "wildfire", "volcano", "epidemic",
                    "conflict", "industrial-accident", "mass-arrival"]),
                "accessible_formats": b("True when alerts come in accessible formats (audio, "
                                        "pictograms, sign language, easy-read)."),
            },
        ),
        "monitoring": measure("Monitoring of crisis signals that concern migrants, including "
                              "xenophobic tension or unrest."),
        "migrant_mapping": measure(
            "Data on where migrants live and work, for crisis planning.",
            {
                "privacy_safeguards": b("True when personal data are protected and used in "
                                        "aggregate."),
                "includes_temporary_presence": b("True when seasonal, daily or temporary "
                                                 "presence (workers, visitors) is counted."),
                "community_focal_points": b("True when migrant community leaders or focal "
                                            "points are identified."),
            },
        ),
        "emergency_plan": measure(
            "The city's emergency, disaster-risk-reduction or contingency plan.",
            {
                "mentions_migrants": b("True when the plan names migrants as a group with "
                                       "particular needs and capacities."),
                "non_discrimination": b("True when the plan forbids discrimination by "
                                        "nationality, language or status in assistance."),
                "needs_covered": strings("Migrants' needs the plan anticipates.", [
                    "communication", "interpretation", "shelter", "food", "health",
                    "psychosocial", "relocation", "evacuation", "documents",
                    "consular-access", "family-tracing"]),
                "groups_covered": array("Groups in particular situations the plan covers.",
                                        {"$ref": "#/$defs/group"}, uniqueItems=True),
                "tested": {**DATE, "description": "When the plan was last tested in an "
                           "exercise (YYYY-MM-DD)."},
            },
        ),
        "migrant_participation": measure(
            "Migrants and their organisations take part in preparedness and contingency "
            "planning.",
            {"stakeholders": strings("Who takes part in planning.", [
                "migrant-associations", "community-leaders", "consulates", "employers",
                "unions", "ngos", "faith-groups", "interpreters", "recruitment-agencies"])},
        ),
        "drills": measure(
            "Evacuation and emergency drills.",
            {
                "include_migrants": b("True when migrants take part in drills."),
                "per_year": n("How many drills are held in a typical year.", minimum=0),
            },
        ),
        "preparedness_training": measure(
            "Preparedness training or information for migrants: local risks, how to protect "
            "themselves, where to get help."),
        "communication": measure(
            "How the city communicates with migrants about risks and crises.",
            {
                "channels": strings("Channels used.", [
                    "sms", "app", "social-media", "radio", "tv", "migrant-media", "hotline",
                    "door-to-door", "community-leaders", "faith-networks", "support-centres",
                    "employers", "consulates", "community-health-workers"]),
                "anonymous_access": b("True when migrants can get information without "
                                      "revealing identity, status or location."),
                "feedback": b("True when migrants can ask questions or give feedback."),
                "states_id_requirements": b("True when messages say whether identity papers "
                                            "are needed to get help."),
                "prepared_templates": b("True when message templates are prepared in "
                                        "advance, in several languages."),
                "accessible_formats": b("True when messages come in accessible formats."),
                "topics": strings("What crisis messages to migrants cover.", [
                    "affected-areas", "risks", "emergency-contacts", "shelters",
                    "medical-aid", "assistance-points", "hotlines", "aid-eligibility",
                    "id-requirements", "relocation-evacuation", "consular-contacts"]),
                "update_interval_hours": n("During a crisis, the planned longest gap between "
                                           "two updates to migrants, in hours.", minimum=0),
            },
        ),
        "coordination_agreements": measure(
            "Agreements made in advance with partners for crises (consulates, NGOs, "
            "international organisations, employers).",
            {
                "partners": strings("Which kinds of partner.", [
                    "consulates", "ngos", "international-organisations", "employers",
                    "migrant-associations", "national-authorities", "neighbouring-cities",
                    "faith-groups", "red-cross-red-crescent"]),
                "covers": strings("What they cover.", [
                    "information-sharing", "consular-services", "communication",
                    "relief-delivery", "referral", "evacuation", "reintegration",
                    "data-sharing"]),
            },
        ),
        "capacity_building": measure(
            "Training of emergency responders and officials on migrant-inclusive response.",
            {
                "interpreter_roster": b("True when a roster of interpreters or culturally "
                                        "competent volunteers exists for emergencies."),
                "migrant_volunteers": b("True when migrants are recruited as volunteers or "
                                        "staff of response mechanisms."),
            },
        ),
        "lessons_learned": measure(
            "Reviews of past crises and exercises.",
            {"covers_migrants": b("True when reviews look at how migrants fared.")},
        ),
        "assistance": measure(
            "Humanitarian and emergency assistance in a crisis.",
            {
                "need_based": b("True when aid is given on need alone, whatever nationality "
                                "or status."),
                "documents_required": b("True when aid requires identity or residence "
                                        "documents."),
                "separate_from_enforcement": b("True when immigration enforcement is kept away "
                                               "from aid and shelter."),
                "targeted_outreach": array("Groups reached with targeted help.",
                                           {"$ref": "#/$defs/group"}, uniqueItems=True),
            },
        ),
        "shelter": measure(
            "Emergency and evacuation shelters in a crisis.",
            {"documents_required": b("True when shelters ask for identity or residence "
                                     "documents.")},
        ),
        "displacement_tracking": measure("Needs assessment and displacement tracking that "
                                         "record migrants."),
        "consular_access": measure(
            "Help for migrants to reach their consulates in a crisis (contact points, space, "
            "information).",
            {"document_replacement_info": b("True when the city tells migrants how to replace "
                                            "lost passports or identity papers (e.g. through "
                                            "their consulates).")},
        ),
        "referral": measure(
            "Agreed referral pathways for people with particular needs.",
            {"needs": strings("Needs the pathways cover.", [
                "child-protection", "trafficking", "gbv", "legal", "documents", "health",
                "psychosocial", "disability", "family-tracing", "shelter"])},
        ),
        "evacuation": measure(
            "Evacuation and relocation planning.",
            {
                "includes_migrants": b("True when plans cover migrants, whatever their "
                                       "status."),
                "sites_accept_all": b("True when relocation sites accept everyone, whatever "
                                      "their status."),
                "informed_consent": b("True when evacuation rests on informed consent, as a "
                                      "last resort."),
                "family_contact": b("True when relocated people can contact their "
                                    "families."),
            },
        ),
        "recovery": measure(
            "Post-crisis recovery programmes.",
            {
                "includes_migrants": b("True when migrants who stay can use recovery "
                                       "programmes."),
                "area_based": b("True when recovery serves whole areas, host residents and "
                                "migrants alike."),
                "document_replacement": b("True when the city helps replace lost documents "
                                          "(e.g. through consulates) and waives papers for its "
                                          "own services meanwhile."),
                "legal_aid": b("True when legal aid helps recover wages, property or "
                               "deposits."),
                "livelihoods": b("True when recovery includes jobs and livelihoods for "
                                 "migrants."),
                "psychosocial": b("True when psychosocial support is offered to migrants."),
            },
        ),
        "host_community_support": measure(
            "Support to host communities and local services strained by arrivals or crises.",
            {"services": strings("Services reinforced.", [
                "water", "power", "waste", "schools", "health", "housing", "transport",
                "social-services"])},
        ),
        "pandemic_response": measure("Migrants included in pandemic or epidemic response "
                                     "(testing, vaccination, food aid)."),
    })


def mobility() -> Schema:
    return section("Safe, orderly and regular migration as seen from the city.", {
        "reception": measure(
            "Reception of newcomers and of large arrivals: first reception, temporary "
            "accommodation, referral.",
            {"capacity": i("Places available.", minimum=0)},
        ),
        "internal_migrants": measure(
            "Inclusion of internal migrants (people who moved from elsewhere in the country) "
            "and of internally displaced people, including people displaced by disasters.",
            {"includes_idps": b("True when internally displaced people are covered."),
             "includes_disaster_displaced": b("True when people displaced by disasters or "
                                              "climate change are covered.")}),
        "pathways_information": measure("Information on regular migration pathways, visas and "
                                        "permits."),
        "regularisation_support": measure("Help with regularisation, residence permits and "
                                          "documents (information, referral, paperwork)."),
        "anti_trafficking": measure(
            "Local action against human trafficking.",
            {
                "referral": b("True when there is a referral route for presumed victims."),
                "victim_support": b("True when victims get shelter and support whatever their "
                                    "status."),
                "training": b("True when frontline staff are trained to identify victims."),
            },
        ),
        "anti_smuggling": measure("Local coordination to follow cooperation against migrant "
                                  "smuggling and to protect smuggled migrants."),
        "safe_migration_information": measure("Campaigns on safe and regular migration and the "
                                              "risks of irregular routes (for cities of "
                                              "origin and transit)."),
        "returnees": measure("Support for returning nationals' reintegration (for cities of "
                             "origin)."),
        "border_coordination": measure("Coordination with neighbouring border municipalities "
                                       "on cross-border mobility."),
        "local_policing": measure(
            "Local police practice towards migrants.",
            {
                "no_status_checks": b("True when local police do not ask for immigration "
                                      "status in ordinary policing."),
                "no_enforcement_referral": b("True when local police do not refer victims or "
                                             "witnesses to immigration enforcement."),
            },
        ),
        "alternatives_to_detention": measure("Community-based alternatives to immigration "
                                             "detention the city supports or runs."),
        "missing_migrants": measure("Help for families of missing migrants: identification, "
                                    "dignified burial, information."),
        "labour_mobility": measure("Programmes that connect labour needs with regular labour "
                                   "migration (e.g. with national schemes)."),
    })


def waivers() -> Schema:
    return array(
        "Accepted exceptions: criteria the city has decided, with approval, not to meet for "
        "now. A valid waiver shows as `waived`; an expired one is reported and the criterion "
        "is scored normally.",
        {**obj("One waiver: of one criterion (`criterion`) or of one measure in every "
               "framework (`measure`).", {
            "criterion": s("The criterion id, e.g. `MIGOF-P1.01`.",
                           pattern="^[A-Z][A-Z0-9]*-[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$"),
            "measure": s("A policy measure as a path, e.g. `/crisis/emergency_plan`: waives "
                         "every criterion that reads this measure, in every framework, so one "
                         "decision covers one fact.",
                         pattern="^(/[a-z][a-z0-9_]*)+$"),
            "reason": s("Why the criterion is waived.", minLength=1),
            "approved_by": s("Who approved the waiver.", minLength=1),
            "expires": {**DATE, "description": "The last day the waiver applies "
                        "(YYYY-MM-DD)."},
        }, required=["reason", "approved_by", "expires"]),
         "oneOf": [{"required": ["criterion"]}, {"required": ["measure"]}]},
    )


def build() -> Schema:
    """The whole policy schema."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://mgf-check.invalid/schemas/policy/v1.json",
        "title": "mgf-check city migration policy, schema version 1",
        "description": "A city's migration policy described once, by topic. Every framework "
        "that mgf-check knows reads the same facts. Each measure has a `status`; leave out "
        "what you do not know (it is reported as `not-stated`), write `status: none` for what "
        "the city does not have.",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "city", "assessment"],
        "properties": {
            "schema_version": {"const": 1, "description": "The version of this schema. "
                               "Always `1` for now."},
            "city": city(),
            "assessment": assessment(),
            "governance": governance(),
            "rights": rights(),
            "inclusion": inclusion(),
            "economy": economy(),
            "partnerships": partnerships(),
            "crisis": crisis(),
            "mobility": mobility(),
            "waivers": waivers(),
        },
        "$defs": {
            "language": LANG,
            "evidence": obj("A document or page that supports a statement.", {
                "title": s("Title of the document.", minLength=1),
                "url": s("Where to read it.", pattern="^(https?|file)://"),
                "date": DATE,
                "notes": s("Anything about it."),
            }, required=["title"]),
            "measure": obj("The shape every policy measure shares.", common_measure(),
                           required=["status"]),
            **common_defs(),
        },
    }


def render() -> str:
    """The schema as the exact text committed to the repository."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    shown = OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT
    sys.stdout.write(f"wrote {shown}\n")
