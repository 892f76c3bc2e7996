/**
 * Demo data: Rwanda's two WPS National Action Plans.
 *
 * Pillar and output titles are worded exactly as in ../shared/seeds/rwanda-nap-2018-2022-summary.txt
 * (a test checks this). The plan's facts (period, first NAP 2009–2012, no allocated budget,
 * civil society on the steering committee) come from the same document.
 *
 * The summary does not reproduce the plan's responsibility table or its M&E framework, so the
 * responsibility matrix, indicators, targets and milestones below are illustrative and marked so,
 * except where a source is named (women's share of Rwanda's UN peacekeepers, from UN DPO data in
 * ../shared/data/un-peacekeeping/).
 */
import type { PlanFile } from "./types";

export const RWANDA_INSTITUTIONS: PlanFile["institutions"] = [
  { acronym: "MIGEPROF", name: "Ministry of Gender and Family Promotion", kind: "ministry" },
  { acronym: "MINALOC", name: "Ministry of Local Government", kind: "ministry" },
  { acronym: "MINADEF", name: "Ministry of Defence", kind: "ministry" },
  { acronym: "RDF", name: "Rwanda Defence Force", kind: "security_service" },
  { acronym: "RNP", name: "Rwanda National Police", kind: "security_service" },
  { acronym: "RCS", name: "Rwanda Correctional Service", kind: "security_service" },
  { acronym: "MINIJUST", name: "Ministry of Justice", kind: "ministry" },
  { acronym: "NPPA", name: "National Public Prosecution Authority", kind: "agency" },
  { acronym: "RIB", name: "Rwanda Investigation Bureau", kind: "agency" },
  { acronym: "MOH", name: "Ministry of Health", kind: "ministry" },
  { acronym: "MINEMA", name: "Ministry in charge of Emergency Management", kind: "ministry" },
  {
    acronym: "MINAFFET",
    name: "Ministry of Foreign Affairs and International Cooperation",
    kind: "ministry",
  },
  { acronym: "GMO", name: "Gender Monitoring Office", kind: "agency" },
  { acronym: "NWC", name: "National Women's Council", kind: "agency" },
  { acronym: "NISR", name: "National Institute of Statistics of Rwanda", kind: "agency" },
  { acronym: "MINECOFIN", name: "Ministry of Finance and Economic Planning", kind: "ministry" },
  { acronym: "PFTH", name: "Pro-Femmes/Twese Hamwe", kind: "civil_society" },
];

const PROVINCES = [
  { key: "kigali", label: "City of Kigali", districts: ["Gasabo", "Kicukiro", "Nyarugenge"] },
  {
    key: "northern",
    label: "Northern Province",
    districts: ["Burera", "Gakenke", "Gicumbi", "Musanze", "Rulindo"],
  },
  {
    key: "southern",
    label: "Southern Province",
    districts: [
      "Gisagara",
      "Huye",
      "Kamonyi",
      "Muhanga",
      "Nyamagabe",
      "Nyanza",
      "Nyaruguru",
      "Ruhango",
    ],
  },
  {
    key: "eastern",
    label: "Eastern Province",
    districts: ["Bugesera", "Gatsibo", "Kayonza", "Kirehe", "Ngoma", "Nyagatare", "Rwamagana"],
  },
  {
    key: "western",
    label: "Western Province",
    districts: ["Karongi", "Ngororero", "Nyabihu", "Nyamasheke", "Rubavu", "Rusizi", "Rutsiro"],
  },
];

const SEX = {
  key: "sex",
  name: "Sex",
  categories: [
    { key: "female", label: "Women" },
    { key: "male", label: "Men" },
  ],
};

const RWANDA_DIMENSIONS: PlanFile["dimensions"] = [
  SEX,
  {
    key: "province",
    name: "Province",
    categories: PROVINCES.map((p) => ({ key: p.key, label: p.label })),
  },
  {
    key: "district",
    name: "District",
    categories: PROVINCES.flatMap((p) =>
      p.districts.map((d) => ({ key: d.toLowerCase(), label: d, parent: `province/${p.key}` })),
    ),
  },
  {
    key: "personnel_type",
    name: "Personnel type",
    categories: [
      { key: "troops", label: "Troops" },
      { key: "staff_officers", label: "Staff officers" },
      { key: "experts_on_mission", label: "Experts on mission" },
      { key: "formed_police_units", label: "Formed police units" },
      { key: "individual_police", label: "Individual police" },
    ],
  },
];

