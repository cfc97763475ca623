"""Synthetic news prose for the sample web: stories written from templates, never copied.

The sample web must look like reporting to the classifier (datelines, named officials, quotes,
numbers, a next step), but every word has to come from this file so the repository carries no
third-party text. A story is a *kind* (council vote, storm, plant closing ...) whose slots are
filled from seeded name lists; paragraphs are drawn from the kind's own pool plus a generic pool
and assembled in the order a reporter would use (lede, nut graf, quotes among details, next step).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

FIRST = ["Maria", "James", "Aisha", "Daniel", "Priya", "Robert", "Elena", "Marcus", "Grace", "Tomas",
         "Hannah", "Victor", "Leah", "Samuel", "Nora", "Derek", "Ines", "Colin", "Rosa", "Andre",
         "Megan", "Felix", "Yvonne", "Walter", "Keiko", "Omar", "Bethany", "Curtis", "Lila", "Raymond",
         "Sofia", "Gordon", "Tessa", "Malik", "Irene", "Patrick", "Dana", "Howard", "June", "Ezra"]
LAST = ["Alvarez", "Brennan", "Castillo", "Dunmore", "Eckert", "Farrow", "Gallardo", "Hollis", "Ibarra",
        "Jessup", "Kowalski", "Lindqvist", "Mercer", "Nakamura", "Okafor", "Pruitt", "Quintero",
        "Ramsey", "Sandoval", "Thackeray", "Underwood", "Voss", "Whitfield", "Yarbrough", "Zielinski",
        "Abernathy", "Bolduc", "Crandall", "Delgado", "Easley", "Fenwick", "Garnett", "Halvorsen",
        "Iverson", "Jaramillo", "Kessler", "Lockhart", "Marchetti", "Nordstrom", "Oyelaran"]
COMPANIES = ["Cascade Polymer Works", "Brightwater Foods", "Ironvale Fabrication", "Northbay Paper Co.",
             "Summit Ridge Logistics", "Keel & Anchor Boatworks", "Meridian Solar Components",
             "Tamarack Cabinetry", "Bluestem Grain Cooperative", "Halcyon Medical Devices"]
SPECIES = ["steelhead trout", "monarch butterflies", "freshwater mussels", "bumblebees", "sage grouse",
           "river otters", "brook trout", "migratory songbirds"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@dataclass
class Place:
    """Where an outlet reports from; stories are set in its city and nearby towns."""

    city: str
    county: str
    state: str  # AP abbreviation ("Ore.") or a UK county
    towns: list[str]
    river: str
    uk: bool = False


@dataclass
class Story:
    kind: str
    section: str
    headline: str
    dek: str
    paragraphs: list[str]
    published: datetime
    author: str
    tags: list[str] = field(default_factory=list)
    wire: bool = False


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def ap_date(d: datetime) -> str:
    return f"{AP_MONTHS[d.month - 1]} {d.day}"


def when(event: datetime, published: datetime) -> str:
    """How a reporter refers to the event day relative to the publication day."""
    days = (published.date() - event.date()).days
    if days <= 0:
        return "today" if published.hour < 12 else "on " + WEEKDAYS[event.weekday()]
    if days < 7:
        return "on " + WEEKDAYS[event.weekday()]
    return "on " + ap_date(event)


def _money(rng: random.Random, lo: float, hi: float) -> str:
    v = rng.uniform(lo, hi)
    return f"${v:.1f} million"


def _slots(rng: random.Random, place: Place, published: datetime) -> dict[str, str]:
    """Every slot a template may use, drawn once per story so names stay consistent."""
    event = published - timedelta(days=rng.choice([0, 1, 1, 2, 3]))
    town = rng.choice(place.towns)
    yes = rng.randint(4, 7)
    no = rng.randint(0, 3)
    company = rng.choice(COMPANIES)
    return {
        "city": place.city, "county": place.county, "state": place.state, "town": town,
        "river": place.river, "when": when(event, published), "date": ap_date(event),
        "weekday": WEEKDAYS[event.weekday()], "year": str(published.year), "last_year": str(published.year - 1),
        "mayor": person(rng), "member": person(rng), "member2": person(rng), "resident": person(rng),
        "resident2": person(rng), "official": person(rng), "expert": person(rng), "owner": person(rng),
        "coach": person(rng), "player": person(rng), "judge": person(rng), "lawyer": person(rng),
        "super": person(rng), "director": person(rng), "senator": person(rng), "economist": person(rng),
        "company": company, "company_short": company.split()[0],
        "yes": str(yes), "no": str(no), "votes": f"{yes}-{no}",
        "amount": _money(rng, 1.5, 48), "amount2": _money(rng, 0.3, 4.0),
        "n": str(rng.choice([38, 45, 60, 85, 110, 140, 175, 220, 260, 310])),
        "n2": str(rng.randint(3, 19)), "pct": f"{rng.uniform(1.2, 9.8):.1f}",
        "pct2": str(rng.randint(11, 64)), "inches": f"{rng.uniform(2.1, 7.9):.1f}",
        "months": NUMBER_WORDS[rng.randint(3, 9)], "weeks": NUMBER_WORDS[rng.randint(2, 8)],
        "miles": str(rng.randint(4, 31)), "score_a": str(rng.randint(48, 71)), "score_b": "",
        "species": rng.choice(SPECIES), "years": str(rng.randint(6, 40)),
        "school": f"{town} High", "rival": f"{rng.choice(place.towns)} Central",
        "sport": rng.choice(["girls basketball", "boys basketball"]),
        "project": rng.choice(["harbor dredging", "sidewalk repair", "downtown parking garage",
                                "stormwater upgrade", "library renovation", "water main replacement"]),
        "policy": rng.choice(["later school start times", "a cellphone ban in classrooms",
                               "a four-day school week", "new bus routes"]),
        "unit": rng.choice(["maternity", "behavioral health", "cancer treatment", "emergency"]),
        "hospital": f"{place.county} Regional Medical Center",
        "bridge": rng.choice(["Mill Street", "Ferry Road", "Old Post", "Cedar Avenue", "Quarry Lane"]),
        "route": rng.choice(["crosstown", "airport express", "east side loop", "college connector"]),
        "ordinance": rng.choice(["short-term rental", "leaf-blower", "camping", "sign"]),
        "defect": rng.choice(["a faulty fuel pump", "seat belts that may not latch",
                               "rearview cameras that can fail", "a wiring problem that can cause fires"]),
        "topic": rng.choice(["rural broadband", "wildfire prevention", "air traffic controller hiring",
                              "drug price transparency", "flood insurance"]),
        "university": rng.choice(["State University", "Polytechnic Institute", "College of the Rivers"]),
        "month": MONTHS[(published.month - 2) % 12],
    }


# Each kind: section, headlines, deks, ledes, details, quotes (speaker slot, role, text), closers.
KINDS: dict[str, dict] = {
    "council_vote": dict(
        section="local",
        headlines=["{city} council approves {amount} {project} plan",
                   "Council votes {votes} to fund {project} in {city}",
                   "{project_cap} plan clears {city} council after long debate"],
        deks=["Supporters said the work is overdue; critics questioned the price tag.",
              "The vote followed more than two hours of public comment."],
        ledes=["The {city} City Council voted {votes} {when} to spend {amount} on a {project} project that "
               "officials say has been postponed for more than a decade.",
               "After a meeting that stretched past 10 p.m., {city} council members {when} approved a "
               "{amount} {project} plan by a {votes} vote."],
        details=["The money will come from a mix of state grants and a bond the city issued in {last_year}, "
                 "according to a staff report presented at the meeting.",
                 "Work is expected to begin in the spring and take about {months} months, with crews "
                 "working in phases to keep at least one lane of traffic open.",
                 "City engineers told the council that the cost had grown by roughly {pct2} percent since "
                 "the project was first proposed, largely because of higher prices for materials.",
                 "Council member {member2} cast one of the dissenting votes, arguing that the city should "
                 "have sought more bids before committing the money.",
                 "About {n2} residents spoke during public comment, most of them in favor of the plan.",
                 "The council also agreed to hold a public open house before construction starts so "
                 "neighbors can review detour maps."],
        quotes=[("mayor", "Mayor", "We have patched this problem for years. Tonight we finally decided to fix it."),
                ("member", "council member", "I heard from a lot of people who were tired of waiting, and I think we listened."),
                ("member2", "council member", "I support the goal, but I am not convinced we got the best price."),
                ("resident", "who has lived in {city} for {years} years", "My street floods every winter. I am just glad somebody is doing something.")],
        closers=["The council is scheduled to review a construction contract at its next meeting.",
                 "A second reading of the funding ordinance is set for later this month."],
        tags=["City Council", "Infrastructure"]),
    "storm": dict(
        section="local",
        headlines=["Storm drops {inches} inches of rain on {county}, closing roads",
                   "Flooding closes roads across {county} after overnight storm",
                   "Crews clear downed trees as storm moves out of {city}"],
        deks=["No serious injuries were reported, emergency officials said.",
              "Thousands of customers lost power at the height of the storm."],
        ledes=["A slow-moving storm dropped as much as {inches} inches of rain on parts of {county} "
               "{when}, flooding low-lying roads and knocking out power to thousands of homes.",
               "Road crews in {county} spent the day clearing downed trees and debris after a storm swept "
               "through the area {when}, bringing heavy rain and wind gusts topping 50 mph."],
        details=["At the peak of the storm, about {n} hundred customers were without power, according to the "
                 "utility's outage map. Most had service restored by the evening.",
                 "Sheriff's deputies closed a stretch of {river} Road near {town} after water covered both lanes.",
                 "The National Weather Service said the rainfall total was the highest for a single day in "
                 "{city} since {last_year}.",
                 "Firefighters rescued a driver whose car stalled in high water near {town}. The driver was "
                 "not hurt.",
                 "The {river} River was expected to crest just below flood stage late in the day, "
                 "forecasters said.",
                 "Schools in {town} opened two hours late to give bus drivers time to avoid flooded routes."],
        quotes=[("official", "the county emergency management director", "If you see water over the road, turn around. It is never worth the risk."),
                ("resident", "a {town} resident", "The creek came up faster than I have ever seen it. We moved the cars up the hill just in time."),
                ("director", "a spokesperson for the utility", "Our crews worked through the night, and we expect nearly everyone to be back on by tonight.")],
        closers=["Drier weather is forecast for the rest of the week.",
                 "Officials asked residents to report damaged roads and culverts to the county public works department."],
        tags=["Weather", "Public Safety"]),
    "school_board": dict(
        section="local",
        headlines=["{city} school board weighs {policy}",
                   "Parents pack meeting as school board considers {policy}"],
        deks=["A final vote is expected next month.", "District leaders said they want more feedback first."],
        ledes=["Members of the {city} School Board said {when} that they want more input from families before "
               "deciding whether to adopt {policy}.",
               "Dozens of parents and teachers filled the {city} School Board meeting {when} to speak about a "
               "proposal for {policy}."],
        details=["The district surveyed about {n} families last fall. Roughly {pct2} percent of those who "
                 "responded said they supported the change.",
                 "Superintendent {super} said the district would need to renegotiate bus contracts if the "
                 "board moves ahead.",
                 "Teachers union representatives asked the board to delay any change until the next school year.",
                 "Two neighboring districts adopted similar policies in {last_year}, and {super} said staff "
                 "had studied their results.",
                 "Board members asked staff to return with cost estimates and a plan for students who ride "
                 "buses from outlying areas."],
        quotes=[("super", "Superintendent", "We want to get this right, and that means hearing from the families who would live with it."),
                ("resident", "a parent of two", "I am not against it, but I need to know how my kids will get to school."),
                ("member", "board member", "The research is encouraging. The logistics are the hard part.")],
        closers=["The board plans to hold two listening sessions before a vote next month.",
                 "A recording of the meeting is posted on the district's website."],
        tags=["Education"]),
    "plant": dict(
        section="business",
        headlines=["{company} to close {city} plant, cutting {n} jobs",
                   "{company} to add {n} jobs with {city} expansion",
                   "{company_short} workers in {city} brace for plant closing"],
        deks=["The company cited rising costs and falling orders.", "State officials said they would help affected workers."],
        ledes=["{company} will close its {city} plant by the end of the year, eliminating about {n} jobs, "
               "the company said {when}.",
               "About {n} workers at the {company} plant in {city} learned {when} that the facility will shut "
               "down, ending more than {years} years of production there."],
        details=["In a notice filed with the state labor department, the company said layoffs would begin in "
                 "phases starting in {months} months.",
                 "The plant is one of the largest private employers in {county}, according to the county's "
                 "economic development office.",
                 "The company said it would offer severance and transfers to other sites to some employees.",
                 "Sales at the company fell {pct} percent last year, according to its most recent annual report.",
                 "Local officials said they had not been told about the decision before it was announced.",
                 "A job fair for affected workers is planned at the {town} community college."],
        quotes=[("official", "a company spokesperson", "This was a difficult decision, and it does not reflect the effort of our people in {city}."),
                ("resident", "who has worked at the plant for {years} years", "I figured something was coming, but not this fast."),
                ("mayor", "Mayor", "We are going to do everything we can to find a new employer for that building.")],
        closers=["The company said equipment from the plant would be moved to facilities in other states.",
                 "State workforce officials said they would meet with employees at the plant next week."],
        tags=["Jobs", "Economy"]),
    "transit": dict(
        section="local",
        headlines=["{city} transit agency unveils new {route} bus route",
                   "New {route} route aims to cut commute times in {city}"],
        deks=["Buses will run every 15 minutes during peak hours.", "Riders will be able to try the route free for a month."],
        ledes=["The {city} transit agency {when} unveiled a new {route} bus route that officials say will cut "
               "some commutes by as much as 20 minutes.",
               "Riders in {city} will soon have a faster way across town: a {route} route with buses every 15 "
               "minutes during rush hour, transit officials announced {when}."],
        details=["The route will connect {town} with downtown {city} and will stop at the regional medical center.",
                 "The agency is paying for the service with a {amount2} federal grant.",
                 "Ridership on the agency's buses has grown about {pct2} percent since {last_year}, officials said.",
                 "Ten new buses ordered for the route are expected to arrive this summer.",
                 "Some residents along the proposed route asked for more shelters and benches at stops."],
        quotes=[("director", "the agency's executive director", "This is the route riders have been asking us for."),
                ("resident", "who takes the bus to work", "Right now I need two transfers. This would be one ride.")],
        closers=["The route is scheduled to start service on the first Monday of next month.",
                 "Maps and schedules are available on the agency's website."],
        tags=["Transportation"]),
    "court": dict(
        section="local",
        headlines=["Judge blocks {city} {ordinance} ordinance",
                   "Court halts {city} {ordinance} rules while lawsuit proceeds"],
        deks=["The city said it is reviewing the decision.", "The ruling is temporary while the case moves forward."],
        ledes=["A {county} judge {when} temporarily blocked {city} from enforcing its new {ordinance} "
               "ordinance, saying opponents had raised serious questions about whether it was legal.",
               "{city} cannot enforce its {ordinance} ordinance while a lawsuit against it moves forward, a judge "
               "ruled {when}."],
        details=["The council approved the ordinance in {month} by a {votes} vote.",
                 "A group of residents and business owners sued, arguing the city had exceeded its authority.",
                 "Judge {judge} wrote that the plaintiffs were likely to succeed on at least one of their claims.",
                 "City attorneys argued that the rules were needed to address complaints from neighbors.",
                 "A hearing on the merits of the case has not yet been scheduled."],
        quotes=[("lawyer", "an attorney for the plaintiffs", "The court recognized that the city went further than the law allows."),
                ("official", "a city spokesperson", "We respect the court's process and are reviewing the ruling with our attorneys.")],
        closers=["The city has 30 days to decide whether to appeal.",
                 "Both sides are due back in court later this spring."],
        tags=["Courts"]),
    "hospital": dict(
        section="local",
        headlines=["{hospital} opens new {unit} wing",
                   "New {unit} unit opens at {hospital}"],
        deks=["The expansion adds {n2} beds.", "Hospital leaders said the unit will shorten wait times."],
        ledes=["{hospital} opened a new {unit} wing {when}, adding {n2} beds and staff that hospital leaders "
               "say will shorten waits for patients across {county}.",
               "Patients who once traveled hours for {unit} care can now be treated closer to home after {hospital} "
               "opened an expanded unit {when}."],
        details=["The {amount} project was paid for with a mix of hospital reserves and donations.",
                 "The hospital hired about {n} new employees, including nurses and technicians.",
                 "Before the expansion, some patients waited weeks for an appointment, according to hospital data.",
                 "The wing includes private rooms and space for family members to stay overnight."],
        quotes=[("director", "the hospital's chief executive", "Our community should not have to leave the county for this kind of care."),
                ("resident", "whose mother was treated at the hospital last year", "We drove two hours each way, twice a week. This changes everything for families like ours.")],
        closers=["Tours of the new wing are offered to the public on Saturday mornings this month."],
        tags=["Health"]),
    "sports": dict(
        section="sports",
        headlines=["{school} wins {sport} state title",
                   "{school} holds off {rival} for {sport} championship",
                   "Late rally lifts {school} to state {sport} crown"],
        deks=["It is the program's first title in {years} years.", "Senior {player} led the way."],
        ledes=["{school} won the state {sport} championship {when}, beating {rival} in a final that was not "
               "decided until the last minutes.",
               "Senior {player} scored the deciding points as {school} held off {rival} {when} to claim the "
               "state {sport} title."],
        details=["It was the program's first state championship since {last_year}.",
                 "{rival} led for most of the first half before {school} took control.",
                 "{player} finished with a team-high total and was named the tournament's most valuable player.",
                 "Hundreds of fans made the trip from {town} for the final.",
                 "{school} finished the season with {n2} straight wins.",
                 "The teams had split two meetings during the regular season, each winning on its home floor.",
                 "A 9-0 run early in the fourth quarter gave {school} its first lead since the opening minutes.",
                 "Free throws in the final minute sealed the win after {rival} cut the lead to two points."],
        quotes=[("coach", "coach", "These kids never stopped believing, even when we were down."),
                ("player", "senior", "We talked about this moment since we were freshmen. I still cannot believe it.")],
        closers=["A parade for the team is planned downtown on Saturday.",
                 "The team will be honored at the next school board meeting."],
        tags=["High School Sports"]),
    "drought": dict(
        section="environment",
        headlines=["Water restrictions tighten in {county} as drought deepens",
                   "{city} limits lawn watering as reservoir levels fall"],
        deks=["Outdoor watering will be limited to two days a week.", "Officials said restrictions could last through fall."],
        ledes=["{city} residents will be allowed to water lawns only two days a week under restrictions announced "
               "{when} as drought conditions worsen across {county}.",
               "With the reservoir that supplies {city} at its lowest level in years, water officials {when} "
               "ordered new limits on outdoor watering."],
        details=["The reservoir is at about {pct2} percent of capacity, compared with a typical level near 80 "
                 "percent for this time of year.",
                 "Rainfall in {county} has been below normal for {months} consecutive months.",
                 "Violators will get a warning first and could face fines for repeated offenses.",
                 "Farmers along the {river} River have also been asked to cut irrigation.",
                 "The utility is offering rebates for residents who replace lawns with drought-tolerant plants."],
        quotes=[("director", "the city's water director", "We are not in a crisis yet, and we want to keep it that way."),
                ("resident", "a {town} gardener", "I will let the grass go brown. The vegetables come first.")],
        closers=["The restrictions take effect next week and will be reviewed monthly."],
        tags=["Environment", "Water"]),
    "research": dict(
        section="environment",
        headlines=["{university} researchers track decline of {species} along the {river}",
                   "Study finds fewer {species} in {river} watershed"],
        deks=["Researchers said warmer water is one likely cause.", "The study drew on {years} years of field counts."],
        ledes=["The number of {species} along the {river} River has dropped by about {pct2} percent over the past "
               "two decades, according to a study released {when} by researchers at {university}.",
               "Researchers at {university} say {species} are disappearing from parts of the {river} watershed, "
               "and warmer water may be to blame."],
        details=["The team combined {years} years of field counts with water temperature records.",
                 "Volunteers from {town} helped collect samples at more than {n2} sites.",
                 "The study was published in a peer-reviewed journal and paid for in part by a state grant.",
                 "The researchers said the decline was steepest downstream of {city}.",
                 "Conservation groups said the findings support plans to restore shade trees along the riverbank."],
        quotes=[("expert", "a biologist who led the study", "The trend is clear. What we do not know yet is how quickly it can be reversed."),
                ("resident", "a volunteer with a local watershed group", "We used to see them every time we waded in. Now it is rare.")],
        closers=["The researchers plan to expand their survey to two more rivers next year."],
        tags=["Environment", "Science"]),
    "bridge": dict(
        section="local",
        headlines=["{bridge} Bridge to close for {months} months of repairs",
                   "Detours ahead as {city} shuts {bridge} Bridge"],
        deks=["The bridge carries about {n} hundred vehicles a day.", "Officials said the repairs cannot wait."],
        ledes=["The {bridge} Bridge in {city} will close to traffic for about {months} months starting next "
               "week so crews can replace its deck, city officials said {when}.",
               "Drivers who cross the {river} River on the {bridge} Bridge will need another route this year."],
        details=["An inspection last year found cracking in several support beams.",
                 "The repairs will cost about {amount}, most of it covered by federal highway funds.",
                 "Detour signs will send traffic to the next crossing, about {miles} miles away.",
                 "Pedestrians will be able to use a temporary walkway for most of the project.",
                 "Business owners near the bridge worried about losing customers during the closure."],
        quotes=[("official", "the city's public works director", "The bridge is safe today, but it will not stay that way without this work."),
                ("owner", "who runs a cafe near the bridge", "Summer is our busy season. We are going to feel this.")],
        closers=["Updates on the project will be posted on the city's website."],
        tags=["Transportation", "Infrastructure"]),
}

WIRE_KINDS: dict[str, dict] = {
    "senate": dict(
        section="nation", dateline="WASHINGTON",
        headlines=["Senate panel advances bill on {topic}", "Bipartisan {topic} bill clears key Senate committee"],
        deks=["The measure now heads to the full Senate."],
        ledes=["A Senate committee voted {when} to advance a bipartisan bill on {topic}, sending the measure to "
               "the full Senate for the first time."],
        details=["The committee vote was {votes}, with members of both parties supporting the bill.",
                 "Supporters said the measure would cost about {amount} over five years.",
                 "Sen. {senator}, a sponsor, said the bill had been negotiated for more than a year.",
                 "Some industry groups have raised concerns about new reporting requirements in the bill.",
                 "It is unclear when Senate leaders will schedule a floor vote."],
        quotes=[("senator", "Sen.", "This is what it looks like when both parties sit down and do the work."),
                ("expert", "a policy analyst", "The details matter here, and there is still a long way to go.")],
        closers=["A companion bill has been introduced in the House."],
        tags=["Congress"]),
    "recall": dict(
        section="nation", dateline="DETROIT",
        headlines=["Automaker recalls {n} thousand vehicles over {defect}",
                   "Recall covers {n} thousand SUVs with {defect}"],
        deks=["Owners will be notified by mail."],
        ledes=["An automaker is recalling about {n} thousand vehicles in the U.S. because of {defect}, "
               "federal safety regulators said {when}."],
        details=["The recall covers certain SUVs and pickups from the {last_year} and {year} model years.",
                 "Dealers will inspect and repair the vehicles at no cost to owners, according to documents "
                 "posted by the National Highway Traffic Safety Administration.",
                 "The company said it was not aware of any crashes or injuries related to the problem.",
                 "Owners can check whether their vehicles are affected by entering their vehicle identification "
                 "number on the agency's website.",
                 "In documents filed with regulators, the company said it first learned of the problem from "
                 "warranty claims and began an investigation in {month}.",
                 "Owners who already paid for repairs may be eligible for reimbursement, the company said."],
        quotes=[("official", "a company spokesperson", "Safety is our top priority, and we are moving quickly to fix this.")],
        closers=["Owner notification letters are expected to be mailed next month."],
        tags=["Autos"]),
    "prices": dict(
        section="nation", dateline="WASHINGTON",
        headlines=["Consumer prices rose {pct} percent over the past year, government says",
                   "Inflation ticks up in {month} as grocery costs climb"],
        deks=["Economists had expected a smaller increase."],
        ledes=["Consumer prices rose {pct} percent in {month} compared with a year earlier, the government said "
               "{when}, a sign that inflation remains stubborn."],
        details=["Grocery prices rose faster than overall inflation, led by beef, coffee and eggs.",
                 "Gas prices fell slightly from the previous month.",
                 "Economists surveyed before the report had expected a smaller increase.",
                 "The figures will be closely watched by Federal Reserve officials ahead of their next meeting.",
                 "Rent and other housing costs, the largest part of the index, continued to rise but at a slower pace."],
        quotes=[("economist", "an economist at a research firm", "It is not getting worse quickly, but it is not getting better quickly either."),
                ("resident", "a shopper in Ohio", "I buy less than I used to and I still spend more.")],
        closers=["The next inflation report is due next month."],
        tags=["Economy"]),
}

GENERIC_DETAILS = [
    "Officials said more information would be released in the coming weeks.",
    "The {city} area has grown by about {pct2} percent over the past decade, according to census figures, "
    "putting pressure on roads, schools and services.",
    "Similar debates have played out in other communities in {county} in recent years.",
    "Records obtained by the newspaper show the issue was first raised at a public meeting in {last_year}.",
]


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[0].upper() + text[1:] if text else text


def _attribute(rng: random.Random, name: str, role: str, quote: str, first_mention: bool) -> str:
    """Vary where the attribution sits, as reporters do."""
    if role in ("Mayor", "Superintendent", "Sen.", "council member", "board member", "coach", "senior"):
        described = f"{role} {name}"
    else:
        described = f"{name}, {role}"
    short = name.split()[-1]
    who = described if first_mention else short
    # An appositive ("Name, a parent of two") is closed by a comma before the verb.
    closed = who + "," if ", " in who else who
    q = quote.rstrip(".")
    form = rng.randrange(3) if first_mention else rng.randrange(2)
    if form == 0:
        return f"\u201c{q},\u201d said {who}."
    if form == 1:
        return f"\u201c{q},\u201d {closed} said."
    return f"{closed[0].upper()}{closed[1:]} said: \u201c{quote}\u201d"


def write_story(rng: random.Random, kind: str, place: Place, published: datetime, author: str,
                wire: bool = False) -> Story:
    spec = (WIRE_KINDS if wire else KINDS)[kind]
    slots = _slots(rng, place, published)
    slots["project_cap"] = slots["project"][0].upper() + slots["project"][1:]
    headline = _fill(rng.choice(spec["headlines"]), slots)
    dek = _fill(rng.choice(spec["deks"]), slots)
    lede = _fill(rng.choice(spec["ledes"]), slots)
    details = [_fill(t, slots) for t in spec["details"]]
    rng.shuffle(details)
    extra = [_fill(t, slots) for t in GENERIC_DETAILS] if not wire else []
    rng.shuffle(extra)
    quotes = list(spec["quotes"])
    rng.shuffle(quotes)
    target = rng.randint(6, 15)
    body: list[str] = []
    quoted: set[str] = set()
    pool = details + extra[: rng.randint(0, 2)]
    # Nut graf first, then alternate quotes with details so no two quotes sit together.
    while pool or quotes:
        if pool:
            body.append(pool.pop(0))
        if quotes and (len(body) % 2 == 1 or not pool):
            key, role, text = quotes.pop(0)
            name = slots[key]
            body.append(_attribute(rng, name, role.format(**slots), _fill(text, slots), key not in quoted))
            quoted.add(key)
        if len(body) >= target - 2:
            break
    paragraphs = [lede] + body + [_fill(rng.choice(spec["closers"]), slots)]
    if wire:
        paragraphs[0] = f"{spec['dateline']} (AP) \u2014 " + paragraphs[0]
    else:
        paragraphs[0] = paragraphs[0].replace("today", "on " + slots["weekday"])
    if place.uk:
        paragraphs = [_britishise(p) for p in paragraphs]
        headline, dek = _britishise(headline), _britishise(dek)
    return Story(kind=kind, section=spec["section"], headline=headline, dek=dek, paragraphs=paragraphs,
                 published=published, author=author, tags=list(spec["tags"]), wire=wire)


_UK = [("$", "\u00a3"), (" percent", " per cent"), ("Mayor ", "council leader "), ("Mayor", "Council leader"),
       ("City Council", "town council"), ("council member", "councillor"), ("Council member", "Councillor"),
       ("neighbors", "neighbours"), ("favor", "favour"), ("center", "centre"), ("program", "programme"),
       ("mph", "mph"), ("School Board", "education committee"), ("Superintendent", "Head of education"),
       ("Sheriff's deputies", "Police"), ("sophomore", "Year 12 pupil"), ("gas prices", "petrol prices"),
       ("High", "Academy"), ("state title", "county title"), ("state championship", "county championship"),
       ("county title", "county title"), ("federal", "government")]


def _britishise(text: str) -> str:
    for a, b in _UK:
        text = text.replace(a, b)
    return text
