// The dossier of the demo client, after the manuals: the Hilverzorg home screen's "Bijzonderheden — De wond heeft
// zich goed hersteld", Careyn's "Afspraak = afspraak" form, Pluryn's notice that the plan has changed, three weeks
// of reports by Maria de Bruin (EVV'er) and colleagues, and a care plan with two expired versions (Historie).
// Times are Amsterdam wall-clock times relative to the clock; rows are upserts by (source, external id), so a rerun
// moves them along with the clock instead of adding more.
import { upsertEhrItem } from '../db/repos/dossier.ts';
import { upsertPlan } from '../db/repos/care-plans.ts';
import { addDays, amsterdamDate, amsterdamToUtc, type LocalDate } from '../appointments/amsterdam.ts';
import { DEMO_EHR } from '../appointments/demo-appointments.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import type { CarePlanContent } from '../../shared/api/dossier.ts';

const at = (d: LocalDate, h: number, m = 0) => amsterdamToUtc(d, h, m).toISOString();

const STAFF = [
  { name: 'Maria de Bruin', discipline: "EVV'er" },
  { name: 'Joost Verbeek', discipline: 'Fysiotherapeut' },
  { name: 'Fatima el Amrani', discipline: 'Verzorgende IG' },
] as const;

const REPORTS: ReadonlyArray<readonly [string, string]> = [
  [
    'Dagrapportage',
    'Mevrouw heeft goed geslapen en met smaak ontbeten. Ze was vrolijk en vertelde over haar kleindochter.',
  ],
  [
    'Dagrapportage',
    'Mevrouw heeft vanmiddag een wandeling in de tuin gemaakt met haar rollator. Ze was daarna moe maar tevreden.',
  ],
  ['Wondzorg', 'Het verband om de wond aan het onderbeen is verschoond. De wond ziet er rustig uit, geen roodheid.'],
  ['Dagrapportage', 'Mevrouw had vandaag wat last van haar rug. Zij heeft een paracetamol gekregen en daarna gerust.'],
  ['Fysiotherapie', 'Oefeningen voor balans en looptraining gedaan. Mevrouw loopt stabieler dan vorige week.'],
  ['Dagrapportage', 'Dochter Annie is op bezoek geweest. Samen koffie gedronken in het restaurant.'],
  ['Eten en drinken', 'Mevrouw drinkt te weinig. Afgesproken dat we haar vaker een glas water of thee aanbieden.'],
];

const PLAN_TITLE = 'Zorgleefplan';

function planContent(version: number, evaluatedOn: string): CarePlanContent {
  const goals = [
    'Mevrouw blijft zo lang mogelijk zelfstandig lopen met haar rollator.',
    'Mevrouw houdt contact met haar familie en medebewoners.',
  ];
  if (version >= 2) goals.push('De wond aan het onderbeen geneest goed.');
  return {
    mainGoals: goals,
    workPlans: [
      {
        discipline: "EVV'er",
        goals: ['Mevrouw voelt zich thuis op de afdeling.'],
        actions: ['Elke maand een gesprek met mevrouw en haar dochter over hoe het gaat.'],
      },
      {
        discipline: 'Verzorgende IG',
        goals: ['Mevrouw wordt geholpen bij wassen en aankleden waar nodig.'],
        actions:
          version >= 2
            ? ['Dagelijks helpen bij douchen.', 'Om de dag het verband van de wond verschonen.']
            : ['Dagelijks helpen bij douchen.'],
      },
      {
        discipline: 'Fysiotherapeut',
        goals: ['Mevrouw valt niet.'],
        actions: ['Twee keer per week balans- en looptraining.'],
      },
    ],
    evaluations:
      version >= 2
        ? [
            {
              date: evaluatedOn,
              text:
                version >= 3
                  ? 'De wond is goed hersteld. Mevrouw loopt stabieler; de looptraining gaat door.'
                  : 'Mevrouw heeft een wond aan het onderbeen; wondzorg toegevoegd aan het plan.',
            },
          ]
        : [],
  };
}

export function seedDemoDossier(deps: { db: Db; clock: Clock }, clientId: number): void {
  const now = deps.clock.now();
  const syncedAt = now.toISOString();
  const today = amsterdamDate(now);
  const day = (n: number) => addDays(today, n);
  const ext = (what: string) => `client-${clientId}-${what}`;
  deps.db.transaction(() => {
    // Three weeks of daily reports, the newest yesterday evening.
    for (let n = 21; n >= 1; n--) {
      const staff = STAFF[n % STAFF.length]!;
      const [title, text] = REPORTS[n % REPORTS.length]!;
      upsertEhrItem(deps.db, {
        clientId,
        kind: 'report',
        occurredAt: at(day(-n), 10 + (n % 8), 15),
        title,
        text,
        fields: null,
        authorName: n % 2 === 0 ? 'Maria de Bruin' : staff.name,
        discipline: n % 2 === 0 ? "EVV'er" : staff.discipline,
        source: DEMO_EHR,
        externalId: ext(`rapportage-${n}`),
        syncedAt,
      });
    }
    // The manual's example, today: the newest report, shown on the home panel.
    upsertEhrItem(deps.db, {
      clientId,
      kind: 'report',
      occurredAt: at(day(0), 11, 38) < syncedAt ? at(day(0), 11, 38) : at(day(-1), 11, 38),
      title: 'Bijzonderheden',
      text: 'De wond heeft zich goed hersteld.',
      fields: null,
      authorName: 'Maria de Bruin',
      discipline: "EVV'er",
      source: DEMO_EHR,
      externalId: ext('bijzonderheden-1'),
      syncedAt,
    });
    upsertEhrItem(deps.db, {
      clientId,
      kind: 'form',
      occurredAt: at(day(-6), 14, 0),
      title: 'Afspraak = afspraak',
      text: '',
      fields: [
        { label: 'Afspraak', value: 'Mevrouw belt de zusterpost als zij zich niet lekker voelt.' },
        { label: 'Met wie', value: 'Truus van Dorp en Maria de Bruin' },
        { label: 'Geldig tot', value: 'Volgende evaluatie van het zorgleefplan' },
        { label: 'Evaluatie', value: 'Gaat goed, mevrouw belt op tijd.' },
      ],
      authorName: 'Maria de Bruin',
      discipline: "EVV'er",
      source: DEMO_EHR,
      externalId: ext('afspraak-1'),
      syncedAt,
    });
    upsertEhrItem(deps.db, {
      clientId,
      kind: 'notice',
      occurredAt: at(day(-14), 9, 0),
      title: 'Plan is gewijzigd',
      text: `Het ${PLAN_TITLE.toLowerCase()} is gewijzigd. U vindt het nieuwe plan onder Plannen.`,
      fields: null,
      authorName: 'Maria de Bruin',
      discipline: "EVV'er",
      source: DEMO_EHR,
      externalId: ext('melding-plan-3'),
      syncedAt,
    });
    // Version 1 and 2 expired; version 3 current since two weeks.
    const starts: LocalDate[] = [day(-180), day(-90), day(-14)];
    for (let v = 1; v <= 3; v++) {
      const content = planContent(v, formatLocal(addDays(starts[v - 1]!, -1)));
      upsertPlan(deps.db, {
        clientId,
        title: PLAN_TITLE,
        version: v,
        validFrom: at(starts[v - 1]!, 0),
        validTo: v < 3 ? at(starts[v]!, 0) : null,
        content,
        source: DEMO_EHR,
        externalId: ext('zorgleefplan'),
        syncedAt,
      });
    }
  })();
}

const formatLocal = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