const ILLUSTRATIVE = "Illustrative demo figure: not from the plan's M&E framework.";

/** Women's share (%) of Rwanda's uniformed personnel in UN missions. */
const PEACEKEEPING_SOURCE =
  "UN Department of Peace Operations, uniformed personnel by contributing country, mission and sex (UN open data, via corinnee/UN_Peacekeeping_Analytics, MIT).";

export const RWANDA_2018: PlanFile = {
  plan: {
    slug: "rwanda-2018-2022",
    countryCode: "RWA",
    countryName: "Rwanda",
    title: "Rwanda National Action Plan 2018–2022 for the Implementation of UNSCR 1325",
    generation: 2,
    startYear: 2018,
    endYear: 2022,
    status: "active",
    summary:
      "Rwanda's second National Action Plan on Women, Peace and Security, following the first NAP for 2009–2012, whose evaluation shaped this plan. It is “a living document; therefore yearly action plans will be developed, monitored and reported on in relation to the RNAP’s five pillars.” A comprehensive M&E framework with clear indicators and milestones is elaborated by Task Working Groups.",
    leadInstitution: "MIGEPROF",
    budgetStatement: "No budget is allocated to implement the NAP.",
    civilSocietyParticipation:
      "There was countrywide participation of civil society in drawing up the NAP. Civil society is also represented on the steering committee responsible for overseeing its implementation and monitoring.",
    pillarTerm: "objective",
    pillarTermPlural: "objectives",
    currency: "RWF",
    fiscalYearStartMonth: 7,
    originalLanguage: "en",
    activatedAt: "2018-07-01T00:00:00.000Z",
  },
  institutions: RWANDA_INSTITUTIONS,
  dimensions: RWANDA_DIMENSIONS,
  pillars: [
    {
      number: 1,
      title:
        "Meaningful and increased participation of women at decision - making levels in all institutions and mechanisms of governance, in particular at local levels",
      outputs: [
        {
          number: 1,
          title: "Increased and influence of women in local governance institutions mechanisms",
          lead: "MINALOC",
          supporting: ["MIGEPROF", "NWC", "GMO"],
          indicators: [
            {
              code: "1.1.a",
              title: "Share of women among elected members of district councils",
              unit: "percent",
              direction: "increase",
              baseline: { value: 43.5, year: 2016 },
              targets: { 2018: 44, 2019: 45, 2020: 46, 2021: 48, 2022: 50 },
              endTarget: 50,
              dataSource: "National Electoral Commission results",
              frequency: "annual",
              responsible: "MINALOC",
              dimensions: ["province"],
            },
          ],
        },
        {
          number: 2,
          title:
            "Increased participation and influence of women at strategic levels in the forces (defence, police and correctional services)",
          lead: "MINADEF",
          supporting: ["RDF", "RNP", "RCS"],
          indicators: [
            {
              code: "1.2.a",
              title: "Share of women among commissioned officers of RDF, RNP and RCS",
              unit: "percent",
              direction: "increase",
              baseline: { value: 12, year: 2017 },
              targets: { 2018: 13, 2019: 14, 2020: 15, 2021: 17, 2022: 20 },
              endTarget: 20,
              dataSource: "Personnel records of RDF, RNP and RCS",
              frequency: "annual",
              responsible: "MINADEF",
              dimensions: ["personnel_type"],
            },
          ],
          milestones: [
            {
              title: "Gender-sensitive recruitment and promotion guidelines adopted by the forces",
              dueDate: "2019-12-31",
              status: "achieved",
              responsible: "MINADEF",
            },
          ],
        },
        {
          number: 3,
          title: "Mechanisms for women’s participation in economic structures are strengthened",
          lead: "MIGEPROF",
          supporting: ["MINECOFIN", "NWC"],
          indicators: [
            {
              code: "1.3.a",
              title: "Number of women's cooperatives with access to formal credit",
              unit: "count",
              direction: "increase",
              baseline: { value: 1200, year: 2017 },
              targets: { 2018: 1400, 2019: 1600, 2020: 1800, 2021: 2000, 2022: 2200 },
              endTarget: 2200,
              dataSource: "Rwanda Cooperative Agency register",
              frequency: "annual",
              responsible: "MIGEPROF",
              dimensions: ["province"],
            },
          ],
        },
      ],
    },
    {
      number: 2,
      title: "Increased efforts in conflict and SGBV prevention at the local level",
      outputs: [
        {
          number: 1,
          title: "Increased public awareness on GBV issues",
          lead: "MIGEPROF",
          supporting: ["MINALOC", "RNP", "NWC"],
          indicators: [
            {
              code: "2.1.a",
              title: "Number of people reached by community GBV awareness sessions",
              unit: "count",
              direction: "increase",
              baseline: { value: 150000, year: 2017 },
              targets: { 2018: 200000, 2019: 250000, 2020: 300000, 2021: 350000, 2022: 400000 },
              endTarget: 400000,
              dataSource: "District GBV committee activity reports",
              frequency: "quarterly",
              responsible: "MIGEPROF",
              dimensions: ["sex", "province"],
            },
          ],
        },
        {
          number: 2,
          title: "Improved accountability mechanisms for GBV at the local level",
          lead: "MINALOC",
          supporting: ["RIB", "GMO"],
          indicators: [
            {
              code: "2.2.a",
              title: "Share of districts whose anti-GBV committee met at least quarterly",
              unit: "percent",
              direction: "increase",
              baseline: { value: 60, year: 2017 },
              targets: { 2018: 70, 2019: 80, 2020: 90, 2021: 100, 2022: 100 },
              endTarget: 100,
              dataSource: "MINALOC district performance reports",
              frequency: "annual",
              responsible: "MINALOC",
              dimensions: ["province"],
            },
          ],
        },
        {
          number: 3,
          title: "Gender responsive early warning and conflict prevention mechanisms established",
          lead: "RNP",
          supporting: ["MINALOC", "MINEMA", "NWC"],
          indicators: [
            {
              code: "2.3.a",
              title:
                "Number of districts with an operational gender-responsive early-warning mechanism",
              unit: "count",
              direction: "increase",
              baseline: { value: 5, year: 2017 },
              targets: { 2018: 10, 2019: 15, 2020: 20, 2021: 25, 2022: 30 },
              endTarget: 30,
              dataSource: "RNP community policing reports",
              frequency: "annual",
              responsible: "RNP",
              dimensions: ["district"],
            },
          ],
          milestones: [
            {
              title: "GBV early-warning mechanism operational in all 30 districts",
              dueDate: "2022-06-30",
              status: "in_progress",
              responsible: "RNP",
            },
          ],
        },
      ],
    },
    {
      number: 3,
      title:
        "Effective and operational Isange One Stop Centres across the country that provide free and comprehensive services to SGBV victims",
      outputs: [
        {
          number: 1,
          title:
            "Improved capacity of the legal/justice sector in the management of sexual violence cases",
          lead: "MINIJUST",
          supporting: ["NPPA", "RIB"],
          indicators: [
            {
              code: "3.1.a",
              title: "Share of prosecuted SGBV cases decided within six months",
              unit: "percent",
              direction: "increase",
              baseline: { value: 55, year: 2017 },
              targets: { 2018: 60, 2019: 65, 2020: 70, 2021: 75, 2022: 80 },
              endTarget: 80,
              dataSource: "NPPA case management system",
              frequency: "annual",
              responsible: "NPPA",
              dimensions: ["province"],
            },
            {
              code: "3.1.b",
              title: "Number of SGBV cases received by the prosecution",
              definition:
                "Cases of sexual and gender-based violence received by the National Public Prosecution Authority in the year. A rise may reflect better reporting rather than more violence.",
              unit: "count",
              direction: "maintain",
              baseline: { value: 4300, year: 2017 },
              targets: {},
              dataSource: "NPPA case management system",
              frequency: "annual",
              responsible: "NPPA",
              sensitive: true,
              dimensions: ["sex", "district"],
            },
          ],
        },
        {
          number: 2,
          title: "Increased accountability of IOSCs in providing timely and comprehensive services",
          lead: "MOH",
          supporting: ["RIB", "MIGEPROF"],
          indicators: [
            {
              code: "3.2.a",
              title: "Number of Isange One Stop Centres providing the full package of services",
              unit: "count",
              direction: "increase",
              baseline: { value: 44, year: 2017 },
              targets: { 2018: 46, 2019: 48, 2020: 50, 2021: 52, 2022: 54 },
              endTarget: 54,
              dataSource: "MOH health facility reports",
              frequency: "annual",
              responsible: "MOH",
              dimensions: ["province"],
            },
          ],
          milestones: [
            {
              title:
                "National service standards for Isange One Stop Centres reviewed and published",
              dueDate: "2020-12-31",
              status: "delayed",
              responsible: "MOH",
            },
          ],
        },
      ],
    },
    {
      number: 4,
      title:
        "Increased accountability for gender in humanitarian assistance including disarmament and demobilization programs and economic reconstruction efforts in Rwanda",
      outputs: [
        {
          number: 1,
          title:
            "Functional mechanisms for relief, recovery and rehabilitation of women refugees in Rwanda",
          lead: "MINEMA",
          supporting: ["MIGEPROF", "MOH"],
          indicators: [
            {
              code: "4.1.a",
              title: "Share of refugee women in camps enrolled in livelihood programmes",
              unit: "percent",
              direction: "increase",
              baseline: { value: 20, year: 2017 },
              targets: { 2018: 25, 2019: 30, 2020: 35, 2021: 40, 2022: 45 },
              endTarget: 45,
              dataSource: "MINEMA camp management reports",
              frequency: "semi_annual",
              responsible: "MINEMA",
              dimensions: [],
            },
          ],
        },
        {
          number: 2,
          title:
            "Gender integrated programs for inclusion and participation of women in humanitarian, early recovery, relief and peace building programs are established",
          lead: "MINEMA",
          supporting: ["MINALOC", "MINECOFIN"],
          indicators: [
            {
              code: "4.2.a",
              title:
                "Number of humanitarian and recovery programmes with a published gender analysis",
              unit: "count",
              direction: "increase",
              baseline: { value: 2, year: 2017 },
              targets: { 2018: 3, 2019: 5, 2020: 7, 2021: 9, 2022: 10 },
              endTarget: 10,
              dataSource: "MINEMA programme documents",
              frequency: "annual",
              responsible: "MINEMA",
              dimensions: [],
            },
          ],
        },
        {
          number: 3,
          title:
            "Reinforce response mechanisms and structures for women's access to socio - economic services and rights",
          lead: "MIGEPROF",
          supporting: ["MINALOC", "MOH"],
          indicators: [
            {
              code: "4.3.a",
              title: "Share of demobilised women ex-combatants receiving reintegration support",
              unit: "percent",
              direction: "increase",
              baseline: { value: 70, year: 2017 },
              targets: { 2018: 75, 2019: 80, 2020: 85, 2021: 90, 2022: 95 },
              endTarget: 95,
              dataSource: "Rwanda Demobilisation and Reintegration Commission records",
              frequency: "annual",
              responsible: "MIGEPROF",
              dimensions: [],
            },
          ],
        },
      ],
    },
    {
      number: 5,
      title:
        "Policy frameworks to support effective participation of women in regional and international peace processes are developed",
      outputs: [
        {
          number: 1,
          title:
            "Institutional capacity is strengthened to ensure that commitments to UNSCR 1325 and related resolutions are incorporated and acted upon",
          lead: "MIGEPROF",
          supporting: ["MINAFFET", "GMO"],
          indicators: [
            {
              code: "5.1.a",
              title: "Number of sector strategic plans that include UNSCR 1325 commitments",
              unit: "count",
              direction: "increase",
              baseline: { value: 3, year: 2017 },
              targets: { 2018: 5, 2019: 7, 2020: 9, 2021: 11, 2022: 12 },
              endTarget: 12,
              dataSource: "GMO gender audits of sector strategic plans",
              frequency: "annual",
              responsible: "GMO",
              dimensions: [],
            },
          ],
          milestones: [
            {
              title: "Yearly action plan for 2019/20 adopted by the NAP steering committee",
              dueDate: "2019-09-30",
              status: "achieved",
              responsible: "MIGEPROF",
            },
          ],
        },
        {
          number: 2,
          title:
            "Inclusion and active engagement of women in regional and international mechanisms and forums for conflict prevention, management and peace building",
          lead: "MINAFFET",
          supporting: ["MINADEF", "RNP"],
          indicators: [
            {
              code: "5.2.a",
              title: "Women's share of Rwanda's uniformed personnel in UN peacekeeping missions",
              definition:
                "Female uniformed personnel (troops, staff officers, experts on mission, police) contributed by Rwanda to UN peace operations, as a percentage of all uniformed personnel Rwanda contributed; yearly average of monthly figures.",
              unit: "percent",
              direction: "increase",
              baseline: { value: 4.23, year: 2017 },
              targets: { 2018: 5, 2019: 6, 2020: 7, 2021: 8, 2022: 10 },
              endTarget: 10,
              dataSource: PEACEKEEPING_SOURCE,
              frequency: "monthly",
              responsible: "MINADEF",
              dimensions: ["sex", "personnel_type"],
              provenance: `Baseline and values: ${PEACEKEEPING_SOURCE} Yearly shares computed as women ÷ all uniformed personnel from the yearly averages; 2021 is the 31 January 2021 snapshot (585 women of 6,378). Targets are illustrative.`,
              realBaseline: true,
              observations: [
                { year: 2018, value: 5.2 },
                { year: 2019, value: 6.45 },
                { year: 2020, value: 7.21 },
                { year: 2021, value: 9.17 },
              ],
            },
          ],
        },
        {
          number: 3,
          title: "Strengthened responsiveness of Rwandan forces to address SGBV",
          lead: "RDF",
          supporting: ["RNP", "RCS"],
          indicators: [
            {
              code: "5.3.a",
              title: "Number of security personnel trained in SGBV prevention and response",
              unit: "count",
              direction: "increase",
              baseline: { value: 2500, year: 2017 },
              targets: { 2018: 3500, 2019: 4500, 2020: 5500, 2021: 6500, 2022: 7500 },
              endTarget: 7500,
              dataSource: "RDF and RNP training records",
              frequency: "semi_annual",
              responsible: "RDF",
              dimensions: ["sex", "personnel_type"],
            },
          ],
        },
        {
          number: 4,
          title:
            "Research and documentation carried out to understand the needs of women and girls within the WPS agenda",
          lead: "GMO",
          supporting: ["NISR", "MIGEPROF"],
          indicators: [
            {
              code: "5.4.a",
              title: "Number of studies on women, peace and security published",
              unit: "count",
              direction: "increase",
              baseline: { value: 1, year: 2017 },
              targets: { 2018: 2, 2019: 3, 2020: 4, 2021: 5, 2022: 6 },
              endTarget: 6,
              dataSource: "GMO and NISR publication lists",
              frequency: "annual",
              responsible: "GMO",
              dimensions: [],
            },
          ],
          milestones: [
            {
              title: "Baseline study on women, peace and security in Rwanda published",
              dueDate: "2019-06-30",
              status: "achieved",
              responsible: "GMO",
            },
          ],
        },
      ],
    },
  ],
  illustrativeNote: ILLUSTRATIVE,
};

export const RWANDA_2009: PlanFile = {
  plan: {
    slug: "rwanda-2009-2012",
    countryCode: "RWA",
    countryName: "Rwanda",
    title: "Rwanda National Action Plan 2009–2012 for the Implementation of UNSCR 1325",
    generation: 1,
    startYear: 2009,
    endYear: 2012,
    status: "closed",
    summary:
      "Rwanda's first National Action Plan on Women, Peace and Security. It was evaluated, and the lessons learned were put at the forefront of the design of the 2018–2022 plan.",
    leadInstitution: "MIGEPROF",
    budgetStatement: null,
    civilSocietyParticipation: null,
    pillarTerm: "priority",
    pillarTermPlural: "priorities",
    currency: "RWF",
    fiscalYearStartMonth: 7,
    originalLanguage: "en",
    activatedAt: "2009-07-01T00:00:00.000Z",
  },
  institutions: RWANDA_INSTITUTIONS,
  dimensions: [SEX],
  pillars: [
    { number: 1, title: "Prevention of gender-based violence", outputs: [] },
    { number: 2, title: "Protection and rehabilitation of victims' dignity", outputs: [] },
    { number: 3, title: "Participation and representation", outputs: [] },
    { number: 4, title: "Women and gender promotion", outputs: [] },
    { number: 5, title: "Coordination, monitoring and evaluation", outputs: [] },
  ],
  illustrativeNote: ILLUSTRATIVE,
};
